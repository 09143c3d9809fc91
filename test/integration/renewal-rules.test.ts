/**
 * Renewal keeps the renewed certificate's identity, happens once, only inside the renewal window, supersedes the old
 * certificate, and goes back to an admin when the original enrollment needed approval. Each attack from the security
 * review is reproduced against the SCEP service with the Postgres-backed backend.
 */
import { X509Certificate, type KeyObject } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as templatesRoute from '../../app/api/v1/templates/route';
import { describeCertificate } from '../../lib/pki/x509/certificate-info';
import { parseCertificate } from '../../lib/pki/x509/certificate';
import { buildClientRequest, buildIssuerAndSubject, parseCertRepForClient, type ClientCertRep } from '../support/scep/client';
import { testRsaKey } from '../support/scep/identities';
import { getCertificateDetail } from '../../lib/server/certificates/certificates';
import { listScepEvents } from '../../lib/server/dashboard/scep-log';
import { createChallenge } from '../../lib/server/challenges/create-challenge';
import { createEnrollment } from '../../lib/server/enrollments';
import { issueEnrollmentProfile } from '../../lib/server/enrollments/issue-enrollment-profile';
import { approveScepRequest } from '../../lib/server/requests/decide-scep-request';
import { setRuntime } from '../../lib/server/runtime';
import { handleScepRequest } from '../../lib/server/scep/handle-scep-request';
import { createApiToken } from '../../lib/server/tokens/api-tokens';
import { buildHostileCsr, type HostileSan, type SubjectPart } from '../support/hostile-csr';
import { openProfile } from '../support/profile-checks';
import { call } from '../support/route-call';
import { selfSigned, type ScepSigner } from '../support/scep-exchange';
import { createTestRuntime, type TestRuntime } from '../support/test-runtime';

let rt: TestRuntime;
let caDer: Uint8Array;
let caId: string;
const actor = { id: 'test:admin', sourceAddress: null };
/** Keys from a small pool (generating RSA keys blocks the test worker); consecutive keys always differ. */
let nextKey = 0;
const freshKey = (): KeyObject => testRsaKey(2048, nextKey++ % 6);

beforeAll(async () => {
  rt = await createTestRuntime();
  setRuntime(rt);
  const ca = await rt.ca();
  caDer = ca.certificateDer;
  caId = ca.id;
});
afterAll(async () => {
  setRuntime(undefined);
  await rt?.close();
});

interface Sent {
  rep: ClientCertRep;
  reason: string;
  transactionId: string;
}

async function send(opts: { messageType: 'PKCSReq' | 'RenewalReq' | 'CertPoll'; signer: ScepSigner; messageData: Uint8Array; transactionId?: string; at?: Date }): Promise<Sent> {
  const transactionId = opts.transactionId ?? `RN-${Math.random().toString(36).slice(2)}`;
  const body = buildClientRequest({ messageType: opts.messageType, transactionId, signer: opts.signer, recipients: [caDer], messageData: opts.messageData });
  const at = opts.at;
  const res = await handleScepRequest(
    rt,
    { method: 'POST', rawQuery: 'operation=PKIOperation', body, client: { address: '192.0.2.50', userAgent: 'certmonger' } },
    { penalty: async () => {}, ...(at ? { now: () => at } : {}) },
  );
  return { rep: parseCertRepForClient(res.body, { caCertificateDer: caDer, recipient: opts.signer }), reason: res.event.reason, transactionId };
}

interface Holder {
  signer: ScepSigner;
  certDer: Uint8Array;
  serial: string;
  /** A moment inside this certificate's renewal window (80 % of its validity). */
  renewable: Date;
}

function holderOf(certDer: Uint8Array, key: KeyObject): Holder {
  const c = parseCertificate(certDer);
  const renewable = new Date(c.notBefore.getTime() + 0.8 * (c.notAfter.getTime() - c.notBefore.getTime()));
  return { signer: { certificateDer: certDer, privateKey: key }, certDer, serial: serialOf(certDer), renewable };
}

