import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { parseCertificate, parseCsr } from '../pki/x509';
import {
  auditCertRep,
  buildClientRequest,
  buildIssuerAndSerial,
  buildIssuerAndSubject,
  createClientIdentity,
  createHarness,
  createTestCa,
  issueForIdentity,
  parseCertRepForClient,
  type ClientIdentity,
  type ClientRequestOptions,
  type Harness,
} from '../../test/support/scep';

const device = createClientIdentity({ commonName: 'Mac of Bob' });

async function send(h: Harness, o: Partial<ClientRequestOptions> & { signer?: ClientIdentity | ClientRequestOptions['signer'] }) {
  const signer = o.signer ?? device;
  const body = buildClientRequest({
    messageType: 'PKCSReq',
    transactionId: 'TX-' + crypto.randomBytes(6).toString('hex'),
    recipients: [h.ca.certificateDer],
    messageData: device.csrDer,
    ...o,
    signer,
  });
  const res = await h.post(body);
  expect(res.status, res.event.reason).toBe(200);
  expect(auditCertRep(res.body, { caCertificateDer: h.ca.certificateDer, requestSignerDer: signer.certificateDer })).toEqual([]);
  return { rep: parseCertRepForClient(res.body, { caCertificateDer: h.ca.certificateDer, recipient: signer }), event: res.event };
}

const pollData = (h: Harness) => buildIssuerAndSubject(parseCertificate(h.ca.certificateDer).subjectDer, parseCsr(device.csrDer).subjectDer);

describe('PENDING and CertPoll', () => {
  it('walks pending → pending → approved, encrypting SUCCESS to the poll signer', async () => {
    const h = createHarness({ mode: 'pending' });
    const txid = 'POLL-1';
    const first = await send(h, { transactionId: txid });
    expect(first.rep).toMatchObject({ pkiStatus: 'PENDING', transactionId: txid, envelope: null });
    expect(first.event).toMatchObject({ outcome: 'pending', failInfo: null });
    const poll = await send(h, { messageType: 'CertPoll', transactionId: txid, messageData: pollData(h) });
    expect(poll.rep.pkiStatus).toBe('PENDING');
    expect(poll.event.messageType).toBe('CertPoll');
    // micromdm re-sends the PKCSReq while pending: still pending, no second queue entry.
    expect((await send(h, { transactionId: txid })).rep.pkiStatus).toBe('PENDING');
    expect(h.backend.transactions.size).toBe(1);
    h.backend.approve(txid);
    const done = await send(h, { messageType: 'CertPoll', transactionId: txid, messageData: pollData(h) });
    expect(done.rep).toMatchObject({ pkiStatus: 'SUCCESS', cipher: 'AES-128-CBC' });
    expect(done.rep.certificates).toHaveLength(1);
    expect(h.backend.pollCalls[0]).toMatchObject({ transactionId: txid, signerPublicKeySha256: createHash('sha256').update(parseCertificate(device.certificateDer).spkiDer).digest('hex') });
  });

  it('maps reject, unknown transaction and foreign signer key', async () => {
    const h = createHarness({ mode: 'pending' });
    await send(h, { transactionId: 'REJ' });
    h.backend.reject('REJ');
    expect((await send(h, { messageType: 'CertPoll', transactionId: 'REJ', messageData: pollData(h) })).rep).toMatchObject({ failInfo: 'badRequest' });
    expect((await send(h, { messageType: 'CertPoll', transactionId: 'NOPE', messageData: pollData(h) })).rep).toMatchObject({ failInfo: 'badCertId' });
    await send(h, { transactionId: 'MINE' });
    const stranger = createClientIdentity({ privateKey: crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey });
    const other = await send(h, { messageType: 'CertPoll', transactionId: 'MINE', messageData: pollData(h), signer: stranger });
    expect(other.rep).toMatchObject({ pkiStatus: 'FAILURE', failInfo: 'badRequest' });
    expect(other.event.reason).toBe('poll signed by a different key');
  });

  it('matches on transactionID whatever the IssuerAndSubject issuer says (certmonger, sscep)', async () => {
    const h = createHarness({ mode: 'pending' });
    await send(h, { transactionId: 'IAS' });
    const weird = buildIssuerAndSubject(parseCsr(device.csrDer).subjectDer, parseCsr(device.csrDer).subjectDer);
    expect((await send(h, { messageType: 'CertPoll', transactionId: 'IAS', messageData: weird })).rep.pkiStatus).toBe('PENDING');
  });
});

