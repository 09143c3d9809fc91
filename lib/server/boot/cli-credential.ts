/**
 * While the server runs it owns the embedded database, so CLI commands talk to it over HTTP
 * (POST /api/internal/cli) with a credential that only this machine's users who can read the data dir have.
 * The server writes a fresh one at every start.
 */
import { timingSafeEqual } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { randomUrlToken } from '../../secrets/random-secret';

export const cliCredentialPath = (dataDir: string) => path.join(dataDir, 'cli-token');

export async function writeCliCredential(dataDir: string): Promise<string> {
  const token = randomUrlToken('tcli_');
  await writeFile(cliCredentialPath(dataDir), `${token}\n`, { mode: 0o600 });
  return token;
}

export async function readCliCredential(dataDir: string): Promise<string | null> {
  return (await readFile(cliCredentialPath(dataDir), 'utf8').catch(() => null))?.trim() ?? null;
}

export function cliCredentialMatches(presented: string, expected: string | undefined): boolean {
  if (!expected) return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
