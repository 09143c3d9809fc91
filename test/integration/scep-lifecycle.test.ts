/**
 * SCEP lifecycle rules with the Postgres-backed backend: renewal by a CA-issued certificate, revoked signers,
 * pending requests that expire, and throttling of wrong challenges (which never slows a correct one).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChallenge } from '../../lib/server/challenges/create-challenge';
import { revokeCertificate } from '../../lib/server/certificates/certificates';
import { handleScepRequest } from '../../lib/server/scep/handle-scep-request';
import { describeCertificate } from '../../lib/pki/x509/certificate-info';
import { buildClientRequest, buildIssuerAndSubject, parseCertRepForClient } from '../support/scep/client';
import { createClientIdentity, testRsaKey } from '../support/scep/identities';
import type { KeyObject } from 'node:crypto';
import { createTestRuntime, type TestRuntime } from '../support/test-runtime';

let rt: TestRuntime;
let caDer: Uint8Array;
const actor = { id: 'test', sourceAddress: null };
const penalties: number[] = [];
const client = (address = '198.51.100.7') => ({ address, userAgent: 'lifecycle-test' });

beforeAll(async () => {
  rt = await createTestRuntime();
  caDer = (await rt.ca()).certificateDer;
});
afterAll(async () => rt?.close());

async function send(body: Uint8Array, recipient: { certificateDer: Uint8Array; privateKey: KeyObject }, address?: string, at?: Date) {
  const clock = at ? { now: () => at } : {};
  const res = await handleScepRequest(rt, { method: 'POST', rawQuery: 'operation=PKIOperation', body, client: client(address) }, { penalty: async (ms) => void penalties.push(ms), ...clock });
  return { rep: parseCertRepForClient(res.body, { caCertificateDer: caDer, recipient }), event: res.event };
}

const newChallenge = async (approval: 'auto' | 'manual' = 'auto') =>
  (await createChallenge(rt.db, rt.masterKey, { approval }, actor, { defaultTtlSeconds: 3600 })).challenge;

async function enrollDevice(keyIndex: number, approval: 'auto' | 'manual' = 'auto') {
  const id = createClientIdentity({ privateKey: testRsaKey(2048, keyIndex), challenge: await newChallenge(approval), commonName: `life-${keyIndex}` });
  const txid = `LIFE-${keyIndex}-${Date.now()}`;
  const body = buildClientRequest({ messageType: 'PKCSReq', transactionId: txid, signer: id, recipients: [caDer], messageData: id.csrDer });
  return { id, txid, ...(await send(body, id)) };
}

describe('renewal', () => {
  it('RenewalReq signed by a valid certificate of this CA issues a new certificate for the new key, encrypted to the old one; revoked signers are refused', async () => {
    const first = await enrollDevice(40);
    expect(first.rep.pkiStatus).toBe('SUCCESS');
    const oldCert = first.rep.certificates[0]!;
    const oldIdentity = { certificateDer: oldCert, privateKey: first.id.privateKey };
    const old = describeCertificate(oldCert);
    // Inside the renewal window (the last third of the validity by default).
    const renewable = new Date(old.notAfter.getTime() - 30 * 86_400_000);
    const next = createClientIdentity({ privateKey: testRsaKey(2048, 41), challenge: null, commonName: 'life-40' });
    const renewal = buildClientRequest({ messageType: 'RenewalReq', transactionId: `RENEW-${Date.now()}`, signer: oldIdentity, recipients: [caDer], messageData: next.csrDer });
    const renewed = await send(renewal, oldIdentity, undefined, renewable);
    expect(renewed.rep.pkiStatus, renewed.event.reason).toBe('SUCCESS');
    const newInfo = describeCertificate(renewed.rep.certificates[0]!);
    expect(newInfo.spkiSha256Hex).not.toBe(describeCertificate(oldCert).spkiSha256Hex);

    // A certificate revoked by an admin cannot renew.
    const other = await enrollDevice(45);
    const otherIdentity = { certificateDer: other.rep.certificates[0]!, privateKey: other.id.privateKey };
    await revokeCertificate(rt, { reason: 'keyCompromise', serial: describeCertificate(otherIdentity.certificateDer).serialHex, actor });
    const again = createClientIdentity({ privateKey: testRsaKey(2048, 42), challenge: null, commonName: 'life-45' });
    const refused = await send(buildClientRequest({ messageType: 'RenewalReq', transactionId: `RENEW2-${Date.now()}`, signer: otherIdentity, recipients: [caDer], messageData: again.csrDer }), otherIdentity, undefined, renewable);
    expect([refused.rep.pkiStatus, refused.rep.failInfo]).toEqual(['FAILURE', 'badRequest']);
    expect(refused.event.reason).toMatch(/revoked/);
  });
});

describe('pending requests', () => {
  it('expire: a poll after the pending lifetime gets FAILURE and the request is marked expired', async () => {
    const r = await enrollDevice(43, 'manual');
    expect(r.rep.pkiStatus).toBe('PENDING');
    await rt.db.scepRequest.updateMany({ where: { transactionId: r.txid }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const poll = buildClientRequest({ messageType: 'CertPoll', transactionId: r.txid, signer: r.id, recipients: [caDer], messageData: buildIssuerAndSubject(Buffer.from([0x30, 0]), Buffer.from([0x30, 0])) });
    const expired = await send(poll, r.id);
    expect([expired.rep.pkiStatus, expired.rep.failInfo]).toEqual(['FAILURE', 'badRequest']);
    expect(expired.event.reason).toMatch(/expired/);
    expect((await rt.db.scepRequest.findFirstOrThrow({ where: { transactionId: r.txid } })).status).toBe('EXPIRED');
  });

  it('a CertPoll for an unknown transaction gets FAILURE badCertId', async () => {
    const id = createClientIdentity({ privateKey: testRsaKey(2048, 44) });
    const poll = buildClientRequest({ messageType: 'CertPoll', transactionId: 'NEVER-SEEN', signer: id, recipients: [caDer], messageData: buildIssuerAndSubject(Buffer.from([0x30, 0]), Buffer.from([0x30, 0])) });
    const r = await send(poll, id);
    expect([r.rep.pkiStatus, r.rep.failInfo]).toEqual(['FAILURE', 'badCertId']);
  });
});

describe('wrong-challenge throttling', () => {
  it('slows answers to wrong challenges from an address after 10 failures, logs it, and never slows a correct challenge', async () => {
    const address = '203.0.113.9';
    penalties.length = 0;
    let last = '';
    for (let i = 0; i < 12; i++) {
      const id = createClientIdentity({ privateKey: testRsaKey(2048, 45), challenge: `WRONG-${i}` });
      const r = await send(buildClientRequest({ messageType: 'PKCSReq', transactionId: `THR-${i}-${Date.now()}`, signer: id, recipients: [caDer], messageData: id.csrDer }), id, address);
      expect(r.rep.pkiStatus).toBe('FAILURE');
      last = r.event.reason;
    }
    expect(last).toMatch(/wrong challenges from 203\.0\.113\.9.*slowed/);
    expect(penalties.length).toBeGreaterThanOrEqual(1);
    const before = penalties.length;
    const id = createClientIdentity({ privateKey: testRsaKey(2048, 46), challenge: await newChallenge() });
    const ok = await send(buildClientRequest({ messageType: 'PKCSReq', transactionId: `THR-OK-${Date.now()}`, signer: id, recipients: [caDer], messageData: id.csrDer }), id, address);
    expect(ok.rep.pkiStatus).toBe('SUCCESS');
    expect(penalties.length).toBe(before);
  });
});
