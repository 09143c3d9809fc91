/**
 * A session is only as good as the admin row behind it, checked on every use: disabling or deleting an admin ends
 * their sessions at once, and signing out, being disabled or a new password end every copy of the session cookie
 * (the JWT carries a per-admin session version). Through the real server and the real CLI.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient } from '../support/http-client';
import { runCli } from '../support/run-cli';
import { startTesseraServer, type TesseraServer } from '../support/tessera-server';

let server: TesseraServer;

function cli(...args: string[]) {
  const env = { TESSERA_DATA_DIR: server.dataDir, ...(server.env.DATABASE_URL ? { DATABASE_URL: server.env.DATABASE_URL } : {}) };
  const r = runCli([...args, '--json'], env);
  if (r.status !== 0) throw new Error(`tessera ${args.join(' ')} failed: ${r.stderr}`);
  return r.json();
}

/** A new admin, signed in; plus a second client holding a copy of the session cookie. */
async function signedInAdmin() {
  const email = `admin-${randomBytes(4).toString('hex')}@example.test`;
  const password = `pw ${randomBytes(9).toString('base64url')}`;
  cli('admin', 'create', '--email', email, '--password', password);
  const browser = new HttpClient(server.url);
  expect(await browser.signIn(email, password)).toBeNull();
  const copy = new HttpClient(server.url);
  for (const [k, v] of browser.cookies) copy.cookies.set(k, v);
  return { email, password, browser, copy };
}

const apiStatus = async (c: HttpClient) => (await c.request('/api/v1/certificates')).status;
/**
 * Whether the settings page rendered its content. The page streams (loading.tsx), so a redirect to /login from
 * inside the page arrives with status 200 and no content rather than as a 307.
 */
const seesDashboard = async (c: HttpClient) => {
  const res = await c.request('/admin/settings');
  return res.status === 200 && res.text.includes('People who can sign in to this dashboard');
};

async function signOut(c: HttpClient): Promise<void> {
  const { csrfToken } = (await c.request('/api/auth/csrf')).json<{ csrfToken: string }>();
  const res = await c.request('/api/auth/signout', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrfToken, callbackUrl: '/login?signedOut=1', json: 'true' }).toString(),
  });
  expect(res.status).toBe(200);
}

beforeAll(async () => {
  server = await startTesseraServer();
}, 240_000);
afterAll(async () => server?.stop());

describe('admin sessions', () => {
  it('a disabled admin loses API and dashboard access at once, and enabling again does not revive the old cookie', async () => {
    const a = await signedInAdmin();
    expect(await apiStatus(a.copy)).toBe(200);
    expect(await seesDashboard(a.copy)).toBe(true);
    cli('admin', 'disable', '--email', a.email);
    expect(await apiStatus(a.browser)).toBe(401);
    expect(await apiStatus(a.copy)).toBe(401);
    expect(await seesDashboard(a.copy)).toBe(false);
    cli('admin', 'enable', '--email', a.email);
    expect(await apiStatus(a.copy)).toBe(401);
    const again = new HttpClient(server.url);
    expect(await again.signIn(a.email, a.password)).toBeNull();
    expect(await apiStatus(again)).toBe(200);
  });

  it('a deleted admin loses access at once', async () => {
    const a = await signedInAdmin();
    cli('admin', 'delete', '--email', a.email);
    expect(await apiStatus(a.copy)).toBe(401);
    expect(await a.copy.signIn(a.email, a.password)).toBe('CredentialsSignin');
  });

  it('signing out ends every copy of the session', async () => {
    const a = await signedInAdmin();
    await signOut(a.browser);
    expect(await apiStatus(a.copy)).toBe(401);
    expect(await seesDashboard(a.copy)).toBe(false);
  });

  it('a new password ends the sessions signed in with the old one', async () => {
    const a = await signedInAdmin();
    const newPassword = `new ${randomBytes(9).toString('base64url')}`;
    cli('admin', 'password', '--email', a.email, '--password', newPassword);
    expect(await apiStatus(a.copy)).toBe(401);
    const again = new HttpClient(server.url);
    expect(await again.signIn(a.email, a.password)).toBe('CredentialsSignin');
    expect(await again.signIn(a.email, newPassword)).toBeNull();
    expect(await apiStatus(again)).toBe(200);
  });
});
