/**
 * The composition root of a running Tessera process (Next server, or the CLI in local mode): configuration, the
 * database client, the master key and the loaded CA. Route handlers and server actions get everything from here.
 */
import { env as readEnv, type TesseraEnv } from '../env';
import { loadMasterKey, type MasterKey } from '../secrets/master-key';
import { createPrisma, type Db } from '../store/prisma';
import { loadAuthority, type LoadedAuthority } from './ca/load-authority';

export interface Runtime {
  env: TesseraEnv;
  db: Db;
  masterKey: MasterKey;
  /** The active SCEP CA (cached; `reload()` after an import). */
  ca(): Promise<LoadedAuthority>;
  profileSigner(): Promise<LoadedAuthority>;
  reload(): void;
}

export class NotBootstrappedError extends Error {
  override name = 'NotBootstrappedError';
}

export async function createRuntime(env: TesseraEnv, databaseUrl: string, opts: { poolSize?: number } = {}): Promise<Runtime> {
  const db = createPrisma(databaseUrl, opts);
  const masterKey = await loadMasterKey({ envValue: env.TESSERA_MASTER_KEY, dataDir: env.dataDir });
  let ca: Promise<LoadedAuthority> | undefined;
  let signer: Promise<LoadedAuthority> | undefined;
  const must = (role: 'scep-ca' | 'profile-signer') => async () => {
    const a = await loadAuthority(db, masterKey, role);
    if (!a) throw new NotBootstrappedError(`no active ${role}: start Tessera with \`npm start\` once to create it`);
    return a;
  };
  return {
    env,
    db,
    masterKey,
    ca: () => (ca ??= must('scep-ca')().catch((e: unknown) => { ca = undefined; throw e; })),
    profileSigner: () => (signer ??= must('profile-signer')().catch((e: unknown) => { signer = undefined; throw e; })),
    reload() {
      ca = undefined;
      signer = undefined;
    },
  };
}

const holder = globalThis as unknown as { __tesseraRuntime?: Promise<Runtime> };

/** The process-wide runtime, created on first use from the environment (DATABASE_URL is set by `npm start`). */
export function getRuntime(): Promise<Runtime> {
  holder.__tesseraRuntime ??= (async () => {
    const env = readEnv();
    if (!env.DATABASE_URL) throw new Error('DATABASE_URL is not set: start Tessera with `npm start`, which provides the embedded database');
    return createRuntime(env, env.DATABASE_URL);
  })().catch((e: unknown) => {
    holder.__tesseraRuntime = undefined;
    throw e;
  });
  return holder.__tesseraRuntime;
}

/** For tests: install a runtime built elsewhere. */
export function setRuntime(runtime: Runtime | undefined): void {
  holder.__tesseraRuntime = runtime ? Promise.resolve(runtime) : undefined;
}
