/** The JSON API for integrators, through the route handlers: auth, happy paths, and every error status. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as challenges from '../../app/api/v1/challenges/route';
import * as challenge from '../../app/api/v1/challenges/[id]/route';
import * as requests from '../../app/api/v1/requests/route';
import * as approve from '../../app/api/v1/requests/[id]/approve/route';
import * as reject from '../../app/api/v1/requests/[id]/reject/route';
import * as certificates from '../../app/api/v1/certificates/route';
import * as certificate from '../../app/api/v1/certificates/[serial]/route';
import * as revoke from '../../app/api/v1/certificates/[serial]/revoke/route';
import { scepEndpoint } from '../../lib/http/scep-endpoint';
import { setRuntime } from '../../lib/server/runtime';
import { createApiToken, revokeApiToken } from '../../lib/server/tokens/api-tokens';
import { buildClientRequest, parseCertRepForClient } from '../support/scep/client';
import { createClientIdentity, testRsaKey } from '../support/scep/identities';
import { call } from '../support/route-call';
import { createTestRuntime, type TestRuntime } from '../support/test-runtime';

let rt: TestRuntime;
let token: string;
const actor = { id: 'test', sourceAddress: null };

beforeAll(async () => {
  rt = await createTestRuntime();
  setRuntime(rt);
  token = (await createApiToken(rt, { name: 'integration', actor })).token;
});
afterAll(async () => {
  setRuntime(undefined);
  await rt?.close();
});

async function enroll(secret: string, keyIndex: number) {
  const ca = (await rt.ca()).certificateDer;
  const id = createClientIdentity({ privateKey: testRsaKey(2048, keyIndex), challenge: secret, commonName: `api-device-${keyIndex}` });
  const body = buildClientRequest({ messageType: 'PKCSReq', transactionId: `API-${keyIndex}-${Date.now()}`, signer: id, recipients: [ca], messageData: id.csrDer });
  const res = await scepEndpoint(new Request('http://127.0.0.1/scep?operation=PKIOperation', { method: 'POST', body: Buffer.from(body) }));
  return parseCertRepForClient(new Uint8Array(await res.arrayBuffer()), { caCertificateDer: ca, recipient: id });
}

describe('API v1', () => {
  it('requires a valid, unrevoked bearer token', async () => {
    expect((await call(challenges.GET)).status).toBe(401);
    expect((await call(challenges.GET, { token: 'tsr_wrong' })).json.error.code).toBe('unauthorized');
    const spare = await createApiToken(rt, { name: 'spare', actor });
    expect((await call(challenges.GET, { token: spare.token })).status).toBe(200);
    await revokeApiToken(rt, { id: spare.id, actor });
    expect((await call(challenges.GET, { token: spare.token })).status).toBe(401);
    const row = await rt.db.apiToken.findUniqueOrThrow({ where: { id: spare.id } });
    expect(row.lastUsedAt).not.toBeNull();
    expect(row.tokenHash).not.toContain(spare.token);
  });

  it('creates, lists and revokes challenges; validation errors name the field', async () => {
    const created = await call(challenges.POST, { method: 'POST', token, body: { ttlSeconds: 600, approval: 'manual', note: 'alice@example.com' } });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ approval: 'manual', note: 'alice@example.com', enrollUrl: 'http://127.0.0.1:3999/scep' });
    expect(created.json.challenge).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{1,5}){5}$/);
    expect(await rt.db.challenge.count({ where: { secretHash: created.json.challenge } })).toBe(0);

    const bad = await call(challenges.POST, { method: 'POST', token, body: { ttlSeconds: 5 } });
    expect(bad.status).toBe(400);
    expect(bad.json.error).toMatchObject({ code: 'validation', details: { field: 'ttlSeconds' } });
    expect((await call(challenges.POST, { method: 'POST', token, body: '{not json' })).status).toBe(400);
    const huge = await call(challenges.POST, { method: 'POST', token, body: JSON.stringify({ note: 'x'.repeat(200_000) }) });
    expect([huge.status, huge.json.error.code]).toEqual([413, 'too_large']);
    expect((await call(challenges.POST, { method: 'POST', token, body: { approval: 'sometimes' } })).json.error.details.field).toBe('approval');

    const list = await call(challenges.GET, { token, url: 'http://x/api/v1/challenges?state=unused&pageSize=10' });
    expect(list.json.items.map((c: { id: string }) => c.id)).toContain(created.json.id);
    expect(JSON.stringify(list.json)).not.toContain(created.json.challenge);
    expect((await call(challenges.GET, { token, url: 'http://x/api/v1/challenges?state=bogus' })).status).toBe(400);

    expect((await call(challenge.DELETE, { method: 'DELETE', token, params: { id: created.json.id } })).json.state).toBe('revoked');
    expect((await call(challenge.DELETE, { method: 'DELETE', token, params: { id: created.json.id } })).status).toBe(409);
    expect((await call(challenge.DELETE, { method: 'DELETE', token, params: { id: 'not-a-uuid' } })).status).toBe(404);
    expect((await call(challenge.DELETE, { method: 'DELETE', token, params: { id: '00000000-0000-4000-8000-000000000000' } })).status).toBe(404);
  });

  it('approves and rejects pending requests (409 once decided) and finds, downloads and revokes the certificate', async () => {
    const c1 = (await call(challenges.POST, { method: 'POST', token, body: { approval: 'manual' } })).json.challenge as string;
    expect((await enroll(c1, 30)).pkiStatus).toBe('PENDING');
    const pending = await call(requests.GET, { token, url: 'http://x/api/v1/requests?status=pending' });
    expect(pending.json.items).toHaveLength(1);
    const id = pending.json.items[0].id as string;
    const approved = await call(approve.POST, { method: 'POST', token, params: { id }, body: { reason: 'ok' } });
    expect(approved.json).toMatchObject({ status: 'issued' });
    expect((await call(approve.POST, { method: 'POST', token, params: { id } })).status).toBe(409);
    expect((await call(reject.POST, { method: 'POST', token, params: { id } })).status).toBe(409);

    const c2 = (await call(challenges.POST, { method: 'POST', token, body: { approval: 'manual' } })).json.challenge as string;
    await enroll(c2, 31);
    const id2 = (await call(requests.GET, { token, url: 'http://x/api/v1/requests?status=pending' })).json.items[0].id as string;
    expect((await call(reject.POST, { method: 'POST', token, params: { id: id2 }, body: { reason: 'unknown person' } })).json.status).toBe('rejected');
    expect((await call(reject.POST, { method: 'POST', token, params: { id: id2 }, body: { reason: 'x'.repeat(501) } })).status).toBe(400);

    const serial = approved.json.serial as string;
    const found = await call(certificates.GET, { token, url: `http://x/api/v1/certificates?q=api-device-30&status=valid` });
    expect(found.json.items.map((c: { serial: string }) => c.serial)).toEqual([serial]);
    const detail = await call(certificate.GET, { token, params: { serial } });
    expect(detail.json).toMatchObject({ serial, status: 'valid', key: 'RSA-2048' });
    const pem = await call(certificate.GET, { token, params: { serial }, headers: { accept: 'application/x-pem-file' } });
    expect(pem.headers.get('content-type')).toBe('application/x-pem-file');
    expect(pem.text).toContain('-----BEGIN CERTIFICATE-----');
    expect((await call(revoke.POST, { method: 'POST', token, params: { serial }, body: { reason: 'keyCompromise' } })).json.status).toBe('revoked');
    expect((await call(revoke.POST, { method: 'POST', token, params: { serial } })).status).toBe(409);
    expect((await call(revoke.POST, { method: 'POST', token, params: { serial }, body: { reason: 'because' } })).status).toBe(400);
    expect((await call(certificate.GET, { token, params: { serial: 'ffff' } })).status).toBe(404);
    expect((await call(certificate.GET, { token, params: { serial: '../etc' } })).status).toBe(404);
    const audit = await rt.db.auditLog.findMany({ where: { actor: 'token:integration' }, select: { action: true } });
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['challenge.created', 'challenge.revoked', 'request.approved', 'request.rejected', 'certificate.revoked']));
  });
});
