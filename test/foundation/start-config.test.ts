/**
 * `npm start` refuses configuration that would make sign-in weak, before it touches the data directory, with a
 * message that names the variable: a session secret under 32 bytes, an ADMIN_PASSWORD that `admin create` would
 * refuse, an ADMIN_EMAIL that is not an address.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tessera-config-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function start(env: Record<string, string>) {
  return spawnSync(process.execPath, [require.resolve('tsx/cli'), 'scripts/start.ts'], {
    env: { ...process.env, TESSERA_DATA_DIR: dataDir, PORT: '1', HOSTNAME: '127.0.0.1', DATABASE_URL: '', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

describe('start-up configuration checks', () => {
  it.each([
    ['AUTH_SECRET', { AUTH_SECRET: 'too-short-secret' }, /AUTH_SECRET: must be at least 32 bytes/],
    ['ADMIN_PASSWORD', { ADMIN_EMAIL: 'admin@example.test', ADMIN_PASSWORD: 'short' }, /ADMIN_PASSWORD: must be at least 10 characters/],
    ['ADMIN_EMAIL', { ADMIN_EMAIL: 'not an address', ADMIN_PASSWORD: 'a long enough password' }, /ADMIN_EMAIL: must be an e-mail address/],
  ])('refuses a weak %s with a clear error and writes nothing', (_name, env, message) => {
    const r = start(env);
    expect(r.status, r.stdout + r.stderr).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(readdirSync(dataDir)).toEqual([]);
  });
});
