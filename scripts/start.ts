/**
 * `npm start`: one command from a fresh clone to a running Tessera.
 *  1. lock TESSERA_DATA_DIR (PGlite has no lock of its own);
 *  2. with no DATABASE_URL, serve the embedded PGlite database in this process (data under <dataDir>/pgdata);
 *  3. apply migrations with Prisma's WebAssembly engine (no download);
 *  4. bootstrap (master key check, CA, profile signer, admin from env);
 *  5. build the Next app if it has not been built, then run `next start` as a child with the database URL.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError, parseEnv } from '../lib/env';
import { MasterKeyError, loadMasterKey } from '../lib/secrets/master-key';
import { bootstrap } from '../lib/server/boot/bootstrap';
import { DataDirLockedError, acquireDataDirLock } from '../lib/server/boot/data-dir-lock';
import { writeCliCredential } from '../lib/server/boot/cli-credential';
import { buildIfNeeded } from './build-if-needed';
import { startEmbeddedPostgres } from '../lib/store/embedded-postgres';
import { applyMigrations } from '../lib/store/migrate';
import { createPrisma } from '../lib/store/prisma';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const log = (line: string) => console.log(`[tessera] ${line}`);

async function readOrCreateSecret(file: string): Promise<string> {
  const existing = await readFile(file, 'utf8').catch(() => null);
  if (existing?.trim()) return existing.trim();
  const secret = randomBytes(32).toString('base64url');
  await writeFile(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

async function main(): Promise<void> {
  const env = parseEnv();
  const lock = await acquireDataDirLock(env.dataDir, env.PORT);
  let embedded: Awaited<ReturnType<typeof startEmbeddedPostgres>> | null = null;
  const cleanup = async () => {
    await embedded?.stop().catch(() => undefined);
    await lock.release();
  };
  try {
    let url = env.DATABASE_URL;
    if (!url) {
      log(`Using the embedded database in ${path.join(env.dataDir, 'pgdata')} (set DATABASE_URL to use a Postgres server).`);
      embedded = await startEmbeddedPostgres({ dataDir: path.join(env.dataDir, 'pgdata') });
      url = embedded.url;
    }
    const applied = await applyMigrations(url);
    log(applied.length ? `Applied migrations: ${applied.join(', ')}` : 'Database schema is up to date.');

    const masterKey = await loadMasterKey({ envValue: env.TESSERA_MASTER_KEY, dataDir: env.dataDir });
    const db = createPrisma(url, { poolSize: 1 });
    try {
      const report = await bootstrap(db, masterKey, {
        caSubject: env.TESSERA_CA_SUBJECT,
        caKeyBits: env.TESSERA_CA_KEY_BITS,
        caValidityDays: env.TESSERA_CA_VALIDITY_DAYS,
        adminEmail: env.ADMIN_EMAIL,
        adminPassword: env.ADMIN_PASSWORD,
        log,
      });
      log(`CA "${report.ca.info.subject}" SHA-256 ${report.ca.info.sha256Hex}, valid until ${report.ca.info.notAfter.toISOString()}.`);
    } finally {
      await db.$disconnect(); // the embedded database takes exactly one connection: hand it to the web server
    }

    const authSecret = env.AUTH_SECRET ?? (await readOrCreateSecret(path.join(env.dataDir, 'auth-secret')));
    const cliToken = await writeCliCredential(env.dataDir);
    // The Docker image runs Next's standalone server, built at image build time.
    const standalone = path.join(root, '.next', 'standalone', 'server.js');
    const useStandalone = process.env.TESSERA_STANDALONE === '1' && existsSync(standalone);
    if (!useStandalone) buildIfNeeded(log);

    const publicUrl = env.TESSERA_PUBLIC_URL ?? `http://localhost:${env.PORT}`;
    // Standalone (Docker image): Next's generated server.js. Otherwise Tessera's own server around Next's handler,
    // which passes the socket's peer address on (scripts/http-server.ts).
    const command = useStandalone ? [standalone] : [require.resolve('tsx/cli'), path.join(root, 'scripts', 'http-server.ts')];
    const child = spawn(process.execPath, command, {
      cwd: root,
      stdio: 'inherit',
      env: {
        ...process.env,
        DATABASE_URL: url,
        TESSERA_DATA_DIR: env.dataDir,
        AUTH_SECRET: authSecret,
        NEXTAUTH_SECRET: authSecret,
        NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? publicUrl,
        TESSERA_CLI_TOKEN: cliToken,
        NEXT_TELEMETRY_DISABLED: '1',
        PORT: String(env.PORT),
        HOSTNAME: env.HOSTNAME,
      },
    });
    log(`Serving on http://${env.HOSTNAME === '0.0.0.0' ? 'localhost' : env.HOSTNAME}:${env.PORT} (public URL ${publicUrl}).`);
    const stop = (signal: NodeJS.Signals) => child.kill(signal);
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    const code = await new Promise<number>((resolve) => child.on('exit', (c, s) => resolve(c ?? (s ? 0 : 1))));
    await cleanup();
    process.exit(code);
  } catch (e) {
    await cleanup();
    throw e;
  }
}

main().catch((e: unknown) => {
  if (e instanceof ConfigError || e instanceof MasterKeyError || e instanceof DataDirLockedError) {
    console.error(`[tessera] ${e.message}`);
  } else {
    console.error('[tessera] start-up failed:', e);
  }
  process.exit(1);
});
