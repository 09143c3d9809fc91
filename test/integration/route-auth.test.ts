/**
 * Nothing answers data without authentication. The lists come from the filesystem, so a new route or page is
 * covered the day it is added:
 *  - every route.ts under app/api (and app/admin) is called, for every method it exports, without credentials → 401,
 *    except the routes that are public on purpose;
 *  - every page under app/admin redirects to /login in the proxy without a session cookie, AND the page itself calls
 *    requireAdmin (rendering it outside a session throws Next's redirect to /login);
 *  - every server action under app/admin redirects to /login without a session.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { encode } from 'next-auth/jwt';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { setRuntime } from '../../lib/server/runtime';
import { createTestRuntime, type TestRuntime } from '../support/test-runtime';

// Outside a Next request there is no request scope for next/headers, so getServerSession runs next-auth's real
// session check through its (req, res, options) form instead: a visitor with no cookies and no headers.
vi.mock('next-auth', async (importOriginal) => {
  const real = await importOriginal<typeof import('next-auth')>();
  const noCookies = { headers: {}, cookies: {} } as never;
  const noResponse = { getHeader: () => undefined, setHeader: () => undefined } as never;
  return { ...real, getServerSession: (options: Parameters<typeof real.getServerSession>[0]) => real.getServerSession(noCookies, noResponse, options as never) };
});

const ROOT = path.resolve(__dirname, '..', '..');
const SECRET = 'route-auth-test-secret-route-auth-test-secret';
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

/** Public on purpose: liveness, next-auth's own endpoints, the OpenAPI document. */
const PUBLIC_ROUTES = [/^\/api\/health$/, /^\/api\/auth\//, /^\/api\/v1\/openapi\.json$/];

function walk(dir: string, file: RegExp): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p, file));
    else if (file.test(name)) out.push(p);
  }
  return out;
}

/** "app/api/v1/certificates/[serial]/route.ts" → { url: "/api/v1/certificates/0a1b", params: { serial: "0a1b" } } */
function routeOf(file: string): { url: string; params: Record<string, string> } {
  const params: Record<string, string> = {};
  const segments = path
    .relative(path.join(ROOT, 'app'), path.dirname(file))
    .split(path.sep)
    .filter((s) => !/^\(.*\)$/.test(s) && s !== '')
    .map((s) => {
      const dyn = /^\[(?:\.\.\.)?(.+)\]$/.exec(s);
      if (!dyn) return s;
      // A syntactically valid id that exists nowhere: a route that skipped auth would still reach its data layer.
      const value = /serial/i.test(dyn[1]!) ? '0a1b2c3d' : '00000000-0000-4000-8000-000000000000';
      params[dyn[1]!] = value;
      return value;
    });
  return { url: `/${segments.join('/')}`, params };
}

const apiRoutes = walk(path.join(ROOT, 'app', 'api'), /^route\.tsx?$/).map((f) => ({ file: f, ...routeOf(f) }));
const adminRoutes = walk(path.join(ROOT, 'app', 'admin'), /^route\.tsx?$/).map((f) => ({ file: f, ...routeOf(f) }));
const adminPages = walk(path.join(ROOT, 'app', 'admin'), /^page\.tsx?$/).map((f) => ({ file: f, ...routeOf(f) }));
const adminActions = walk(path.join(ROOT, 'app', 'admin'), /^actions\.tsx?$/);
const isPublic = (url: string) => PUBLIC_ROUTES.some((re) => re.test(url));

let rt: TestRuntime;

beforeAll(async () => {
  vi.stubEnv('NEXTAUTH_SECRET', SECRET);
  vi.stubEnv('AUTH_SECRET', SECRET);
  vi.stubEnv('NEXTAUTH_URL', 'http://127.0.0.1:3999');
  rt = await createTestRuntime();
  setRuntime(rt);
});
afterAll(async () => {
  setRuntime(undefined);
  vi.unstubAllEnvs();
  await rt?.close();
});

function requestFor(method: string, url: string): Request {
  const hasBody = method === 'POST' || method === 'PUT' || method === 'PATCH';
  return new Request(`http://127.0.0.1:3999${url}`, {
    method,
    headers: hasBody ? { 'content-type': 'application/json' } : {},
    body: hasBody ? JSON.stringify({ command: 'admin list', input: {}, email: 'x@example.com' }) : undefined,
  });
}

async function expectRedirectToLogin(run: () => unknown): Promise<void> {
  let thrown: unknown;
  try {
    await run();
  } catch (e) {
    thrown = e;
  }
  const digest = (thrown as { digest?: unknown } | undefined)?.digest;
  expect(typeof digest === 'string' && digest.startsWith('NEXT_REDIRECT'), `expected a redirect, got ${String(thrown)}`).toBe(true);
  expect(String(digest)).toContain('/login?callbackUrl=');
}

describe('the route inventory', () => {
  it('finds the routes, pages and actions it is meant to guard', () => {
    expect(apiRoutes.length).toBeGreaterThan(3);
    const pages = adminPages.map((p) => p.url);
    for (const url of ['/admin', '/admin/challenges', '/admin/requests', '/admin/certificates', '/admin/log', '/admin/settings', '/admin/audit']) {
      expect(pages).toContain(url);
    }
    expect(adminActions.length).toBeGreaterThan(0);
  });
});

