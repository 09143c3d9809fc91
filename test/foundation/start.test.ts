/**
 * `npm start` end to end on the embedded default: serves / and /api/health; a second start on the same data dir is
 * refused; the CLI works while the server runs; after a restart the CA fingerprint and the data are unchanged.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCliAsync as runCli } from '../support/run-cli';
import { fetchRetry, startTesseraServer } from '../support/tessera-server';

const require = createRequire(import.meta.url);
let dataDir = '';
afterAll(async () => {
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('npm start (embedded database)', () => {
  it('serves, refuses a second instance, answers the CLI, and restarts onto the same CA and data', async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'tessera-start-'));
    const first = await startTesseraServer({}, { dataDir, embedded: true });
    let fingerprint: string;
    try {
      expect((await fetchRetry(`${first.url}/`)).status).toBe(200);
      const health = await (await fetchRetry(`${first.url}/api/health`)).json();
      expect(health).toMatchObject({ status: 'ok', database: { ok: true }, ca: { present: true } });
      fingerprint = health.ca.sha256;

      const second = spawnSync(process.execPath, [require.resolve('tsx/cli'), 'scripts/start.ts'], {
        env: { ...process.env, TESSERA_DATA_DIR: dataDir, PORT: '1', DATABASE_URL: '' },
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(second.status).toBe(1);
      expect(second.stderr).toMatch(/Another Tessera process \(pid \d+, port \d+.*is using the data directory/);

      const created = await runCli(['challenge', 'create', '--note', 'restart-check', '--json'], { TESSERA_DATA_DIR: dataDir, DATABASE_URL: '' });
      expect(created.status, created.stderr).toBe(0);
      expect(created.json().note).toBe('restart-check');
    } finally {
      await first.stop();
    }
    const restarted = await startTesseraServer({}, { dataDir, embedded: true });
    try {
      const health = await (await fetchRetry(`${restarted.url}/api/health`)).json();
      expect(health.ca.sha256).toBe(fingerprint);
      const list = await runCli(['challenge', 'list', '--json'], { TESSERA_DATA_DIR: dataDir, DATABASE_URL: '' });
      expect(list.json().items.map((c: { note: string }) => c.note)).toContain('restart-check');
    } finally {
      await restarted.stop();
    }
  }, 300_000);
});
