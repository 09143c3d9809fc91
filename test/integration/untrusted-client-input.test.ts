/**
 * What an unauthenticated client writes reaches operators only as data: client addresses come from the socket, and
 * from X-Forwarded-For only as far as trusted proxies wrote it; text it chooses (a SCEP operation name) reaches the
 * terminal escaped. Through the real server (scripts/http-server.ts passes the peer address on) and the real CLI.
 * The server trusts 127.0.0.2 as its reverse proxy; requests from 127.0.0.1 and 127.0.0.3 are ordinary clients.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient } from '../support/http-client';
import { runCli } from '../support/run-cli';
import { startTesseraServer, type TesseraServer } from '../support/tessera-server';
import { TEST_ADMIN } from '../support/test-runtime';

let server: TesseraServer;
const THROTTLED = 'Too many failed sign-ins. Try again in 15 minutes.';

const cliEnv = () => ({ TESSERA_DATA_DIR: server.dataDir, ...(server.env.DATABASE_URL ? { DATABASE_URL: server.env.DATABASE_URL } : {}) });

function scepLog(client: string): { operation: string; clientAddress: string | null; userAgent: string | null }[] {
  const r = runCli(['log', 'list', '--client', client, '--range', 'all', '--json'], cliEnv());
  if (r.status !== 0) throw new Error(r.stderr);
  return r.json().items;
}

const uniqueAgent = () => `address-test-${randomBytes(4).toString('hex')}`;

beforeAll(async () => {
  server = await startTesseraServer({ TESSERA_TRUSTED_PROXIES: '127.0.0.2/32' });
}, 240_000);
afterAll(async () => server?.stop());

describe('an untrusted client', () => {
  it('cannot get around the per-address sign-in throttle by rotating X-Forwarded-For', async () => {
    const client = new HttpClient(server.url, { localAddress: '127.0.0.3' });
    // 30 failures per address in 15 minutes (each for a different account, so the per-account limit never applies).
    for (let i = 0; i < 30; i++) {
      const error = await client.signIn(`nobody-${i}-${randomBytes(3).toString('hex')}@example.test`, 'wrong password', { 'x-forwarded-for': `203.0.113.${i + 1}` });
      expect(error).toBe('CredentialsSignin');
    }
    expect(await client.signIn(`nobody-last@example.test`, 'wrong password', { 'x-forwarded-for': '198.51.100.250' })).toBe(THROTTLED);
  }, 120_000);

  it('never gets its X-Forwarded-For text into the SCEP log: an 8,000-character value or HTML', async () => {
    const client = new HttpClient(server.url);
    const agent = uniqueAgent();
    for (const forged of ['A'.repeat(8000), '<img src=x onerror=alert(1)>', '198.51.100.77']) {
      const res = await client.request('/scep?operation=GetCACaps', { headers: { 'x-forwarded-for': forged, 'user-agent': agent } });
      expect(res.status).toBe(200);
    }
    const events = scepLog(agent);
    expect(events).toHaveLength(3);
    for (const e of events) expect(e.clientAddress).toBe('127.0.0.1');
    expect(JSON.stringify(events)).not.toMatch(/AAAAAAAA|onerror|198\.51\.100\.77/);
  });

  it('never gets its X-Forwarded-For text into the audit log', async () => {
    const client = new HttpClient(server.url);
    const target = `audit-${randomBytes(4).toString('hex')}@example.test`;
    expect(await client.signIn(target, 'wrong password', { 'x-forwarded-for': '<img src=x onerror=alert(1)>' })).toBe('CredentialsSignin');
    const admin = new HttpClient(server.url);
    expect(await admin.signIn(TEST_ADMIN.email, TEST_ADMIN.password)).toBeNull();
    const page = await admin.request(`/admin/audit?q=${encodeURIComponent(target)}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('admin.sign_in_failed');
    expect(page.text).toContain('127.0.0.1');
    expect(page.text).not.toContain('onerror');
  });
});

describe('behind a trusted reverse proxy (TESSERA_TRUSTED_PROXIES=127.0.0.2/32)', () => {
  it("records the address the proxy saw: the right-most hop that is not a trusted proxy, validated as an IP", async () => {
    const via = new HttpClient(server.url, { localAddress: '127.0.0.2' });
    const agent = uniqueAgent();
    const cases: [string, string][] = [
      ['198.51.100.7', '198.51.100.7'],
      // The client wrote the left part; the proxy appended what it saw.
      ['<script>, 10.9.8.7, 198.51.100.8', '198.51.100.8'],
      ['::ffff:198.51.100.9', '198.51.100.9'],
      // Not an address: the proxy itself is the last hop anyone can vouch for.
      ['not-an-address', '127.0.0.2'],
    ];
    for (const [xff] of cases) await via.request('/scep?operation=GetCACaps', { headers: { 'x-forwarded-for': xff, 'user-agent': agent } });
    const seen = scepLog(agent).map((e) => e.clientAddress).sort();
    expect(seen).toEqual(cases.map(([, expected]) => expected).sort());
  });

  it('ignores X-Forwarded-For from anyone else', async () => {
    const direct = new HttpClient(server.url);
    const agent = uniqueAgent();
    await direct.request('/scep?operation=GetCACaps', { headers: { 'x-forwarded-for': '198.51.100.10', 'user-agent': agent } });
    expect(scepLog(agent).map((e) => e.clientAddress)).toEqual(['127.0.0.1']);
  });
});

describe('text an unauthenticated client chooses', () => {
  it('reaches `log list` on the terminal escaped: no ESC or BEL from a SCEP operation name', async () => {
    const agent = uniqueAgent();
    // ESC ] 0 ; … BEL sets the terminal's title; ESC [ 2 J clears the screen.
    const res = await new HttpClient(server.url).request(`/scep?operation=${encodeURIComponent('\u001b]0;owned\u0007\u001b[2JGetCACaps')}`, { headers: { 'user-agent': agent } });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(scepLog(agent)).toHaveLength(1);
    const text = runCli(['log', 'list', '--client', agent, '--range', 'all'], cliEnv());
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(text.stdout).toContain('\\x1b]0;owned\\x07\\x1b[2JGetCACaps');
  });
});
