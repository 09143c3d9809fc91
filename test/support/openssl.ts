/** Test-only helpers: run the openssl CLI on temp files to prove interoperability. Not exported from index.ts. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const OPENSSL = '/usr/bin/openssl';

export interface TempDir {
  path(name: string): string;
  write(name: string, data: string | Uint8Array): string;
  read(name: string): Buffer;
  remove(): void;
}

export function makeTempDir(prefix = 'tessera-x509-'): TempDir {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return {
    path: (name) => join(dir, name),
    write: (name, data) => {
      const p = join(dir, name);
      writeFileSync(p, data);
      return p;
    },
    read: (name) => readFileSync(join(dir, name)),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Runs openssl; returns stdout+stderr; throws (with output) on a non-zero exit. */
export function openssl(args: string[], input?: string | Uint8Array): string {
  try {
    return execFileSync(OPENSSL, args, { input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string; message: string };
    throw new Error(`openssl ${args.join(' ')} failed: ${err.stderr ?? ''}${err.stdout ?? ''}${err.message}`);
  }
}

/** Like openssl() but reports success instead of throwing, with the combined output. */
export function opensslStatus(args: string[]): { ok: boolean; output: string } {
  try {
    const out = execFileSync(OPENSSL, args, { encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
    return { ok: true, output: out };
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string };
    return { ok: false, output: `${err.stdout ?? ''}${err.stderr ?? ''}` };
  }
}