describe('RenewalReq and renewal via PKCSReq', () => {
  async function renewalSetup(renewal: boolean) {
    const h = createHarness({ renewal });
    const first = await send(h, {});
    const oldCert = first.rep.certificates[0];
    const oldSigner = { certificateDer: oldCert, privateKey: device.privateKey };
    const next = createClientIdentity({ commonName: 'Mac of Bob', privateKey: crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey });
    return { h, oldSigner, next, oldSerial: new crypto.X509Certificate(Buffer.from(oldCert)).serialNumber.toLowerCase() };
  }

  it('renewal advertised: RenewalReq signed by our certificate → SUCCESS encrypted to the old certificate', async () => {
    const { h, oldSigner, next, oldSerial } = await renewalSetup(true);
    const { rep, event } = await send(h, { messageType: 'RenewalReq', signer: oldSigner, messageData: next.csrDer });
    expect(rep.pkiStatus).toBe('SUCCESS');
    const renewed = new crypto.X509Certificate(Buffer.from(rep.certificates[0]));
    expect(renewed.publicKey.export({ type: 'spki', format: 'der' })).toEqual(crypto.createPublicKey(next.privateKey).export({ type: 'spki', format: 'der' }));
    expect(h.backend.enrollCalls.at(-1)).toMatchObject({ messageType: 'RenewalReq', renewalOfSerialHex: oldSerial });
    expect(event.reason).toContain(`renewal of serial ${oldSerial}`);
  });

  it('renewal not advertised: RenewalReq → badRequest', async () => {
    const { h, oldSigner, next } = await renewalSetup(false);
    const { rep, event } = await send(h, { messageType: 'RenewalReq', signer: oldSigner, messageData: next.csrDer });
    expect(rep).toMatchObject({ pkiStatus: 'FAILURE', failInfo: 'badRequest' });
    expect(event.reason).toContain('renewal is disabled');
  });

  it('self-signed or foreign-CA signer on RenewalReq → badRequest', async () => {
    const { h, next } = await renewalSetup(true);
    const selfSigned = await send(h, { messageType: 'RenewalReq', signer: next, messageData: next.csrDer });
    expect(selfSigned.rep).toMatchObject({ failInfo: 'badRequest' });
    const foreignCa = createTestCa('CN=Foreign CA');
    const foreign = { certificateDer: issueForIdentity(foreignCa, device), privateKey: device.privateKey };
    const other = await send(h, { messageType: 'RenewalReq', signer: foreign, messageData: next.csrDer });
    expect(other.rep).toMatchObject({ failInfo: 'badRequest' });
    expect(other.event.reason).toContain('not issued by this CA');
  });

  it('PKCSReq signed by a certificate we issued passes renewalOfSerialHex (sscep -O/-K, certmonger)', async () => {
    const { h, oldSigner, next, oldSerial } = await renewalSetup(false);
    const { rep } = await send(h, { messageType: 'PKCSReq', signer: oldSigner, messageData: next.csrDer });
    expect(rep.pkiStatus).toBe('SUCCESS');
    expect(h.backend.enrollCalls.at(-1)?.renewalOfSerialHex).toBe(oldSerial);
  });
});

describe('GetCert and unsupported types', () => {
  it('GetCert returns a known certificate and badCertId for an unknown serial', async () => {
    const h = createHarness();
    const issued = (await send(h, {})).rep.certificates[0];
    const got = await send(h, { messageType: 'GetCert', messageData: buildIssuerAndSerial(issued) });
    expect(got.rep.pkiStatus).toBe('SUCCESS');
    expect(Buffer.from(got.rep.certificates[0])).toEqual(Buffer.from(issued));
    const unknown = await send(h, { messageType: 'GetCert', messageData: buildIssuerAndSerial(issueForIdentity(h.ca, device)) });
    expect(unknown.rep).toMatchObject({ pkiStatus: 'FAILURE', failInfo: 'badCertId' });
    const foreign = await send(h, { messageType: 'GetCert', messageData: buildIssuerAndSerial(device.certificateDer) });
    expect(foreign.rep).toMatchObject({ failInfo: 'badCertId' });
  });

  it.each([['18'], ['99'], ['22'], ['3'], ['']])('messageType "%s" → badRequest', async (code) => {
    const h = createHarness();
    const { rep, event } = await send(h, { messageType: code });
    expect(rep).toMatchObject({ pkiStatus: 'FAILURE', failInfo: 'badRequest' });
    expect(event.reason).toMatch(/messageType|not supported/);
    expect(h.backend.enrollCalls).toHaveLength(0);
  });

  it('a request without messageType but with transactionID and senderNonce → badRequest', async () => {
    const { rep, event } = await send(createHarness(), { omitAttributes: ['messageType'] });
    expect(rep).toMatchObject({ failInfo: 'badRequest' });
    expect(event.reason).toBe('the request has no messageType');
  });
});

describe('backend outage', () => {
  it('a throwing backend → HTTP 500 text/plain with an event', async () => {
    const h = createHarness();
    h.backend.failNext = new Error('database unavailable');
    const res = await h.post(buildClientRequest({ messageType: 'PKCSReq', transactionId: 'OUT', signer: device, recipients: [h.ca.certificateDer], messageData: device.csrDer }));
    expect(res).toMatchObject({ status: 500, contentType: 'text/plain' });
    expect(res.event).toMatchObject({ outcome: 'http-error', httpStatus: 500, transactionId: 'OUT', messageType: 'PKCSReq' });
    expect(res.event.reason).toContain('database unavailable');
  });
});
