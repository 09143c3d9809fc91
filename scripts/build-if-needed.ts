/** Runs `next build` when .next/BUILD_ID is missing or older than any source under app/, lib/, public/. */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.') || entry.name.endsWith('.test.ts')) continue;
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

export function buildIsStale(): boolean {
  const buildId = path.join(root, '.next', 'BUILD_ID');
  if (!existsSync(buildId)) return true;
  const sources = ['app', 'lib', 'public'].map((d) => path.join(root, d)).filter(existsSync);
  const configs = ['next.config.ts', 'package-lock.json', 'proxy.ts'].map((f) => path.join(root, f)).filter(existsSync);
  const newest = Math.max(...sources.map(newestMtime), ...configs.map((f) => statSync(f).mtimeMs));
  return newest > statSync(buildId).mtimeMs;
}

/**
 * Another `next build` in the same checkout (a parallel test run, a second `npm start`) makes ours fail at once with
 * "Another next build process is already running": wait for it, then use its output if it is fresh.
 */
export function buildIfNeeded(log: (line: string) => void = console.log): void {
  for (let attempt = 0; attempt < 40; attempt++) {
    if (!buildIsStale()) return;
    if (attempt === 0) log('Building the web app (next build)…');
    const r = spawnSync(process.execPath, [require.resolve('next/dist/bin/next'), 'build'], { cwd: root, encoding: 'utf8', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
    if (r.status === 0) return;
    if (!/Another next build process is already running/.test(`${r.stdout}${r.stderr}`)) {
      process.stderr.write(`${r.stdout}${r.stderr}`);
      throw new Error('next build failed');
    }
    log('Another next build is running in this checkout; waiting for it…');
    spawnSync('sleep', ['5']);
  }
  throw new Error('next build: gave up waiting for a concurrent build');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) buildIfNeeded();
