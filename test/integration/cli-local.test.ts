/**
 * The CLI in local mode (no server running): it opens the database itself. Covers `ca import` (PEM and PKCS#12),
 * `ca show`, `admin create` validation, `challenge create/list/revoke` and exit codes.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliAsync as runCli } from '../support/run-cli';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

let database: TestDatabase | null = null;
let env: Record<string, string>;
const dir = mkdtempSync(path.join(os.tmpdir(), 'tessera-cli-'));

beforeAll(async () => {
  // Postgres when configured (a fresh database), else the embedded database in a fresh data directory.
  const usePostgres = !!(process.env.TEST_DATABASE_URL || process.env.DATABASE_URL);
  database = usePostgres ? await createTestDatabase() : null;
  env = { TESSERA_DATA_DIR: path.join(dir, 'data'), DATABASE_URL: database?.url ?? '', TESSERA_MASTER_KEY: 'ab'.repeat(32) };
}, 120_000);
afterAll(async () => database?.drop());

const ok = async (args: string[]) => {
  const r = await runCli([...args, '--json'], env);
  expect(r.status, r.stderr).toBe(0);
  return r.json();
};

describe('tessera CLI (local mode)', () => {
  it('imports a CA from PEM and from PKCS#12, and shows it', async () => {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '365', '-subj', '/O=Imported/CN=Imported PEM CA', '-keyout', path.join(dir, 'k.pem'), '-out', path.join(dir, 'c.pem'), '-addext', 'basicConstraints=critical,CA:true', '-addext', 'keyUsage=critical,keyCertSign,cRLSign,digitalSignature,keyEncipherment'], { stdio: 'ignore' });
    const imported = await ok(['ca', 'import', '--cert', path.join(dir, 'c.pem'), '--key', path.join(dir, 'k.pem')]);
    expect(imported.subject).toBe('CN=Imported PEM CA,O=Imported');
    expect((await ok(['ca', 'show'])).sha256).toBe(imported.sha256);

    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '365', '-subj', '/CN=Imported P12 CA', '-keyout', path.join(dir, 'k2.pem'), '-out', path.join(dir, 'c2.pem'), '-addext', 'basicConstraints=critical,CA:true', '-addext', 'keyUsage=critical,keyCertSign,cRLSign,digitalSignature,keyEncipherment'], { stdio: 'ignore' });
    execFileSync('openssl', ['pkcs12', '-export', '-in', path.join(dir, 'c2.pem'), '-inkey', path.join(dir, 'k2.pem'), '-out', path.join(dir, 'ca.p12'), '-passout', 'pass:s3cret'], { stdio: 'ignore' });
    const wrongPass = await runCli(['ca', 'import', '--pkcs12', path.join(dir, 'ca.p12'), '--password', 'nope'], env);
    expect(wrongPass.status).toBe(2);
    expect(wrongPass.stderr).toMatch(/cannot import the CA/);
    expect((await ok(['ca', 'show'])).subject).toBe('CN=Imported PEM CA,O=Imported');
    expect((await ok(['ca', 'import', '--pkcs12', path.join(dir, 'ca.p12'), '--password', 's3cret'])).subject).toBe('CN=Imported P12 CA');
    expect((await ok(['ca', 'show'])).subject).toBe('CN=Imported P12 CA');
  }, 180_000);

  it('imports a profile signer (e.g. the TLS certificate with its chain) and shows it with trust checks', async () => {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '365', '-subj', '/CN=Public Root', '-keyout', path.join(dir, 'root.key'), '-out', path.join(dir, 'root.pem')], { stdio: 'ignore' });
    execFileSync('openssl', ['req', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=scep.example.com', '-keyout', path.join(dir, 'tls.key'), '-out', path.join(dir, 'tls.csr')], { stdio: 'ignore' });
    writeFileSync(path.join(dir, 'tls.ext'), 'subjectAltName=DNS:scep.example.com\nextendedKeyUsage=serverAuth\nkeyUsage=critical,digitalSignature,keyEncipherment\n');
    execFileSync('openssl', ['x509', '-req', '-in', path.join(dir, 'tls.csr'), '-CA', path.join(dir, 'root.pem'), '-CAkey', path.join(dir, 'root.key'), '-CAcreateserial', '-days', '300', '-extfile', path.join(dir, 'tls.ext'), '-out', path.join(dir, 'tls.pem')], { stdio: 'ignore' });
    writeFileSync(path.join(dir, 'fullchain.pem'), readFileSync(path.join(dir, 'tls.pem'), 'utf8') + readFileSync(path.join(dir, 'root.pem'), 'utf8'));
    const imported = await ok(['signer', 'import', '--cert', path.join(dir, 'fullchain.pem'), '--key', path.join(dir, 'tls.key')]);
    expect(imported).toMatchObject({ subject: 'CN=scep.example.com', chain: 1 });
    const shown = await ok(['signer', 'show']);
    expect(shown.subject).toBe('CN=scep.example.com');
    expect(shown.issuer).toBe('CN=Public Root');
    expect(shown.checks.length).toBeGreaterThan(0);
    // A later start keeps the imported signer (it is not replaced by a CA-issued one).
    expect((await ok(['signer', 'show'])).sha256).toBe(imported.sha256);
  }, 120_000);

  it('validates input with exit code 2 and a message naming the option', async () => {
    const r = await runCli(['admin', 'create', '--email', 'not-an-email', '--password', 'long enough password'], env);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--email/);
    const unknown = await runCli(['challenge', 'create', '--colour', 'blue'], env);
    expect(unknown.status).not.toBe(0);
    expect(unknown.stderr).toMatch(/unknown option --colour/);
    expect((await runCli(['frobnicate'], env)).status).toBe(2);
  }, 120_000);

  it('creates, lists and revokes a challenge; the secret is never listed', async () => {
    const c = await ok(['challenge', 'create', '--ttl', '2h', '--approval', 'manual', '--note', 'cli test']);
    expect(c.approval).toBe('manual');
    expect(new Date(c.expiresAt).getTime() - Date.now()).toBeGreaterThan(7000_000);
    const list = await runCli(['challenge', 'list', '--state', 'unused', '--json'], env);
    expect(list.stdout).not.toContain(c.challenge);
    expect(list.json().items.map((i: { id: string }) => i.id)).toContain(c.id);
    expect((await ok(['challenge', 'revoke', c.id])).state).toBe('revoked');
    expect((await runCli(['challenge', 'revoke', c.id], env)).status).toBe(1);
  }, 120_000);
});
