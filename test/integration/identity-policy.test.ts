/**
 * The identity policy for challenges that name nobody: read and changed through the API (GET/PUT
 * /api/v1/settings/scep) and the CLI (`settings scep`), and applied to the next PKCSReq.
 */
import { X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as challengesRoute from '../../app/api/v1/challenges/route';
import * as openapi from '../../app/api/v1/openapi.json/route';
import * as settingsRoute from '../../app/api/v1/settings/scep/route';
import { testRsaKey } from '../support/scep/identities';
import { challengeCreate } from '../../lib/server/cli/commands/challenge';
import { settingsScep } from '../../lib/server/cli/commands/settings';
import { runCommand } from '../../lib/server/cli/run-command';
import { setRuntime } from '../../lib/server/runtime';
import { createApiToken } from '../../lib/server/tokens/api-tokens';
import { buildHostileCsr, type HostileSan } from '../support/hostile-csr';
import { call } from '../support/route-call';
import { scepExchange, selfSigned } from '../support/scep-exchange';
import { createTestRuntime, type TestRuntime } from '../support/test-runtime';

let rt: TestRuntime;
let caDer: Uint8Array;
let token: string;
const actor = { id: 'test:admin', sourceAddress: null };

beforeAll(async () => {
  rt = await createTestRuntime();
  setRuntime(rt);
  caDer = (await rt.ca()).certificateDer;
  token = (await createApiToken(rt, { name: 'policy-tests', actor })).token;
});
afterAll(async () => {
  setRuntime(undefined);
  await rt?.close();
});

async function enrollUnbound(sans: HostileSan[], keyIndex: number) {
  const challenge = (await call(challengesRoute.POST, { method: 'POST', token, body: {} })).json.challenge as string;
  const key = testRsaKey(2048, keyIndex);
  const x = await scepExchange({ caDer, csrDer: buildHostileCsr({ key, subject: [['CN', `policy-${keyIndex}`]], sans, challenge }), signer: selfSigned(key) });
  const event = await rt.db.scepEvent.findFirstOrThrow({ where: { transactionId: x.transactionId } });
  return { status: x.rep?.pkiStatus, certificate: x.rep?.certificates[0], reason: event.reason };
}

describe('GET/PUT /api/v1/settings/scep', () => {
  it('shows the strict default: no SANs for unbound challenges, at most 10 SANs, renewal in the last third', async () => {
    expect((await call(settingsRoute.GET, {})).status).toBe(401);
    const res = await call(settingsRoute.GET, { token });
    expect(res.status).toBe(200);
    expect(res.json.settings.identityPolicy).toEqual({ allowedSanTypes: [], emailDomains: [], dnsSuffixes: [], upnDomains: [], maxSans: 10 });
    expect(res.json.settings.renewalWindowPercent).toBeCloseTo(100 / 3, 5);
    expect(res.json.settings).toMatchObject({ renewal: true, certValidityDays: 365 });
  });

  it('changes the policy; the next PKCSReq is judged by it', async () => {
    const put = await call(settingsRoute.PUT, {
      method: 'PUT',
      token,
      body: { identityPolicy: { allowedSanTypes: ['dns', 'email'], dnsSuffixes: ['devices.example.test'], emailDomains: ['example.test'] }, renewalWindowPercent: 50 },
    });
    expect(put.status, put.text).toBe(200);
    expect(put.json.settings.identityPolicy).toMatchObject({ allowedSanTypes: ['dns', 'email'], dnsSuffixes: ['devices.example.test'], emailDomains: ['example.test'], maxSans: 10 });
    expect(put.json.settings.renewalWindowPercent).toBe(50);
    const audit = await rt.db.auditLog.findFirstOrThrow({ where: { action: 'settings.scep_updated' }, orderBy: { createdAt: 'desc' } });
    expect(JSON.stringify(audit.details)).toContain('devices.example.test');

    const ok = await enrollUnbound([{ type: 'dns', value: 'laptop-9.devices.example.test' }, { type: 'email', value: 'ops@example.test' }], 0);
    expect(ok.status, ok.reason).toBe('SUCCESS');
    expect(new X509Certificate(ok.certificate!).subjectAltName).toBe('DNS:laptop-9.devices.example.test, email:ops@example.test');

    const bank = await enrollUnbound([{ type: 'dns', value: 'www.bank.example' }], 1);
    expect(bank.status).toBe('FAILURE');
    expect(bank.reason).toMatch(/www\.bank\.example.*devices\.example\.test/);
    const mail = await enrollUnbound([{ type: 'email', value: 'alice@other.example' }], 2);
    expect(mail.status).toBe('FAILURE');
    expect(mail.reason).toMatch(/alice@other\.example/);
    const uri = await enrollUnbound([{ type: 'uri', value: 'https://evil.example/' }], 3);
    expect(uri.status).toBe('FAILURE');
    expect(uri.reason).toMatch(/uri/i);
  });

  it('answers 400 naming the field for a bad policy', async () => {
    const cases: [unknown, string][] = [
      [{ identityPolicy: { allowedSanTypes: ['x400'] } }, 'identityPolicy.allowedSanTypes.0'],
      [{ identityPolicy: { maxSans: 1000 } }, 'identityPolicy.maxSans'],
      [{ identityPolicy: { dnsSuffixes: ['not a domain'] } }, 'identityPolicy.dnsSuffixes.0'],
      [{ identityPolicy: { emailDomains: ['exa\u0000mple.test'] } }, 'identityPolicy.emailDomains.0'],
      [{ renewalWindowPercent: 0 }, 'renewalWindowPercent'],
      [{ certValidityDays: 99999 }, 'certValidityDays'],
    ];
    for (const [body, field] of cases) {
      const res = await call(settingsRoute.PUT, { method: 'PUT', token, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json.error.details.field, JSON.stringify(body)).toBe(field);
    }
  });

  it('is described in the OpenAPI document', async () => {
    const doc = (await openapi.GET().json()) as { paths: Record<string, Record<string, { requestBody?: { content: { 'application/json': { schema: { properties: Record<string, unknown> } } } } }>> };
    const put = doc.paths['/settings/scep']?.put;
    expect(Object.keys(put?.requestBody?.content['application/json'].schema.properties ?? {})).toEqual(expect.arrayContaining(['identityPolicy', 'renewalWindowPercent']));
    expect(doc.paths['/settings/scep']?.get).toBeDefined();
  });
});

describe('CLI', () => {
  it('`settings scep` shows and changes the identity policy and renewal window', async () => {
    const ctx = { runtime: rt, actor };
    const out = (await runCommand(settingsScep, { 'san-types': 'dns,upn', 'dns-suffixes': 'corp.example.test', 'upn-domains': 'CORP.EXAMPLE.TEST', 'max-sans': '4', 'renewal-window-percent': '25' }, ctx)) as Parameters<typeof settingsScep.text>[0];
    const text = settingsScep.text(out);
    expect(text).toMatch(/SAN types allowed.*dns, upn/);
    expect(text).toMatch(/DNS suffixes.*corp\.example\.test/);
    expect(text).toMatch(/renewal window.*last 25 %/);
    const read = await call(settingsRoute.GET, { token });
    expect(read.json.settings.identityPolicy).toMatchObject({ allowedSanTypes: ['dns', 'upn'], upnDomains: ['corp.example.test'], maxSans: 4 });
    await expect(runCommand(settingsScep, { 'san-types': 'x400' }, ctx)).rejects.toMatchObject({ code: 'validation' });
  });

  it('`challenge create --subject --san` binds the challenge', async () => {
    const created = (await runCommand(challengeCreate, { subject: 'CN=printer-3', san: 'dns:printer-3.corp.example.test' }, { runtime: rt, actor })) as { identity: unknown };
    expect(created.identity).toEqual({ subject: 'CN=printer-3', sans: [{ type: 'dns', value: 'printer-3.corp.example.test' }] });
  });
});