const serialOf = (der: Uint8Array) => describeCertificate(der).serialHex;

/** Enrolls with a fresh challenge bound to `subject`/`sans` (the way an enrollment profile binds it). */
async function enrolled(subject: string, sans: { type: 'email' | 'dns'; value: string }[], approval: 'auto' | 'manual' = 'auto'): Promise<Holder> {
  const { challenge } = await createChallenge(rt.db, rt.masterKey, { approval, subject, sans }, actor, { defaultTtlSeconds: 3600 });
  const key = freshKey();
  const cn = subject.replace(/^CN=/, '');
  const csr = buildHostileCsr({ key, subject: [['CN', cn]], sans, challenge });
  const signer = selfSigned(key);
  let r = await send({ messageType: 'PKCSReq', signer, messageData: csr });
  if (approval === 'manual') {
    expect(r.rep.pkiStatus, r.reason).toBe('PENDING');
    const req = await rt.db.scepRequest.findFirstOrThrow({ where: { transactionId: r.transactionId } });
    await approveScepRequest(rt, { id: req.id, actor });
    r = await send({ messageType: 'CertPoll', signer, messageData: emptyIssuerAndSubject(), transactionId: r.transactionId });
  }
  expect(r.rep.pkiStatus, r.reason).toBe('SUCCESS');
  return holderOf(r.rep.certificates[0]!, key);
}

const emptyIssuerAndSubject = () => buildIssuerAndSubject(Buffer.from([0x30, 0]), Buffer.from([0x30, 0]));

function renewalCsr(key: KeyObject, subject: SubjectPart[], sans: HostileSan[] = []) {
  return buildHostileCsr({ key, subject, sans });
}

describe('renewal keeps the identity', () => {
  it('refuses a RenewalReq by bob’s valid certificate for carol with DNS:vpn.example.test, and issues bob’s identity for bob’s names', async () => {
    const bob = await enrolled('CN=bob@example.test', [{ type: 'email', value: 'bob@example.test' }]);
    const next = freshKey();
    const carol = await send({
      messageType: 'RenewalReq',
      signer: bob.signer,
      messageData: renewalCsr(next, [['CN', 'carol@example.test']], [{ type: 'email', value: 'carol@example.test' }, { type: 'dns', value: 'vpn.example.test' }]),
      at: bob.renewable,
    });
    expect([carol.rep.pkiStatus, carol.rep.failInfo]).toEqual(['FAILURE', 'badRequest']);
    expect(carol.reason).toMatch(/carol@example\.test/);
    expect(carol.reason).toMatch(/vpn\.example\.test/);
    expect(carol.reason).toMatch(/CN=bob@example\.test/);
    expect(await rt.db.certificate.count({ where: { subject: { contains: 'carol' } } })).toBe(0);
    expect((await listScepEvents(rt, { transactionId: carol.transactionId })).items[0]?.explanation?.hints.map((h) => h.id)).toContain('renewal-identity');

    // A CN-only CSR renews to the full identity of the renewed certificate.
    const ok = await send({ messageType: 'RenewalReq', signer: bob.signer, messageData: renewalCsr(next, [['CN', 'bob@example.test', 'bmp']]), at: bob.renewable });
    expect(ok.rep.pkiStatus, ok.reason).toBe('SUCCESS');
    const renewed = new X509Certificate(ok.rep.certificates[0]!);
    expect(renewed.subject).toBe('CN=bob@example.test');
    expect(renewed.subjectAltName).toBe('email:bob@example.test');
  });

  it('refuses a PKCSReq without a challenge, signed by an issued certificate, that names anyone else', async () => {
    const dave = await enrolled('CN=dave@example.test', [{ type: 'email', value: 'dave@example.test' }]);
    const r = await send({ messageType: 'PKCSReq', signer: dave.signer, messageData: renewalCsr(freshKey(), [['CN', 'admin@example.test']], [{ type: 'dns', value: 'vpn.example.test' }]), at: dave.renewable });
    expect([r.rep.pkiStatus, r.rep.failInfo]).toEqual(['FAILURE', 'badRequest']);
    expect(r.reason).toMatch(/admin@example\.test/);
    expect(await rt.db.certificate.count({ where: { subject: { contains: 'admin@' } } })).toBe(0);
  });
});

