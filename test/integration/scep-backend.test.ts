/**
 * SCEP through Tessera's HTTP glue (lib/http/scep-endpoint) with the Postgres-backed backend: challenges consumed
 * once, certificates stored, retransmits idempotent, manual approval, and the SCEP log.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { derToPem } from '../../lib/pki/x509/pem';
import { createChallenge } from '../../lib/server/challenges/create-challenge';
import { approveScepRequest, rejectScepRequest } from '../../lib/server/requests/decide-scep-request';
import { setRuntime } from '../../lib/server/runtime';
import { scepEndpoint } from '../../lib/http/scep-endpoint';
import { buildClientRequest, buildIssuerAndSubject, parseCertRepForClient } from '../support/scep/client';
import { createClientIdentity, testRsaKey } from '../support/scep/identities';
import { createTestRuntime, type TestRuntime } from '../support/test-runtime';

let rt: TestRuntime;
let caDer: Uint8Array;
const actor = { id: 'test:admin', sourceAddress: '127.0.0.1' };

beforeAll(async () => {
  rt = await createTestRuntime();
  setRuntime(rt);
  caDer = (await rt.ca()).certificateDer;
});
afterAll(async () => {
  setRuntime(undefined);
  await rt?.close();
});

async function post(body: Uint8Array, query = 'operation=PKIOperation', headers: Record<string, string> = {}): Promise<Response> {
  return scepEndpoint(new Request(`http://127.0.0.1/scep?${query}`, { method: 'POST', body: Buffer.from(body), headers: { 'user-agent': 'vitest', ...headers } }));
}

async function challenge(approval: 'auto' | 'manual' = 'auto', ttlSeconds?: number) {
  return (await createChallenge(rt.db, rt.masterKey, { approval, ttlSeconds }, actor, { defaultTtlSeconds: 3600 })).challenge;
}

function pkcsReq(secret: string | null, keyIndex: number, txid = `TX-${keyIndex}-${Math.random()}`) {
  const id = createClientIdentity({ privateKey: testRsaKey(2048, keyIndex), challenge: secret, commonName: `device-${keyIndex}` });
  const body = buildClientRequest({ messageType: 'PKCSReq', transactionId: txid, signer: id, recipients: [caDer], messageData: id.csrDer });
  return { id, txid, body };
}

async function reply(res: Response, signer: { certificateDer: Uint8Array; privateKey: import('node:crypto').KeyObject }) {
  expect(res.headers.get('content-type')).toBe('application/x-pki-message');
  return parseCertRepForClient(new Uint8Array(await res.arrayBuffer()), { caCertificateDer: caDer, recipient: signer });
}

describe('SCEP with stored one-time challenges', () => {
  it('serves caps and the CA certificate with exact content types', async () => {
    const caps = await scepEndpoint(new Request('http://127.0.0.1/scep?operation=GetCACaps'));
    expect(caps.headers.get('content-type')).toBe('text/plain');
    expect((await caps.text()).trim().split('\n')).toEqual(expect.arrayContaining(['AES', 'POSTPKIOperation', 'SCEPStandard', 'SHA-256', 'SHA-512']));
    const cert = await scepEndpoint(new Request('http://127.0.0.1/cgi-bin/pkiclient.exe?operation=GetCACert&message=Tessera'));
    expect(cert.headers.get('content-type')).toBe('application/x-x509-ca-cert');
    expect(Buffer.from(await cert.arrayBuffer()).equals(Buffer.from(caDer))).toBe(true);
  });

  it('issues with a fresh challenge; openssl verifies the certificate against the CA; a retransmit returns the same certificate', async () => {
    const secret = await challenge();
    const { id, txid, body } = pkcsReq(secret, 0);
    const rep = await reply(await post(body), id);
    expect(rep.pkiStatus).toBe('SUCCESS');
    expect(rep.transactionId).toBe(txid);
    const leaf = rep.certificates[0]!;
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tessera-verify-'));
    writeFileSync(path.join(dir, 'ca.pem'), derToPem(caDer));
    writeFileSync(path.join(dir, 'leaf.pem'), derToPem(leaf));
    expect(execFileSync('openssl', ['verify', '-CAfile', path.join(dir, 'ca.pem'), path.join(dir, 'leaf.pem')]).toString()).toContain('OK');

    const again = await reply(await post(body), id);
    expect(again.pkiStatus).toBe('SUCCESS');
    expect(Buffer.from(again.certificates[0]!).equals(Buffer.from(leaf))).toBe(true);
    expect(await rt.db.certificate.count({ where: { request: { transactionId: txid } } })).toBe(1);
    const used = await rt.db.challenge.findFirst({ where: { usedByRequest: { transactionId: txid } } });
    expect(used?.usedAt).not.toBeNull();
  });

  it('refuses a reused, wrong, missing, expired or revoked challenge with FAILURE badRequest and explains it in the log', async () => {
    const secret = await challenge();
    const first = pkcsReq(secret, 1);
    expect((await reply(await post(first.body), first.id)).pkiStatus).toBe('SUCCESS');
    const reuse = pkcsReq(secret, 2);
    const r1 = await reply(await post(reuse.body), reuse.id);
    expect([r1.pkiStatus, r1.failInfo]).toEqual(['FAILURE', 'badRequest']);
    const ev = await rt.db.scepEvent.findFirst({ where: { transactionId: reuse.txid } });
    expect(ev?.reason).toMatch(/already used/);
    expect(ev?.reason).not.toContain(secret);

    const wrong = pkcsReq('NOT-A-REAL-CHALLENGE', 3);
    expect((await reply(await post(wrong.body), wrong.id)).failInfo).toBe('badRequest');
    expect((await rt.db.scepEvent.findFirst({ where: { transactionId: wrong.txid } }))?.reason).toMatch(/not one Tessera issued/);

    const none = pkcsReq(null, 4);
    expect((await reply(await post(none.body), none.id)).failInfo).toBe('badRequest');

    const revokedSecret = await challenge();
    await rt.db.challenge.updateMany({ where: { usedAt: null, revokedAt: null }, data: { revokedAt: new Date() } });
    const revoked = pkcsReq(revokedSecret, 5);
    expect((await reply(await post(revoked.body), revoked.id)).pkiStatus).toBe('FAILURE');
    expect((await rt.db.scepEvent.findFirst({ where: { transactionId: revoked.txid } }))?.reason).toMatch(/revoked/);

    const expiredSecret = await challenge('auto', 60);
    await rt.db.challenge.updateMany({ where: { usedAt: null, revokedAt: null }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const expired = pkcsReq(expiredSecret, 6);
    expect((await reply(await post(expired.body), expired.id)).pkiStatus).toBe('FAILURE');
    expect((await rt.db.scepEvent.findFirst({ where: { transactionId: expired.txid } }))?.reason).toMatch(/expired/);
    expect(await rt.db.scepRequest.count({ where: { transactionId: { in: [reuse.txid, wrong.txid, none.txid, revoked.txid, expired.txid] } } })).toBe(0);
  });

  it('consumes one challenge exactly once under 50 concurrent PKCSReqs', async () => {
    const secret = await challenge();
    const reqs = Array.from({ length: 50 }, (_, i) => pkcsReq(secret, 10 + (i % 8), `RACE-${i}`));
    const replies = await Promise.all(reqs.map(async (r) => reply(await post(r.body), r.id)));
    const statuses = replies.map((r) => r.pkiStatus);
    expect(statuses.filter((s) => s === 'SUCCESS')).toHaveLength(1);
    expect(replies.filter((r) => r.pkiStatus === 'FAILURE' && r.failInfo === 'badRequest')).toHaveLength(49);
    expect(await rt.db.certificate.count({ where: { request: { transactionId: { startsWith: 'RACE-' } } } })).toBe(1);
    expect(await rt.db.scepRequest.count({ where: { transactionId: { startsWith: 'RACE-' } } })).toBe(1);
  });

  it('holds a manual request PENDING until an admin approves, then delivers on the next poll; rejection gives FAILURE', async () => {
    const secret = await challenge('manual');
    const r = pkcsReq(secret, 20);
    expect((await reply(await post(r.body), r.id)).pkiStatus).toBe('PENDING');
    // micromdm's client re-sends the identical PKCSReq while pending: a poll, not a second request.
    expect((await reply(await post(r.body), r.id)).pkiStatus).toBe('PENDING');
    const stored = await rt.db.scepRequest.findUniqueOrThrow({ where: { caId_transactionId: { caId: (await rt.ca()).id, transactionId: r.txid } } });
    expect(stored.pollCount).toBe(1);
    // Tessera matches polls on transactionID and key, not on IssuerAndSubject (RFC 8894 §3.3.3): empty names suffice.
    const ias = buildIssuerAndSubject(Buffer.from([0x30, 0x00]), Buffer.from([0x30, 0x00]));
    const pollBody = buildClientRequest({ messageType: 'CertPoll', transactionId: r.txid, signer: r.id, recipients: [caDer], messageData: ias });
    expect((await reply(await post(pollBody), r.id)).pkiStatus).toBe('PENDING');
    await approveScepRequest(rt, { reason: 'known device', id: stored.id, actor });
    const done = await reply(await post(pollBody), r.id);
    expect(done.pkiStatus).toBe('SUCCESS');
    expect(done.certificates).toHaveLength(1);
    await expect(approveScepRequest(rt, { id: stored.id, actor })).rejects.toMatchObject({ code: 'conflict' });

    const secret2 = await challenge('manual');
    const r2 = pkcsReq(secret2, 21);
    expect((await reply(await post(r2.body), r2.id)).pkiStatus).toBe('PENDING');
    const stored2 = await rt.db.scepRequest.findFirstOrThrow({ where: { transactionId: r2.txid } });
    await rejectScepRequest(rt, { reason: 'unknown user', id: stored2.id, actor });
    const rejected = await reply(await post(r2.body), r2.id);
    expect([rejected.pkiStatus, rejected.failInfo]).toEqual(['FAILURE', 'badRequest']);
  });

  it('answers undecodable input with 400 text/plain and oversized bodies with 413, writing no request', async () => {
    const before = await rt.db.scepRequest.count();
    const bad = await post(Buffer.from('this is not CMS'));
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toBe('text/plain');
    const big = await post(Buffer.alloc(1024 * 1024 + 10, 0x30));
    expect(big.status).toBe(413);
    const put = await scepEndpoint(new Request('http://127.0.0.1/scep?operation=GetCACert', { method: 'PUT', body: 'x' }));
    expect(put.status).toBe(405);
    expect(await rt.db.scepRequest.count()).toBe(before);
    expect(await rt.db.scepEvent.count({ where: { outcome: 'http-error' } })).toBeGreaterThanOrEqual(3);
  });
});
