/**
 * The dashboard's read models against a real database filled through the SCEP endpoint: overview counts, the SCEP
 * log with explanations, the audit log, admins, CA details with Apple checks, the TLS probe and the SCEP policy form.
 */
import tls from 'node:tls';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaCertificate } from '../../lib/pki/x509/create-ca';
import { derToPem } from '../../lib/pki/x509/pem';
import { scepEndpoint } from '../../lib/http/scep-endpoint';
import { PEER_ADDRESS_HEADER } from '../../lib/http/peer-address-header';
import { buildClientRequest } from '../support/scep/client';
import { createClientIdentity, testRsaKey } from '../support/scep/identities';
import { createChallenge } from '../../lib/server/challenges/create-challenge';
import { revokeChallenge } from '../../lib/server/challenges/revoke-challenge';
import { listAdminUsers } from '../../lib/server/dashboard/admin-users';
import { listAuditLog } from '../../lib/server/dashboard/audit-log';
import { getAuthorities, getCaCertificatePem } from '../../lib/server/dashboard/authority-details';
import { getOverview } from '../../lib/server/dashboard/overview';
import { pendingCounts } from '../../lib/server/dashboard/pending-counts';
import { listScepEvents } from '../../lib/server/dashboard/scep-log';
import { probePublicUrl } from '../../lib/server/dashboard/tls-probe';
import { getScepSettingsView, updateScepSettings } from '../../lib/server/dashboard/update-scep-settings';
import { setRuntime } from '../../lib/server/runtime';
import { readScepSettings } from '../../lib/server/scep/scep-settings';
import { createTestRuntime, TEST_ADMIN, type TestRuntime } from '../support/test-runtime';

const IPHONE = 'iPhone OS/17.4 (21E219) profiled/1.0 CFNetwork/1494.0.7 Darwin/23.4.0';
const actor = { id: 'admin:dash@example.test', sourceAddress: '192.0.2.7' };
let rt: TestRuntime;
let caDer: Uint8Array;
let keyIndex = 0;

async function challenge(approval: 'auto' | 'manual', note: string) {
  return (await createChallenge(rt.db, rt.masterKey, { approval, note }, actor, { defaultTtlSeconds: 3600 })).challenge;
}

async function pkcsReq(secret: string, opts: { bits?: number; ua?: string; txid?: string } = {}) {
  keyIndex += 1;
  const id = createClientIdentity({ privateKey: testRsaKey(opts.bits ?? 2048, keyIndex), challenge: secret, commonName: `dash-${keyIndex}` });
  const txid = opts.txid ?? `DASH-${keyIndex}`;
  const body = buildClientRequest({ messageType: 'PKCSReq', transactionId: txid, signer: id, recipients: [caDer], messageData: id.csrDer });
  const res = await scepEndpoint(
    new Request('http://127.0.0.1/scep?operation=PKIOperation', { method: 'POST', body: Buffer.from(body), headers: { 'user-agent': opts.ua ?? IPHONE, [PEER_ADDRESS_HEADER]: '198.51.100.4' } }),
  );
  expect(res.status).toBe(200);
  return txid;
}