describe('renewal happens once and supersedes', () => {
  it('renews one certificate once: the old one is revoked as superseded, further renewals are refused, a retransmit gets the same successor', async () => {
    const erin = await enrolled('CN=erin@example.test', [{ type: 'email', value: 'erin@example.test' }]);
    const first = await send({ messageType: 'RenewalReq', signer: erin.signer, messageData: renewalCsr(freshKey(), [['CN', 'erin@example.test']]), at: erin.renewable });
    expect(first.rep.pkiStatus, first.reason).toBe('SUCCESS');
    const successor = serialOf(first.rep.certificates[0]!);

    for (let i = 0; i < 4; i++) {
      const again = await send({ messageType: 'RenewalReq', signer: erin.signer, messageData: renewalCsr(freshKey(), [['CN', 'erin@example.test']]), at: erin.renewable });
      expect([again.rep.pkiStatus, again.rep.failInfo]).toEqual(['FAILURE', 'badRequest']);
      expect(again.reason).toMatch(new RegExp(`already renewed.*${successor}`));
    }
    const [logged] = (await listScepEvents(rt, { transactionId: first.transactionId })).items;
    expect(logged?.outcome).toBe('success');
    const refusedRow = (await listScepEvents(rt, { outcome: 'failure' })).items.find((e) => e.reason.includes(successor));
    expect(refusedRow?.explanation?.hints.map((h) => h.id)).toContain('renewal-superseded');
    const erinCerts = await rt.db.certificate.findMany({ where: { subject: 'CN=erin@example.test' } });
    expect(erinCerts).toHaveLength(2);

    const old = await getCertificateDetail(rt, { serial: erin.serial });
    expect(old).toMatchObject({ status: 'revoked', revocationReason: 'superseded', supersededBy: successor });
    expect(await getCertificateDetail(rt, { serial: successor })).toMatchObject({ status: 'valid', renews: erin.serial });

    // The client lost the answer and sends the very same renewal again: same transaction, same certificate.
    const request = await rt.db.scepRequest.findFirstOrThrow({ where: { transactionId: first.transactionId } });
    const body = Buffer.from(request.csrDer);
    const retransmit = await send({ messageType: 'RenewalReq', signer: erin.signer, messageData: body, transactionId: first.transactionId, at: erin.renewable });
    expect(retransmit.rep.pkiStatus, retransmit.reason).toBe('SUCCESS');
    expect(serialOf(retransmit.rep.certificates[0]!)).toBe(successor);
  });

  it('lets exactly one of concurrent renewals by the same certificate through', async () => {
    const fay = await enrolled('CN=fay@example.test', [{ type: 'email', value: 'fay@example.test' }]);
    const replies = await Promise.all(
      Array.from({ length: 6 }, () => send({ messageType: 'RenewalReq', signer: fay.signer, messageData: renewalCsr(freshKey(), [['CN', 'fay@example.test']]), at: fay.renewable })),
    );
    expect(replies.filter((r) => r.rep.pkiStatus === 'SUCCESS')).toHaveLength(1);
    expect(await rt.db.certificate.count({ where: { subject: 'CN=fay@example.test' } })).toBe(2);
  });
});

