/**
 * A certificate names the person it was enrolled for and nothing else. Through the real path: an enrollment created
 * with the API, its profile downloaded, the Challenge read from the plist, a PKCSReq sent to the SCEP endpoint.
 */
import { X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as challengesRoute from '../../app/api/v1/challenges/route';
import * as enrollmentsRoute from '../../app/api/v1/enrollments/route';
import * as enrollmentProfileRoute from '../../app/api/v1/enrollments/[id]/profile/route';
import * as templatesRoute from '../../app/api/v1/templates/route';
import { parseCertificate } from '../../lib/pki/x509/certificate';
import { listScepEvents } from '../../lib/server/dashboard/scep-log';
import { parseCsr } from '../../lib/pki/x509/csr';
import { testRsaKey } from '../support/scep/identities';
import { setRuntime } from '../../lib/server/runtime';
import { createPrismaScepBackend } from '../../lib/server/scep/prisma-backend';
import { readScepSettings } from '../../lib/server/scep/scep-settings';
import { createApiToken } from '../../lib/server/tokens/api-tokens';
import { buildHostileCsr, nameDer, type HostileSan, type StringKind, type SubjectPart } from '../support/hostile-csr';
import { openProfile, type PlistObject } from '../support/profile-checks';
import { call } from '../support/route-call';
import { scepExchange, selfSigned } from '../support/scep-exchange';
import { createTestRuntime, type TestRuntime } from '../support/test-runtime';

let rt: TestRuntime;
let caDer: Uint8Array;
let token: string;

beforeAll(async () => {
  rt = await createTestRuntime();
  setRuntime(rt);
  caDer = (await rt.ca()).certificateDer;
  token = (await createApiToken(rt, { name: 'identity-tests', actor: { id: 'test', sourceAddress: null } })).token;
});
afterAll(async () => {
  setRuntime(undefined);
  await rt?.close();
});

/** The security review's CSR: someone else's name, another organisation, and names no enrollment hands out. */
const ATTACK: { subject: SubjectPart[]; sans: HostileSan[] } = {
  subject: [
    ['CN', 'alice@example.test'],
    ['O', 'Other Corp'],
  ],
  sans: [
    { type: 'email', value: 'alice@example.test' },
    { type: 'dns', value: 'www.bank.example' },
    { type: 'uri', value: 'https://evil.example/' },
    { type: 'upn', value: 'alice@EXAMPLE.TEST' },
  ],
};

async function createEnrollment(body: Record<string, unknown>): Promise<string> {
  const created = await call(enrollmentsRoute.POST, { method: 'POST', token, body });
  expect(created.status, created.text).toBe(201);
  return created.json.id as string;
}

/** GET /api/v1/enrollments/{id}/profile, opened as a device does: the SCEP payload's settings. */
async function downloadScepPayload(enrollmentId: string): Promise<PlistObject> {
  const req = new Request(`http://127.0.0.1/api/v1/enrollments/${enrollmentId}/profile`, { headers: { authorization: `Bearer ${token}` } });
  const res = await enrollmentProfileRoute.GET(req, { params: Promise.resolve({ id: enrollmentId }) });
  expect(res.status).toBe(200);
  return openProfile(new Uint8Array(await res.arrayBuffer()), caDer).scepContent;
}

const SAN_KEYS: Record<string, 'email' | 'dns' | 'uri' | 'upn'> = { rfc822Name: 'email', dNSName: 'dns', uniformResourceIdentifier: 'uri', ntPrincipalName: 'upn' };

/** What iOS puts in its CSR: the payload's Subject in order, and its SubjectAltName. */
function asDevice(scep: PlistObject, kind: StringKind = 'printable'): { subject: SubjectPart[]; sans: HostileSan[] } {
  const subject = (scep.Subject as [string, string][][]).flatMap((rdn) => rdn.map(([t, v]): SubjectPart => [t, v, kind]));
  const sanDict = (scep.SubjectAltName ?? {}) as Record<string, string>;
  const sans = Object.entries(sanDict).map(([k, v]): HostileSan => ({ type: SAN_KEYS[k]!, value: v }));
  return { subject, sans };
}

/** The issued subject exactly as Tessera's encoder writes it: UTF8String values (PrintableString for C), DER order. */
const expectedName = (parts: [string, string][]) => nameDer(parts.map(([type, v]): SubjectPart => [type, v, type === 'C' ? 'printable' : 'utf8']));

const subjectDerOf = (certDer: Uint8Array) => Buffer.from(parseCertificate(certDer).subjectDer);

async function logReason(transactionId: string): Promise<string> {
  return (await rt.db.scepEvent.findFirstOrThrow({ where: { transactionId } })).reason;
}

describe('a challenge minted for an enrollment', () => {
  it('refuses the reproduction (bob’s challenge, a CSR for alice with foreign names) and logs what was asked and what the enrollment allows', async () => {
    const scep = await downloadScepPayload(await createEnrollment({ email: 'bob@example.test' }));
    const challenge = scep.Challenge as string;
    const attacker = testRsaKey(2048, 0);
    const attack = await scepExchange({ caDer, csrDer: buildHostileCsr({ key: attacker, ...ATTACK, challenge }), signer: selfSigned(attacker) });
    expect([attack.rep?.pkiStatus, attack.rep?.failInfo]).toEqual(['FAILURE', 'badRequest']);
    expect(await rt.db.certificate.count({ where: { OR: [{ subject: { contains: 'alice' } }, { sansText: { contains: 'bank' } }] } })).toBe(0);
    const reason = await logReason(attack.transactionId);
    for (const asked of ['CN=alice@example.test', 'O=Other Corp', 'www.bank.example', 'https://evil.example/', 'alice@EXAMPLE.TEST']) expect(reason).toContain(asked);
    expect(reason).toMatch(/enrollment for bob@example\.test/);
    expect(reason).toContain('CN=bob@example.test');
    expect(reason).not.toContain(challenge);
    // The dashboard's SCEP log explains it.
    const [row] = (await listScepEvents(rt, { transactionId: attack.transactionId })).items;
    expect(row?.explanation?.hints.map((h) => h.id)).toContain('identity-mismatch');

    // The challenge is not burnt by the attempt: bob's iPhone, sending what its profile says, still enrolls.
    const device = testRsaKey(2048, 1);
    const ok = await scepExchange({ caDer, csrDer: buildHostileCsr({ key: device, ...asDevice(scep), challenge }), signer: selfSigned(device) });
    expect(ok.rep?.pkiStatus, await logReason(ok.transactionId)).toBe('SUCCESS');
    const cert = new X509Certificate(ok.rep!.certificates[0]!);
    expect(cert.subject).toBe('CN=bob@example.test');
    expect(cert.subjectAltName).toBe('email:bob@example.test');
  });

  it('issues exactly the profile’s Subject and SubjectAltName, built by Tessera, also when the CSR names less or encodes it differently', async () => {
    const template = await call(templatesRoute.POST, {
      method: 'POST',
      token,
      body: {
        name: 'Staff identity',
        organization: 'Example Corp',
        identifierPrefix: 'com.example.staff',
        subjectTemplate: 'CN={displayName},OU=Staff,O={organization}',
        sanTemplate: { rfc822Name: '{email}', ntPrincipalName: '{username}@CORP.EXAMPLE.TEST' },
      },
    });
    expect(template.status, template.text).toBe(201);
    const id = await createEnrollment({ email: 'dana@example.test', username: 'dana', displayName: 'Dana Scully', template: 'Staff identity' });
    const expected = expectedName([
      ['CN', 'Dana Scully'],
      ['OU', 'Staff'],
      ['O', 'Example Corp'],
    ]);

    const exact = await downloadScepPayload(id);
    const k1 = testRsaKey(2048, 2);
    const first = await scepExchange({ caDer, csrDer: buildHostileCsr({ key: k1, ...asDevice(exact), challenge: exact.Challenge as string }), signer: selfSigned(k1) });
    expect(first.rep?.pkiStatus, await logReason(first.transactionId)).toBe('SUCCESS');
    expect(subjectDerOf(first.rep!.certificates[0]!).equals(expected)).toBe(true);
    expect(new X509Certificate(first.rep!.certificates[0]!).subjectAltName).toBe('email:dana@example.test, othername:UPN:dana@CORP.EXAMPLE.TEST');

    // A client that can only send a CN (scepclient, certmonger), in a BMPString: the certificate is still the profile's.
    const partial = await downloadScepPayload(id);
    const k2 = testRsaKey(2048, 3);
    const csr = buildHostileCsr({ key: k2, subject: [['CN', 'Dana Scully', 'bmp']], challenge: partial.Challenge as string });
    const second = await scepExchange({ caDer, csrDer: csr, signer: selfSigned(k2) });
    expect(second.rep?.pkiStatus, await logReason(second.transactionId)).toBe('SUCCESS');
    expect(subjectDerOf(second.rep!.certificates[0]!).equals(expected)).toBe(true);
    expect(new X509Certificate(second.rep!.certificates[0]!).subjectAltName).toBe('email:dana@example.test, othername:UPN:dana@CORP.EXAMPLE.TEST');
  });
});

describe('a challenge created with an expected identity (API)', () => {
  it('binds subject and SANs at creation and applies the same rule', async () => {
    const created = await call(challengesRoute.POST, {
      method: 'POST',
      token,
      body: { note: 'kiosk 7', subject: 'CN=kiosk-7.example.test,O=Example Corp', sans: [{ type: 'dns', value: 'kiosk-7.example.test' }] },
    });
    expect(created.status, created.text).toBe(201);
    expect(created.json.identity).toEqual({ subject: 'CN=kiosk-7.example.test,O=Example Corp', sans: [{ type: 'dns', value: 'kiosk-7.example.test' }] });
    const challenge = created.json.challenge as string;

    const k1 = testRsaKey(2048, 4);
    const other = await scepExchange({ caDer, csrDer: buildHostileCsr({ key: k1, subject: [['CN', 'kiosk-8.example.test']], challenge }), signer: selfSigned(k1) });
    expect([other.rep?.pkiStatus, other.rep?.failInfo]).toEqual(['FAILURE', 'badRequest']);
    expect(await logReason(other.transactionId)).toMatch(/CN=kiosk-8\.example\.test.*CN=kiosk-7\.example\.test,O=Example Corp/);

    const k2 = testRsaKey(2048, 5);
    const csr = buildHostileCsr({
      key: k2,
      subject: [
        ['O', 'Example Corp'],
        ['CN', 'kiosk-7.example.test'],
      ],
      sans: [{ type: 'dns', value: 'kiosk-7.example.test' }],
      challenge,
    });
    const ok = await scepExchange({ caDer, csrDer: csr, signer: selfSigned(k2) });
    expect(ok.rep?.pkiStatus, await logReason(ok.transactionId)).toBe('SUCCESS');
    expect(new X509Certificate(ok.rep!.certificates[0]!).subjectAltName).toBe('DNS:kiosk-7.example.test');

    const listed = await call(challengesRoute.GET, { token, url: 'http://127.0.0.1/api/v1/challenges?state=used' });
    expect(listed.json.items.find((c: { id: string }) => c.id === created.json.id)?.identity?.subject).toBe('CN=kiosk-7.example.test,O=Example Corp');
  });

  it('answers 400 naming the field for an unusable identity', async () => {
    const cases: [unknown, string][] = [
      [{ sans: [{ type: 'dns', value: 'a.example.test' }] }, 'subject'],
      [{ subject: 'CN=a\u0000b' }, 'subject'],
      [{ subject: 'CN=' + 'x'.repeat(65) }, 'subject'],
      [{ subject: 'NOTATYPE=x' }, 'subject'],
      [{ subject: 'CN=a', sans: [{ type: 'dns', value: 'not a host!' }] }, 'sans.0'],
      [{ subject: 'CN=a', sans: [{ type: 'x400', value: 'a' }] }, 'sans.0.type'],
    ];
    for (const [body, field] of cases) {
      const res = await call(challengesRoute.POST, { method: 'POST', token, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json.error.details.field, JSON.stringify(body)).toBe(field);
    }
  });
});

describe('an unbound challenge under the default identity policy', () => {
  const plainChallenge = async () => (await call(challengesRoute.POST, { method: 'POST', token, body: {} })).json.challenge as string;

  it('refuses the reproduction CSR and a CSR with 6,000 SANs; a CN over 64 characters is refused', async () => {
    const k = testRsaKey(2048, 0);
    const attack = await scepExchange({ caDer, csrDer: buildHostileCsr({ key: k, ...ATTACK, challenge: await plainChallenge() }), signer: selfSigned(k) });
    expect([attack.rep?.pkiStatus, attack.rep?.failInfo]).toEqual(['FAILURE', 'badRequest']);
    expect(await logReason(attack.transactionId)).toMatch(/not allowed/);
    expect((await listScepEvents(rt, { transactionId: attack.transactionId })).items[0]?.explanation?.hints.map((h) => h.id)).toContain('identity-policy');

    const many: HostileSan[] = Array.from({ length: 6000 }, (_, i) => ({ type: 'dns', value: `host-${i}.example.test` }));
    const flood = await scepExchange({ caDer, csrDer: buildHostileCsr({ key: k, subject: [['CN', 'flood']], sans: many, challenge: await plainChallenge() }), signer: selfSigned(k) });
    expect([flood.rep?.pkiStatus, flood.rep?.failInfo]).toEqual(['FAILURE', 'badRequest']);
    expect(await logReason(flood.transactionId)).toMatch(/6000 subjectAltNames.*at most 10/);

    const long = await scepExchange({ caDer, csrDer: buildHostileCsr({ key: k, subject: [['CN', 'x'.repeat(65)]], challenge: await plainChallenge() }), signer: selfSigned(k) });
    expect([long.rep?.pkiStatus, long.rep?.failInfo]).toEqual(['FAILURE', 'badRequest']);
    expect(await logReason(long.transactionId)).toMatch(/CN is 65 characters/);
    expect(await rt.db.scepRequest.count({ where: { transactionId: { in: [attack.transactionId, flood.transactionId, long.transactionId] } } })).toBe(0);
  });

  it('issues a plain subject as asked, re-encoded by Tessera (not the CSR’s bytes)', async () => {
    const k = testRsaKey(2048, 1);
    const subject: SubjectPart[] = [
      ['C', 'US', 'printable'],
      ['O', 'scep-client', 'printable'],
      ['OU', 'MDM', 'bmp'],
      ['CN', 'laptop-1', 'printable'],
    ];
    const ok = await scepExchange({ caDer, csrDer: buildHostileCsr({ key: k, subject, challenge: await plainChallenge() }), signer: selfSigned(k) });
    expect(ok.rep?.pkiStatus, await logReason(ok.transactionId)).toBe('SUCCESS');
    const expected = expectedName([
      ['C', 'US'],
      ['O', 'scep-client'],
      ['OU', 'MDM'],
      ['CN', 'laptop-1'],
    ]);
    expect(subjectDerOf(ok.rep!.certificates[0]!).equals(expected)).toBe(true);
  });
});

describe('reason codes', () => {
  it('gives each identity refusal a stable code', async () => {
    const settings = await readScepSettings(rt.db, rt.env, 0);
    const backend = await createPrismaScepBackend(rt, settings, { penalty: async () => {} });
    const scep = await downloadScepPayload(await createEnrollment({ email: 'erin@example.test' }));
    const plain = (await call(challengesRoute.POST, { method: 'POST', token, body: {} })).json.challenge as string;
    const k = testRsaKey(2048, 2);
    const signer = selfSigned(k);
    const decide = (csrDer: Uint8Array) =>
      backend.enroll({
        transactionId: `CODE-${Math.random()}`,
        messageType: 'PKCSReq',
        csr: parseCsr(csrDer),
        signerCertDer: signer.certificateDer,
        signerPublicKeySha256: parseCsr(csrDer).publicKeySha256,
        renewalOfSerialHex: null,
        client: { address: '192.0.2.1', userAgent: 'codes' },
      });
    expect(await decide(buildHostileCsr({ key: k, ...ATTACK, challenge: scep.Challenge as string }))).toMatchObject({ kind: 'failure', code: 'identity-mismatch' });
    expect(await decide(buildHostileCsr({ key: k, ...ATTACK, challenge: plain }))).toMatchObject({ kind: 'failure', code: 'san-not-allowed' });
    expect(await decide(buildHostileCsr({ key: k, subject: [['CN', 'nul\u0000byte']], challenge: plain }))).toMatchObject({ kind: 'failure', code: 'subject-invalid' });
  });
});
