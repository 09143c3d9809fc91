/**
 * Starts a real Tessera exactly as `npm start` does (scripts/start.ts: lock, embedded PGlite or Postgres, migrations,
 * bootstrap, `next start`) on a free loopback port with a fresh data directory — or a fresh Postgres database when
 * TEST_DATABASE_URL/DATABASE_URL is set. Used by interop tests (Debian's scepclient), the benchmark and e2e.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { driverUrl } from '../../lib/store/database-url';
import { serverUrlForTests } from './test-database';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);

export interface TesseraServer {
  url: string;
  port: number;
  dataDir: string;
  env: Record<string, string>;
  output(): string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

async function freshDatabase(): Promise<{ url: string; drop(): Promise<void> } | null> {
  const server = serverUrlForTests();
  if (!server) return null;
  const name = `tessera_srv_${randomBytes(6).toString('hex')}`;
  const c = new pg.Client({ connectionString: driverUrl(server) });
  await c.connect();
  await c.query(`CREATE DATABASE "${name}"`);
  await c.end();
  const u = new URL(server);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    async drop() {
      const d = new pg.Client({ connectionString: driverUrl(server) });
      await d.connect();
      await d.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await d.end();
    },
  };
}

export async function startTesseraServer(
  extraEnv: Record<string, string> = {},
  opts: { timeoutMs?: number; /** reuse (and keep) this data directory */ dataDir?: string; /** force the embedded database */ embedded?: boolean } = {},
): Promise<TesseraServer> {
  const port = await freePort();
  const dataDir = opts.dataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'tessera-srv-')));
  const db = opts.embedded ? null : await freshDatabase();
  const env: Record<string, string> = {
    PORT: String(port),
    HOSTNAME: '127.0.0.1',
    TESSERA_DATA_DIR: dataDir,
    TESSERA_PUBLIC_URL: `http://127.0.0.1:${port}`,
    ADMIN_EMAIL: 'admin@example.test',
    ADMIN_PASSWORD: 'correct horse battery staple',
    ...(db ? { DATABASE_URL: db.url } : {}),
    ...extraEnv,
  };
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  if (!db && !extraEnv.DATABASE_URL) delete childEnv.DATABASE_URL;
  const child: ChildProcess = spawn(process.execPath, [require.resolve('tsx/cli'), path.join(root, 'scripts', 'start.ts')], {
    cwd: root,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (opts.timeoutMs ?? 180_000);
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    }
    await db?.drop().catch(() => undefined);
    if (!opts.dataDir) await rm(dataDir, { recursive: true, force: true });
  };
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Tessera exited with ${child.exitCode} during start-up:\n${output}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`Tessera did not become healthy in time:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { url, port, dataDir, env, output: () => output, stop };
}

/**
 * fetch with one retry on a reset socket: Next's server closes idle keep-alive connections, and undici may pick such
 * a connection just as it closes ("other side closed"). A real failure still fails on the second try.
 */
export async function fetchRetry(input: string, init?: RequestInit): Promise<Response> {
  try {
    return await fetch(input, init);
  } catch (e) {
    if (!(e instanceof TypeError)) throw e;
    return fetch(input, init);
  }
}
