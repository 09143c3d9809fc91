/**
 * The JSON API for enrollments, templates and self-service requests, through the route handlers: bearer-token auth,
 * 400s that name the field, 404, 409, and the admin profile download.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as requestsRoute from '../../app/api/v1/enrollment-requests/route';
import * as approveRoute from '../../app/api/v1/enrollment-requests/[id]/approve/route';
import * as rejectRoute from '../../app/api/v1/enrollment-requests/[id]/reject/route';
import * as enrollmentsRoute from '../../app/api/v1/enrollments/route';
import * as enrollmentRoute from '../../app/api/v1/enrollments/[id]/route';
import * as enrollmentProfileRoute from '../../app/api/v1/enrollments/[id]/profile/route';
import * as templatesRoute from '../../app/api/v1/templates/route';
import * as templateRoute from '../../app/api/v1/templates/[id]/route';
import { submitEnrollmentRequest } from '../../lib/server/enrollment-requests';
import { openProfile } from '../support/profile-checks';
import { setRuntime } from '../../lib/server/runtime';
import { createApiToken } from '../../lib/server/tokens/api-tokens';
import { createTestRuntime, type TestRuntime } from '../support/test-runtime';

type Handler = (req: Request, ctx?: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;

let rt: TestRuntime;
let token: string;
const MISSING = '00000000-0000-4000-8000-000000000000';

beforeAll(async () => {
  rt = await createTestRuntime();
  setRuntime(rt);
  token = (await createApiToken(rt, { name: 'enrollment-tests', actor: { id: 'test', sourceAddress: null } })).token;
});
afterAll(async () => {
  setRuntime(undefined);
  await rt?.close();
});

async function call(handler: Handler, opts: { method?: string; path?: string; body?: unknown; params?: Record<string, string>; auth?: boolean } = {}) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (opts.auth !== false) headers.authorization = `Bearer ${token}`;
  const req = new Request(`http://127.0.0.1${opts.path ?? '/api/v1/x'}`, {
    method: opts.method ?? (opts.body === undefined ? 'GET' : 'POST'),
    headers,
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  return handler(req, { params: Promise.resolve(opts.params ?? {}) });
}

async function json(res: Response): Promise<Record<string, unknown> & { error?: { code: string; message: string; details?: { field?: string } } }> {
  return (await res.json()) as Record<string, unknown>;
}

describe('authentication', () => {
  it('answers 401 without a token on every route, and with an unknown token', async () => {
    const handlers: Handler[] = [
      enrollmentsRoute.GET,
      enrollmentsRoute.POST,
      enrollmentRoute.GET,
      enrollmentRoute.DELETE,
      enrollmentProfileRoute.GET,
      templatesRoute.GET,
      templatesRoute.POST,
      templateRoute.GET,
      templateRoute.PUT,
      requestsRoute.GET,
      approveRoute.POST,
      rejectRoute.POST,
    ];
    for (const h of handlers) {
      const res = await call(h, { auth: false, params: { id: MISSING } });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer');
    }
    const req = new Request('http://127.0.0.1/api/v1/enrollments', { headers: { authorization: 'Bearer tsr_wrong' } });
    expect((await enrollmentsRoute.GET(req)).status).toBe(401);
  });
});

describe('/api/v1/enrollments', () => {
  it('creates (201, no bare token in the body), lists by state, downloads, revokes (then 409), 404s unknown ids', async () => {
    const created = await call(enrollmentsRoute.POST, { body: { email: 'api@example.com', maxDownloads: 2 } });
    expect(created.status).toBe(201);
    const body = await json(created);
    expect(Object.keys(body).sort()).toEqual(['enrollUrl', 'expiresAt', 'id', 'profileUrl']);
    const id = String(body.id);

    const active = await json(await call(enrollmentsRoute.GET, { path: '/api/v1/enrollments?state=active' }));
    expect((active.enrollments as { id: string }[]).map((e) => e.id)).toContain(id);

    const profile = await call(enrollmentProfileRoute.GET, { params: { id } });
    expect(profile.status).toBe(200);
    expect(profile.headers.get('content-type')).toBe('application/x-apple-aspen-config');
    const opened = openProfile(new Uint8Array(await profile.arrayBuffer()), (await rt.ca()).certificateDer);
    expect(opened.scepContent.URL).toBe('http://127.0.0.1:3999/scep');

    const one = await json(await call(enrollmentRoute.GET, { params: { id } }));
    expect(one).toMatchObject({ id, state: 'active', downloads: 1, maxDownloads: 2, email: 'api@example.com' });

    const revoked = await call(enrollmentRoute.DELETE, { method: 'DELETE', params: { id } });
    expect(revoked.status).toBe(200);
    expect(await json(revoked)).toMatchObject({ state: 'revoked' });
    expect((await call(enrollmentRoute.DELETE, { method: 'DELETE', params: { id } })).status).toBe(409);
    expect((await call(enrollmentProfileRoute.GET, { params: { id } })).status).toBe(410);

    expect((await call(enrollmentRoute.DELETE, { method: 'DELETE', params: { id: MISSING } })).status).toBe(404);
    expect((await call(enrollmentRoute.GET, { params: { id: 'not-a-uuid' } })).status).toBe(404);
    expect((await call(enrollmentProfileRoute.GET, { params: { id: MISSING } })).status).toBe(404);
  });

  it('answers 400 naming the field', async () => {
    const cases: [unknown, string][] = [
      [{}, 'email'],
      [{ email: 'nope' }, 'email'],
      [{ email: 'a@example.com', approval: 'sometimes' }, 'approval'],
      [{ email: 'a@example.com', ttlSeconds: 5 }, 'ttlSeconds'],
      [{ email: 'a@example.com', maxDownloads: 0 }, 'maxDownloads'],
      [{ email: 'a@example.com', template: 'no such template' }, 'template'],
    ];
    for (const [body, field] of cases) {
      const res = await call(enrollmentsRoute.POST, { body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      const err = (await json(res)).error;
      expect(err?.details?.field).toBe(field);
      expect(err?.message).toMatch(new RegExp(`^${field}: `));
    }
    const bad = await call(enrollmentsRoute.GET, { path: '/api/v1/enrollments?state=someday' });
    expect(bad.status).toBe(400);
    expect((await json(bad)).error?.details?.field).toBe('state');
  });
});

describe('/api/v1/templates', () => {
  const base = { organization: 'Example Corp', identifierPrefix: 'com.example.api' };

  it('lists the default, creates (201), reads, replaces, and answers 400/404/409', async () => {
    const list = await json(await call(templatesRoute.GET));
    expect((list.templates as { name: string; isDefault: boolean }[])[0]).toMatchObject({ name: 'Default', isDefault: true });

    const created = await call(templatesRoute.POST, { body: { name: 'API', ...base, wifi: { ssid: 'Staff', encryption: 'WPA3' } } });
    expect(created.status).toBe(201);
    const t = await json(created);
    expect(t).toMatchObject({ name: 'API', isDefault: false, config: { wifi: { ssid: 'Staff', anchorToCa: true }, retries: 3 } });

    expect((await call(templatesRoute.POST, { body: { name: 'API', ...base } })).status).toBe(409);
    const invalid = await call(templatesRoute.POST, { body: { name: 'Bad', ...base, wifi: { ssid: 'Staff', encryption: 'WEP' } } });
    expect(invalid.status).toBe(400);
    expect((await json(invalid)).error?.details?.field).toBe('wifi.encryption');

    expect((await json(await call(templateRoute.GET, { params: { id: String(t.id) } }))).name).toBe('API');
    const put = await call(templateRoute.PUT, { method: 'PUT', params: { id: String(t.id) }, body: { name: 'API v2', ...base } });
    expect(put.status).toBe(200);
    expect(await json(put)).toMatchObject({ name: 'API v2', config: { wifi: null } });
    const badPut = await call(templateRoute.PUT, { method: 'PUT', params: { id: String(t.id) }, body: { name: 'API v2', ...base, identifierPrefix: 'nodots' } });
    expect((await json(badPut)).error?.details?.field).toBe('identifierPrefix');
    expect((await call(templateRoute.PUT, { method: 'PUT', params: { id: MISSING }, body: { name: 'X', ...base } })).status).toBe(404);
    expect((await call(templateRoute.GET, { params: { id: MISSING } })).status).toBe(404);
  });
});

describe('/api/v1/enrollment-requests', () => {
  it('lists by status, approves, rejects, and answers 400/404/409', async () => {
    const client = { address: '192.0.2.10', userAgent: 'test' };
    const a = await submitEnrollmentRequest(rt, { form: { name: 'Ann', email: 'ann@example.com' }, client });
    const b = await submitEnrollmentRequest(rt, { form: { name: 'Bob', email: 'bob@example.com', reason: 'new phone' }, client });

    const pending = await json(await call(requestsRoute.GET, { path: '/api/v1/enrollment-requests?status=pending' }));
    expect((pending.requests as { id: string }[]).map((r) => r.id)).toEqual([a.id, b.id]);
    expect((await call(requestsRoute.GET, { path: '/api/v1/enrollment-requests?status=maybe' })).status).toBe(400);

    const approved = await call(approveRoute.POST, { method: 'POST', params: { id: a.id } });
    expect(approved.status).toBe(200);
    expect(await json(approved)).toMatchObject({ id: a.id, status: 'approved', decidedBy: 'token:enrollment-tests' });
    expect((await call(approveRoute.POST, { method: 'POST', params: { id: a.id } })).status).toBe(409);
    expect((await call(rejectRoute.POST, { params: { id: a.id }, body: {} })).status).toBe(409);

    const tooLong = await call(rejectRoute.POST, { params: { id: b.id }, body: { reason: 'x'.repeat(501) } });
    expect(tooLong.status).toBe(400);
    expect((await json(tooLong)).error?.details?.field).toBe('reason');
    const rejected = await call(rejectRoute.POST, { params: { id: b.id }, body: { reason: 'not staff' } });
    expect(await json(rejected)).toMatchObject({ status: 'rejected', decisionReason: 'not staff', enrollmentId: null });

    expect((await call(approveRoute.POST, { method: 'POST', params: { id: MISSING } })).status).toBe(404);
    expect((await call(rejectRoute.POST, { params: { id: 'nope' }, body: {} })).status).toBe(404);
    const decided = await json(await call(requestsRoute.GET, { path: '/api/v1/enrollment-requests?status=approved' }));
    expect((decided.requests as { id: string; enrollmentId: string }[])[0]).toMatchObject({ id: a.id, enrollmentId: expect.any(String) });
  });
});