describe('renewal window', () => {
  it('refuses renewal before the last third of the validity and says when the window opens', async () => {
    const gus = await enrolled('CN=gus@example.test', [{ type: 'email', value: 'gus@example.test' }]);
    const cert = parseCertificate(gus.certDer);
    const early = new Date(cert.notBefore.getTime() + 0.5 * (cert.notAfter.getTime() - cert.notBefore.getTime()));
    const r = await send({ messageType: 'RenewalReq', signer: gus.signer, messageData: renewalCsr(freshKey(), [['CN', 'gus@example.test']]), at: early });
    expect([r.rep.pkiStatus, r.rep.failInfo]).toEqual(['FAILURE', 'badRequest']);
    const opens = new Date(cert.notAfter.getTime() - (cert.notAfter.getTime() - cert.notBefore.getTime()) / 3);
    expect(r.reason).toMatch(/renewal window/);
    expect(r.reason).toContain(opens.toISOString().slice(0, 16));
    expect(await rt.db.certificate.count({ where: { subject: 'CN=gus@example.test' } })).toBe(1);
    const [row] = (await listScepEvents(rt, { transactionId: r.transactionId })).items;
    expect(row?.explanation?.hints.map((h) => h.id)).toContain('renewal-window');
  });
});

describe('renewal of certificates that needed approval', () => {
  it('is PENDING for an admin again; approval issues the same identity and supersedes the old certificate', async () => {
    const hal = await enrolled('CN=hal@example.test', [{ type: 'email', value: 'hal@example.test' }], 'manual');
    const renewal = await send({ messageType: 'RenewalReq', signer: hal.signer, messageData: renewalCsr(freshKey(), [['CN', 'hal@example.test']]), at: hal.renewable });
    expect(renewal.rep.pkiStatus, renewal.reason).toBe('PENDING');
    expect(await rt.db.certificate.count({ where: { subject: 'CN=hal@example.test' } })).toBe(1);

    const req = await rt.db.scepRequest.findFirstOrThrow({ where: { caId, transactionId: renewal.transactionId } });
    await approveScepRequest(rt, { id: req.id, actor });
    const delivered = await send({ messageType: 'CertPoll', signer: hal.signer, messageData: emptyIssuerAndSubject(), transactionId: renewal.transactionId, at: hal.renewable });
    expect(delivered.rep.pkiStatus, delivered.reason).toBe('SUCCESS');
    expect(new X509Certificate(delivered.rep.certificates[0]!).subjectAltName).toBe('email:hal@example.test');
    expect(await getCertificateDetail(rt, { serial: hal.serial })).toMatchObject({ status: 'revoked', revocationReason: 'superseded' });
  });

  it('is immediate when the enrollment’s template says renewals are automatic', async () => {
    const token = (await createApiToken(rt, { name: 'renewal-tests', actor })).token;
    const t = await call(templatesRoute.POST, {
      method: 'POST',
      token,
      body: { name: 'Auto renew', organization: 'Example Corp', identifierPrefix: 'com.example.renew', autoRenew: true },
    });
    expect(t.status, t.text).toBe(201);
    expect(t.json.autoRenew).toBe(true);
    const enrollment = await createEnrollment(rt, { email: 'ivy@example.test', approval: 'manual', template: 'Auto renew', actor });
    const profile = await issueEnrollmentProfile(rt, { id: enrollment.id, actor });
    const challenge = openProfile(profile.body, caDer).scepContent.Challenge as string;
    const key = freshKey();
    const signer = selfSigned(key);
    const pending = await send({ messageType: 'PKCSReq', signer, messageData: buildHostileCsr({ key, subject: [['CN', 'ivy@example.test']], challenge }) });
    expect(pending.rep.pkiStatus, pending.reason).toBe('PENDING');
    await approveScepRequest(rt, { id: (await rt.db.scepRequest.findFirstOrThrow({ where: { transactionId: pending.transactionId } })).id, actor });
    const issued = await send({ messageType: 'CertPoll', signer, messageData: emptyIssuerAndSubject(), transactionId: pending.transactionId });
    expect(issued.rep.pkiStatus, issued.reason).toBe('SUCCESS');
    const ivy = holderOf(issued.rep.certificates[0]!, key);

    const renewal = await send({ messageType: 'RenewalReq', signer: ivy.signer, messageData: renewalCsr(freshKey(), [['CN', 'ivy@example.test']]), at: ivy.renewable });
    expect(renewal.rep.pkiStatus, renewal.reason).toBe('SUCCESS');
  });
});
