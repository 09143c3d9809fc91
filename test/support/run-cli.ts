import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);

/** Runs the real CLI (`tessera …`) as a child process with the given environment. */
export function runCli(args: string[], env: Record<string, string>): { status: number | null; stdout: string; stderr: string; json<T = any>(): T } {
  const r = spawnSync(process.execPath, [require.resolve('tsx/cli'), path.join(root, 'cli', 'main.ts'), ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, json: () => JSON.parse(r.stdout) };
}