beforeAll(async () => {
  rt = await createTestRuntime();
  setRuntime(rt);
  caDer = (await rt.ca()).certificateDer;
  // One issued certificate, one reuse of its challenge, two pending (Apple and not), one wrong challenge, one weak key,
  // one unused challenge, one revoked challenge, one HTTP error.
  const auto = await challenge('auto', 'first phone');
  await pkcsReq(auto, { txid: 'DASH-ISSUED' });
  await pkcsReq(auto, { txid: 'DASH-REUSED' });
  await pkcsReq(await challenge('manual', 'needs approval'), { txid: 'DASH-PENDING-APPLE' });
  await pkcsReq(await challenge('manual', 'sscep box'), { txid: 'DASH-PENDING-SSCEP', ua: 'sscep/0.10' });
  await pkcsReq('NOT-A-REAL-CHALLENGE', { txid: 'DASH-WRONG' });
  await pkcsReq(await challenge('auto', 'weak key'), { bits: 1024, txid: 'DASH-WEAK' });
  await challenge('auto', 'spare');
  const revoked = await createChallenge(rt.db, rt.masterKey, { approval: 'auto', note: 'revoked one' }, actor, { defaultTtlSeconds: 3600 });
  await revokeChallenge(rt, { id: revoked.id, actor });
  await scepEndpoint(new Request('http://127.0.0.1/scep?operation=GetCACaps', { method: 'PUT', headers: { 'user-agent': 'curl/8.0' } }));
  // A second certificate that expires in 10 days (a copy of the issued one under another serial).
  const issued = await rt.db.certificate.findFirstOrThrow();
  const { id: _id, requestId: _r, ...copy } = issued;
  await rt.db.certificate.create({ data: { ...copy, sans: copy.sans as object, serial: 'abcdef01', notAfter: new Date(Date.now() + 10 * 86_400_000) } });
  // And a revoked one, which counts nowhere.
  await rt.db.certificate.create({ data: { ...copy, sans: copy.sans as object, serial: 'abcdef02', status: 'REVOKED', revokedAt: new Date() } });
  await rt.db.enrollmentRequest.create({ data: { pollTokenHash: 'hash-1', name: 'Dana', email: 'dana@example.test', reason: 'new phone' } });
});

afterAll(async () => {
  setRuntime(undefined);
  await rt?.close();
});

describe('overview', () => {
  it('counts what needs attention', async () => {
    const o = await getOverview(rt);
    expect(o.counts).toEqual({
      activeCertificates: 2,
      pendingRequests: 2,
      pendingEnrollmentRequests: 1,
      challengesInUse: 2, // "weak key" (refused before it was consumed) and "spare"
      scepFailures24h: 4, // reuse, wrong challenge, weak key, HTTP 405
      expiringSoon: 1,
    });
    expect(o.expiringSoon.map((c) => c.serial)).toEqual(['abcdef01']);
  });

  it('lists the latest failures newest first, each with its explanation', async () => {
    const o = await getOverview(rt);
    expect(o.latestFailures.map((e) => e.outcome)).toEqual(['http-error', 'failure', 'failure', 'failure']);
    const byTx = new Map(o.latestFailures.map((e) => [e.transactionId, e]));
    expect(byTx.get('DASH-REUSED')!.explanation!.hints.map((h) => h.id)).toContain('challenge-used');
    expect(byTx.get('DASH-WEAK')!.explanation!.hints.map((h) => h.id)).toContain('weak-key');
    expect(byTx.get('DASH-WRONG')!.explanation!.deviceShows).toContain('22013');
  });

  it('counts an expired pending request as no longer pending', async () => {
    const now = new Date(Date.now() + 48 * 3600_000);
    const o = await getOverview(rt, { now });
    expect(o.counts.pendingRequests).toBe(0);
    expect((await pendingCounts(rt, { now })).scepRequests).toBe(0);
    expect(await pendingCounts(rt)).toEqual({ scepRequests: 2, enrollmentRequests: 1 });
  });
});

