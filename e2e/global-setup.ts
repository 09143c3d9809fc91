/**
 * Builds the web app when stale, starts ONE real Tessera for the run (exactly as `npm start` does: fresh data dir,
 * embedded PGlite — or a fresh Postgres database when DATABASE_URL/TEST_DATABASE_URL is set), creates an API token
 * with the real CLI, and writes what the fixtures need to test-results/e2e-server.json. The returned function is
 * Playwright's teardown: it stops the server and keeps its output next to the report.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { FullConfig } from '@playwright/test';
import { buildIfNeeded } from '../scripts/build-if-needed';
import { runCli } from '../test/support/run-cli';
import { startTesseraServer } from '../test/support/tessera-server';
import { OUTPUT_DIR, ROOT, SERVER_INFO_FILE, cliEnv, type ServerInfo } from './fixtures/server';

const buildId = (): string | null => {
  try {
    return readFileSync(path.join(ROOT, '.next', 'BUILD_ID'), 'utf8').trim();
  } catch {
    return null;
  }
};

export default async function globalSetup(_config: FullConfig): Promise<() => Promise<void>> {
  buildIfNeeded((line) => console.log(`[e2e] ${line}`));
  // scepclient (Debian, micromdm 2.1.0) only speaks single DES: the server must accept it for the interop flows.
  const server = await startTesseraServer({ TESSERA_SCEP_LEGACY_CIPHERS: '1' });
  const servedBuild = buildId();
  try {
    const partial = { url: server.url, dataDir: server.dataDir, ...(server.env.DATABASE_URL ? { databaseUrl: server.env.DATABASE_URL } : {}) };
    const token = runCli(['token', 'create', '--name', 'e2e', '--json'], cliEnv({ ...partial, apiToken: '' }));
    if (token.status !== 0) throw new Error(`tessera token create failed: ${token.stderr}`);
    const info: ServerInfo = { ...partial, apiToken: token.json<{ token: string }>().token };
    mkdirSync(OUTPUT_DIR, { recursive: true });
    writeFileSync(SERVER_INFO_FILE, JSON.stringify(info, null, 2));
    process.env.TESSERA_E2E_URL = server.url;
    console.log(`[e2e] Tessera on ${server.url} (${info.databaseUrl ? 'Postgres' : 'embedded PGlite'}, data ${server.dataDir})`);
  } catch (e) {
    await server.stop();
    throw e;
  }
  return async () => {
    mkdirSync(OUTPUT_DIR, { recursive: true });
    writeFileSync(path.join(OUTPUT_DIR, 'tessera-server.log'), server.output());
    await server.stop();
    // `next start` reads .next/ lazily: a `next build` by another process during the run (a second checkout user,
    // vitest's global setup) swaps chunks under the server and shows up as 500s / ChunkLoadError in unrelated specs.
    if (buildId() !== servedBuild) {
      console.warn(`[e2e] .next/ was rebuilt by another process while the suite ran (BUILD_ID ${servedBuild} → ${buildId()}): failures with "Internal Server Error" or ChunkLoadError in test-results/tessera-server.log come from that; run again.`);
    }
  };
}
