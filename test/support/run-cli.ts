import { execFile, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
  json<T = any>(): T;
}

const argv = (args: string[]) => [require.resolve('tsx/cli'), path.join(root, 'cli', 'main.ts'), ...args];

/** Runs the real CLI (`tessera …`) as a child process with the given environment (scripts and Playwright setup). */
export function runCli(args: string[], env: Record<string, string>): CliRun {
  const r = spawnSync(process.execPath, argv(args), { cwd: root, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, json: () => JSON.parse(r.stdout) };
}

/**
 * The same without blocking: vitest workers must keep answering the runner, whose calls time out after 60 s — a few
 * synchronous CLI runs in a row on a loaded machine exceed that and fail the whole run.
 */
export function runCliAsync(args: string[], env: Record<string, string>): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(process.execPath, argv(args), { cwd: root, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 120_000, maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
      const status = error ? (typeof error.code === 'number' ? error.code : null) : 0;
      resolve({ status, stdout, stderr, json: () => JSON.parse(stdout) });
    });
  });
}