describe('API routes answer 401 without credentials', () => {
  const guarded = apiRoutes.filter((r) => !isPublic(r.url));
  it.each(guarded.map((r) => [r.url, r] as const))('%s', async (_url, route) => {
    const mod = (await import(route.file)) as Record<string, unknown>;
    const methods = METHODS.filter((m) => typeof mod[m] === 'function');
    expect(methods.length).toBeGreaterThan(0);
    for (const method of methods) {
      const handler = mod[method] as (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
      const res = await handler(requestFor(method, route.url), { params: Promise.resolve(route.params) });
      expect(res.status, `${method} ${route.url}`).toBe(401);
    }
  });

  it('and a wrong bearer token is no better than none', async () => {
    const route = guarded.find((r) => r.url === '/api/v1/certificates');
    if (!route) return;
    const { GET } = (await import(route.file)) as { GET: (req: Request) => Promise<Response> };
    const res = await GET(new Request('http://127.0.0.1:3999/api/v1/certificates', { headers: { authorization: 'Bearer tsr_not-a-real-token' } }));
    expect(res.status).toBe(401);
  });
});

describe('dashboard downloads (route handlers under /admin) answer 401 without a session', () => {
  it.each(adminRoutes.map((r) => [r.url, r] as const))('%s', async (_url, route) => {
    const mod = (await import(route.file)) as Record<string, unknown>;
    for (const method of METHODS.filter((m) => typeof mod[m] === 'function')) {
      const handler = mod[method] as (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
      const res = await handler(requestFor(method, route.url), { params: Promise.resolve(route.params) });
      expect(res.status, `${method} ${route.url}`).toBe(401);
      expect(await res.text()).not.toContain('BEGIN CERTIFICATE');
    }
  });
});

describe('dashboard pages', () => {
  it.each(adminPages.map((p) => [p.url, p] as const))('%s: the proxy sends visitors without a session to /login', async (_url, page) => {
    const { proxy } = await import('../../proxy');
    const res = await proxy(new NextRequest(`http://127.0.0.1:3999${page.url}?x=1`));
    expect(res.status).toBe(307);
    const location = new URL(res.headers.get('location')!);
    expect(location.pathname).toBe('/login');
    expect(location.searchParams.get('callbackUrl')).toBe(`${page.url}?x=1`);
  });

  it.each(adminPages.map((p) => [p.url, p] as const))('%s: the page itself requires an admin', async (_url, page) => {
    const mod = (await import(page.file)) as { default: (props: object) => unknown };
    await expectRedirectToLogin(() => mod.default({ params: Promise.resolve(page.params), searchParams: Promise.resolve({}) }));
  });
});

describe('dashboard server actions redirect to /login without a session', () => {
  it.each(adminActions.map((f) => [path.relative(ROOT, f), f] as const))('%s', async (_name, file) => {
    const mod = (await import(file)) as Record<string, unknown>;
    const actions = Object.entries(mod).filter(([, v]) => typeof v === 'function') as [string, (prev: unknown, form: FormData) => Promise<unknown>][];
    expect(actions.length).toBeGreaterThan(0);
    for (const [, action] of actions) {
      const form = new FormData();
      form.set('id', '00000000-0000-4000-8000-000000000000');
      await expectRedirectToLogin(() => action({ status: 'idle', message: null, fieldErrors: {}, at: 0 }, form));
    }
  });
});

describe('proxy.ts', () => {
  it('redirects a forged or expired session cookie like a missing one', async () => {
    const { proxy } = await import('../../proxy');
    const forged = new NextRequest('http://127.0.0.1:3999/admin/settings', { headers: { cookie: 'next-auth.session-token=not-a-jwt' } });
    expect((await proxy(forged)).status).toBe(307);
    const expired = await encode({ token: { email: 'admin@example.test' }, secret: SECRET, maxAge: -60 });
    const stale = new NextRequest('http://127.0.0.1:3999/admin/settings', { headers: { cookie: `next-auth.session-token=${expired}` } });
    expect((await proxy(stale)).status).toBe(307);
  });

  it('lets a valid session through (the page then checks again)', async () => {
    const { proxy } = await import('../../proxy');
    const jwt = await encode({ token: { email: 'admin@example.test' }, secret: SECRET });
    const res = await proxy(new NextRequest('http://127.0.0.1:3999/admin/settings', { headers: { cookie: `next-auth.session-token=${jwt}` } }));
    expect(res.status).toBe(200);
    expect(res.headers.get('x-middleware-next')).toBe('1');
  });

  it('adds HSTS on HTTPS only', async () => {
    const { proxy } = await import('../../proxy');
    const viaTls = await proxy(new NextRequest('http://127.0.0.1:3999/login', { headers: { 'x-forwarded-proto': 'https' } }));
    expect(viaTls.headers.get('strict-transport-security')).toMatch(/^max-age=\d+/);
    const direct = await proxy(new NextRequest('https://tessera.example.test/admin'));
    expect(direct.headers.get('strict-transport-security')).toMatch(/^max-age=\d+/);
    const plain = await proxy(new NextRequest('http://127.0.0.1:3999/login'));
    expect(plain.headers.get('strict-transport-security')).toBeNull();
  });

  it('leaves public pages alone', async () => {
    const { proxy } = await import('../../proxy');
    for (const url of ['/login', '/', '/enroll/request', '/api/health']) {
      expect((await proxy(new NextRequest(`http://127.0.0.1:3999${url}`))).status, url).toBe(200);
    }
  });
});
