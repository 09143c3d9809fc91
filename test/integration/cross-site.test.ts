/**
 * What another site can make an admin's browser do, through the real server: cookie-authenticated API calls that
 * change something, the profile download, dashboard server actions behind a forged X-Forwarded-Host, where the
 * sign-in page sends people afterwards, and which scripts a page may run (CSP nonces). Requests are written as
 * the browser would send them (Origin, Sec-Fetch-Site), with the admin's real session cookie. That the pages still
 * hydrate under the policy is shown by the Playwright suite, which drives them in a real browser.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient } from '../support/http-client';
import { runCli } from '../support/run-cli';
import { startTesseraServer, type TesseraServer } from '../support/tessera-server';
import { TEST_ADMIN } from '../support/test-runtime';

const EVIL = 'https://evil.example';
let server: TesseraServer;
let admin: HttpClient;
let token: string;

function cli(...args: string[]) {
  const env = { TESSERA_DATA_DIR: server.dataDir, ...(server.env.DATABASE_URL ? { DATABASE_URL: server.env.DATABASE_URL } : {}) };
  const r = runCli([...args, '--json'], env);
  if (r.status !== 0) throw new Error(`tessera ${args.join(' ')} failed: ${r.stderr}`);
  return r.json();
}

const bearer = () => ({ authorization: `Bearer ${token}` });
const sameOrigin = () => ({ origin: server.url, 'sec-fetch-site': 'same-origin' });
const crossSite = { origin: EVIL, 'sec-fetch-site': 'cross-site' };

async function enrollmentsFor(email: string): Promise<{ id: string; downloads: number }[]> {
  const res = await admin.request(`/api/v1/enrollments?email=${encodeURIComponent(email)}`, { headers: bearer(), noCookies: true });
  return res.json().enrollments;
}

async function newEnrollment(email: string): Promise<string> {
  const res = await admin.request('/api/v1/enrollments', { method: 'POST', headers: { ...bearer(), 'content-type': 'application/json' }, body: JSON.stringify({ email }), noCookies: true });
  expect(res.status).toBe(201);
  return res.json().id;
}

beforeAll(async () => {
  server = await startTesseraServer();
  token = cli('token', 'create', '--name', 'cross-site-test').token;
  admin = new HttpClient(server.url);
  expect(await admin.signIn(TEST_ADMIN.email, TEST_ADMIN.password)).toBeNull();
}, 240_000);
afterAll(async () => server?.stop());

describe('the JSON API with the dashboard session cookie', () => {
  it('refuses a cross-site form post (text/plain body that parses as JSON)', async () => {
    const email = 'csrf-form@example.test';
    const res = await admin.request('/api/v1/enrollments', { method: 'POST', headers: { 'content-type': 'text/plain', origin: EVIL }, body: JSON.stringify({ email }) });
    expect(res.status).toBe(403);
    expect(res.json().error.message).toMatch(/same-origin|API token/);
    expect(await enrollmentsFor(email)).toHaveLength(0);
  });

  it('refuses JSON that another site sends, and calls without Origin or Sec-Fetch-Site', async () => {
    const email = 'csrf-json@example.test';
    const body = JSON.stringify({ email });
    const variants: Record<string, string>[] = [crossSite, { 'sec-fetch-site': 'same-site' }, {}];
    for (const headers of variants) {
      const res = await admin.request('/api/v1/enrollments', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
      expect(res.status, JSON.stringify(headers)).toBe(403);
    }
    expect(await enrollmentsFor(email)).toHaveLength(0);
  });

  it('needs Content-Type: application/json even from the same origin', async () => {
    const res = await admin.request('/api/v1/enrollments', { method: 'POST', headers: { 'content-type': 'text/plain', ...sameOrigin() }, body: JSON.stringify({ email: 'csrf-type@example.test' }) });
    expect(res.status).toBe(415);
  });

  it('accepts the same call from the dashboard’s own origin, and reads from anywhere', async () => {
    const res = await admin.request('/api/v1/enrollments', { method: 'POST', headers: { 'content-type': 'application/json', ...sameOrigin() }, body: JSON.stringify({ email: 'csrf-ok@example.test' }) });
    expect(res.status).toBe(201);
    expect((await admin.request('/api/v1/enrollments', { headers: crossSite })).status).toBe(200);
  });

  it('leaves bearer tokens alone: no Origin needed', async () => {
    const res = await admin.request('/api/v1/enrollments', { method: 'POST', headers: { ...bearer(), 'content-type': 'application/json' }, body: JSON.stringify({ email: 'csrf-bearer@example.test' }), noCookies: true });
    expect(res.status).toBe(201);
  });
});

describe('the profile download (GET, but it uses up a download)', () => {
  it('is not triggered by a link on another site or outside the browser (mail client), only from the dashboard', async () => {
    const email = 'download@example.test';
    const id = await newEnrollment(email);
    for (const site of ['cross-site', 'same-site', 'none']) {
      const res = await admin.request(`/api/v1/enrollments/${id}/profile`, { headers: { 'sec-fetch-site': site, 'sec-fetch-mode': 'navigate' } });
      expect(res.status, site).toBe(403);
    }
    expect((await admin.request(`/api/v1/enrollments/${id}/profile`)).status).toBe(403);
    expect((await enrollmentsFor(email))[0]!.downloads).toBe(0);
    const ok = await admin.request(`/api/v1/enrollments/${id}/profile`, { headers: { 'sec-fetch-site': 'same-origin', 'sec-fetch-mode': 'navigate' } });
    expect(ok.status).toBe(200);
    expect(ok.headers['content-type']).toBe('application/x-apple-aspen-config');
    expect((await enrollmentsFor(email))[0]!.downloads).toBe(1);
  });
});

describe('dashboard server actions', () => {
  /** Calls createApiTokenAction the way React's client does (multipart reply, Next-Action header). */
  async function createTokenViaAction(name: string, headers: Record<string, string>): Promise<number> {
    const manifest = JSON.parse(readFileSync(path.join(__dirname, '..', '..', '.next', 'server', 'server-reference-manifest.json'), 'utf8')) as {
      node: Record<string, { filename: string; exportedName: string }>;
    };
    const id = Object.entries(manifest.node).find(([, v]) => v.filename === 'app/admin/settings/actions.ts' && v.exportedName === 'createApiTokenAction')![0];
    // React's own client encoder, as the browser uses it for an action's arguments.
    const { encodeReply } = createRequire(import.meta.url)('next/dist/compiled/react-server-dom-webpack/client.node.js') as {
      encodeReply(v: unknown): Promise<FormData | string>;
    };
    const form = new FormData();
    form.set('name', name);
    const reply = new Response(await encodeReply([{ status: 'idle', message: null, fieldErrors: {}, at: 0 }, form]));
    const res = await admin.request('/admin/settings', {
      method: 'POST',
      headers: { 'next-action': id, accept: 'text/x-component', 'content-type': reply.headers.get('content-type')!, ...headers },
      body: Buffer.from(await reply.arrayBuffer()),
    });
    return res.status;
  }
  const tokenNames = () => (cli('token', 'list') as { name: string }[]).map((t) => t.name);

  it('run from the dashboard’s origin', async () => {
    expect(await createTokenViaAction('from-dashboard', { origin: server.url })).toBe(200);
    expect(tokenNames()).toContain('from-dashboard');
  });

  it('refuse another origin even when X-Forwarded-Host is forged to match it', async () => {
    await createTokenViaAction('forged-forwarded-host', { origin: EVIL, 'x-forwarded-host': 'evil.example' });
    await createTokenViaAction('forged-origin-only', { origin: EVIL });
    expect(tokenNames()).not.toContain('forged-forwarded-host');
    expect(tokenNames()).not.toContain('forged-origin-only');
  });
});