describe('SCEP log', () => {
  it('filters by outcome, operation, transaction and client', async () => {
    expect((await listScepEvents(rt, { outcome: 'pending' })).items.map((e) => e.transactionId).sort()).toEqual(['DASH-PENDING-APPLE', 'DASH-PENDING-SSCEP']);
    expect((await listScepEvents(rt, { operation: 'GetCACaps' })).items).toHaveLength(1);
    expect((await listScepEvents(rt, { transactionId: 'weak' })).items.map((e) => e.transactionId)).toEqual(['DASH-WEAK']);
    const sscep = await listScepEvents(rt, { client: 'SSCEP' });
    expect(sscep.items.map((e) => e.transactionId)).toEqual(['DASH-PENDING-SSCEP']);
    expect(sscep.items[0]!.appleClient).toBe(false);
    expect((await listScepEvents(rt, { client: '198.51.100.4' })).total).toBe(6);
  });

  it('explains pending Apple requests and leaves successes alone', async () => {
    const [apple] = (await listScepEvents(rt, { transactionId: 'DASH-PENDING-APPLE' })).items;
    expect(apple!.explanation!.deviceShows).toMatch(/PENDING error 3/);
    const [ok] = (await listScepEvents(rt, { transactionId: 'DASH-ISSUED' })).items;
    expect(ok!.outcome).toBe('success');
    expect(ok!.explanation).toBeNull();
  });

  it('pages and limits by time', async () => {
    const page = await listScepEvents(rt, { page: 2, pageSize: 3 });
    expect(page.items).toHaveLength(3);
    expect(page.total).toBe(7);
    const later = new Date(Date.now() + 2 * 3600_000);
    expect((await listScepEvents(rt, { range: '1h', now: later })).total).toBe(0);
    expect((await listScepEvents(rt, { range: 'all', now: later })).total).toBe(7);
  });

  it('rejects unknown filter values', async () => {
    await expect(listScepEvents(rt, { outcome: 'exploded' as 'failure' })).rejects.toThrow();
  });
});

describe('audit log', () => {
  it('is newest first and searchable', async () => {
    const all = await listAuditLog(rt, { pageSize: 200 });
    expect(all.items.length).toBeGreaterThan(5);
    expect(all.items[0]!.createdAt >= all.items.at(-1)!.createdAt).toBe(true);
    const revokes = await listAuditLog(rt, { q: 'challenge.revoked' });
    expect(revokes.items).toHaveLength(1);
    expect(revokes.items[0]).toMatchObject({ actor: actor.id, sourceAddress: '192.0.2.7' });
    const created = await listAuditLog(rt, { q: 'challenge.created', pageSize: 1 });
    expect(created.total).toBe(6);
    expect(created.items[0]!.details).toContain('"approval"');
  });
});

describe('settings read models', () => {
  it('lists admins without their password hashes', async () => {
    const admins = await listAdminUsers(rt);
    expect(admins.map((a) => a.email)).toEqual([TEST_ADMIN.email]);
    expect(Object.keys(admins[0]!)).not.toContain('passwordHash');
  });

  it('describes the CA and the profile signer with passing Apple checks', async () => {
    const { ca, profileSigner } = await getAuthorities(rt);
    expect(ca.subject).toBe('CN=Tessera Test CA,O=Tessera Tests');
    expect(ca.sha256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(ca.sha1).toMatch(/^([0-9A-F]{2}:){19}[0-9A-F]{2}$/);
    expect(ca.checks.map((c) => c.status)).not.toContain('fail');
    expect(ca.checks.map((c) => c.id)).toContain('ca-key-usage-scep');
    expect(profileSigner.checks.map((c) => c.id)).toContain('signer-key-usage');
    expect(await getCaCertificatePem(rt)).toMatch(/^-----BEGIN CERTIFICATE-----\n/);
  });

  it('saves the SCEP policy form, audits the change and takes effect at once', async () => {
    const view = await getScepSettingsView(rt);
    expect(view.settings.certValidityDays).toBe(365);
    const identity = { renewalWindowPercent: '33.33', maxSans: '10' };
    const saved = await updateScepSettings(rt, { legacyCiphers: 'on', emailProtection: undefined, certValidityDays: '90', pendingTtlHours: '12', ...identity, actor });
    expect(saved).toMatchObject({ legacyCiphers: true, emailProtection: false, certValidityDays: 90, pendingTtlHours: 12, minRsaBits: 2048, renewal: true });
    expect(await readScepSettings(rt.db, rt.env)).toMatchObject({ certValidityDays: 90, legacyCiphers: true });
    // The form shows 33.33 % for the default third; saving it untouched keeps the exact third.
    expect(saved.renewalWindowPercent).toBe(100 / 3);
    const [entry] = (await listAuditLog(rt, { q: 'settings.scep_updated' })).items;
    expect(JSON.parse(entry!.details!)).toEqual({ legacyCiphers: { from: false, to: true }, certValidityDays: { from: 365, to: 90 }, pendingTtlHours: { from: 24, to: 12 } });
    await expect(updateScepSettings(rt, { legacyCiphers: false, emailProtection: false, certValidityDays: '0', pendingTtlHours: '12', ...identity, actor })).rejects.toThrow(/at least 1 day/);

    // The identity policy and renewal window, from the same form.
    const policy = await updateScepSettings(rt, { legacyCiphers: false, emailProtection: false, certValidityDays: 365, pendingTtlHours: 24, renewalWindowPercent: '25', maxSans: '3', 'san.dns': 'on', 'san.email': 'on', dnsSuffixes: 'devices.example.test\n*.lab.example.test', emailDomains: 'Example.TEST', actor });
    expect(policy.identityPolicy).toEqual({ allowedSanTypes: ['email', 'dns'], emailDomains: ['example.test'], dnsSuffixes: ['devices.example.test', 'lab.example.test'], upnDomains: [], maxSans: 3 });
    expect(policy.renewalWindowPercent).toBe(25);
    await expect(updateScepSettings(rt, { legacyCiphers: false, emailProtection: false, certValidityDays: 365, pendingTtlHours: 24, renewalWindowPercent: '25', maxSans: '3', dnsSuffixes: 'bad domain!', actor })).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: ['dnsSuffixes'], message: expect.stringMatching(/^"domain!" must be a domain name/) })],
    });
    await updateScepSettings(rt, { legacyCiphers: false, emailProtection: false, certValidityDays: 365, pendingTtlHours: 24, renewalWindowPercent: '33.33', maxSans: '10', actor });
    expect((await readScepSettings(rt.db, rt.env, 0)).renewalWindowPercent).toBe(33.33);
  });
});