describe('/login?callbackUrl', () => {
  for (const [label, value] of [
    ['a tab that browsers strip', '%2F%09%2Fevil.example'],
    ['a newline', '%2F%0A%2Fevil.example'],
    ['a backslash', '%2F%5Cevil.example'],
    ['another origin', 'https%3A%2F%2Fevil.example%2Fadmin'],
    ['a path outside the dashboard', '%2Fapi%2Fv1%2Fenrollments'],
  ] as const) {
    it(`never leads off the dashboard: ${label}`, async () => {
      const visitor = new HttpClient(server.url);
      const page = await visitor.request(`/login?callbackUrl=${value}`);
      expect(page.status).toBe(200);
      // Where the login form goes after signing in (a prop in the page's RSC payload).
      expect(/\\"callbackPath\\":\\"(.*?)\\"/.exec(page.text)?.[1]).toBe('/admin');
      // Signed in already: the page redirects at once, to the dashboard.
      const res = await admin.request(`/login?callbackUrl=${value}`);
      expect(res.status).toBe(307);
      expect(new URL(res.headers.location!, server.url).href).toBe(`${server.url}/admin`);
    });
  }

  it('next-auth’s own redirect after signing in stays on the dashboard too, and a newline is no 500', async () => {
    for (const callbackUrl of ['/\t/evil.example', '/\n/evil.example', 'https://evil.example/admin']) {
      const visitor = new HttpClient(server.url);
      const { csrfToken } = (await visitor.request('/api/auth/csrf')).json<{ csrfToken: string }>();
      const res = await visitor.request('/api/auth/callback/credentials', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ csrfToken, email: TEST_ADMIN.email, password: TEST_ADMIN.password, callbackUrl }).toString(),
      });
      expect(res.status, JSON.stringify(callbackUrl)).toBe(302);
      expect(res.headers.location).toBe(`${server.url}/admin`);
    }
  });

  it('keeps a dashboard path with its query', async () => {
    const res = await admin.request(`/login?callbackUrl=${encodeURIComponent('/admin/certificates?q=bob')}`);
    expect(res.status).toBe(307);
    expect(res.headers.location).toBe('/admin/certificates?q=bob');
  });
});

describe('Content-Security-Policy', () => {
  const directives = (csp: string) => new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([name, ...values]) => [name!, values]));

  it.each(['/login', '/', '/enroll/request', '/admin/settings', '/no-such-page'])('%s: scripts only with this response’s nonce, never inline by default', async (path) => {
    const client = path.startsWith('/admin') ? admin : new HttpClient(server.url);
    const res = await client.request(path);
    const csp = String(res.headers['content-security-policy'] ?? '');
    const script = directives(csp).get('script-src') ?? [];
    expect(script).not.toContain("'unsafe-inline'");
    expect(script).toContain("'strict-dynamic'");
    const nonce = script.find((v) => v.startsWith("'nonce-"))?.slice(7, -1);
    expect(nonce, csp).toMatch(/^[A-Za-z0-9+/=_-]{16,}$/);
    const scripts = [...res.text.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    expect(directives(csp).get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives(csp).get('object-src')).toEqual(["'none'"]);
    expect(String(res.headers['permissions-policy'])).toMatch(/camera=\(\)/);
  });

  it('uses a fresh nonce for every response', async () => {
    const visitor = new HttpClient(server.url);
    const nonceOf = async () => /'nonce-([^']+)'/.exec(String((await visitor.request('/login')).headers['content-security-policy']))?.[1];
    const [a, b] = [await nonceOf(), await nonceOf()];
    expect(a).toBeTruthy();
    expect(a).not.toBe(b);
  });
});