describe('TLS probe of TESSERA_PUBLIC_URL', () => {
  it('reports plain HTTP and a missing URL without connecting', async () => {
    expect(await probePublicUrl('http://pki.example.test')).toEqual({ kind: 'plain-http', url: 'http://pki.example.test' });
    expect(await probePublicUrl(undefined)).toEqual({ kind: 'not-configured' });
  });

  it('reads the served certificate and runs Apple’s server checks on it', async () => {
    // A CA certificate served as a TLS certificate: reachable, but it fails Apple's server rules (no DNS SAN, no serverAuth).
    const ca = createCaCertificate({ subject: 'CN=probe.example.test', keyBits: 2048, validityDays: 30 });
    const server = tls.createServer({ cert: derToPem(ca.certificateDer), key: ca.privateKey.export({ type: 'pkcs8', format: 'pem' }) }, (s) => s.end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const probe = await probePublicUrl(`https://127.0.0.1:${port}/`);
      expect(probe.kind).toBe('ok');
      if (probe.kind !== 'ok') return;
      expect(probe.certificate.subject).toBe('CN=probe.example.test');
      const status = Object.fromEntries(probe.checks.map((c) => [c.id, c.status]));
      expect(status).toMatchObject({ 'key-size': 'pass', 'san-dns': 'fail', 'eku-server-auth': 'fail' });
    } finally {
      server.close();
    }
  });

  it('says when nothing answers', async () => {
    const probe = await probePublicUrl('https://127.0.0.1:1/', { timeoutMs: 1000 });
    expect(probe.kind).toBe('unreachable');
  });

  it('gives up after the timeout when the handshake never comes', async () => {
    const { createServer } = await import('node:net');
    const silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = silent.address() as AddressInfo;
      const started = Date.now();
      const probe = await probePublicUrl(`https://127.0.0.1:${port}/`, { timeoutMs: 300 });
      expect(probe).toMatchObject({ kind: 'unreachable', error: expect.stringMatching(/no TLS handshake/) });
      expect(Date.now() - started).toBeLessThan(2000);
    } finally {
      silent.close();
    }
  });
});
