import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CONTENT_CIPHERS, type HashName } from '../pki/algorithms';
import { der, integer, parseBer } from '../pki/asn1';
import { UNREADABLE } from './open-envelope';
import { auditCertRep, buildClientRequest, createClientIdentity, createHarness, parseCertRepForClient, type ClientIdentity, type ClientRequestOptions, type Harness } from '../../test/support/scep';

const CHALLENGE = 'sixteen-char-secret';
const device = createClientIdentity({ challenge: CHALLENGE, commonName: 'iPhone of Alice' });

type RequestOverrides = Partial<ClientRequestOptions> & { identity?: ClientIdentity };

function request(h: Harness, o: RequestOverrides = {}): Uint8Array {
  const id = o.identity ?? device;
  return buildClientRequest({
    messageType: 'PKCSReq',
    transactionId: crypto.randomBytes(20).toString('hex').toUpperCase(),
    signer: id,
    recipients: [h.ca.certificateDer],
    messageData: id.csrDer,
    ...o,
  });
}

/** Sends a request and reads the CertRep as the client, auditing every reply's structure (RFC 8894 §3.3.2). */
async function exchange(h: Harness, o: RequestOverrides = {}) {
  const id = o.identity ?? device;
  const signer = o.signer ?? id;
  const body = request(h, o);
  const res = await h.post(body);
  expect(res.status, res.event.reason).toBe(200);
  expect(res.contentType).toBe('application/x-pki-message');
  expect(auditCertRep(res.body, { caCertificateDer: h.ca.certificateDer, requestSignerDer: signer.certificateDer })).toEqual([]);
  const rep = parseCertRepForClient(res.body, { caCertificateDer: h.ca.certificateDer, recipient: signer });
  expect(rep.signatureValid && rep.signedByCa).toBe(true);
  return { res, rep, event: res.event };
}

describe('PKCSReq', () => {
  it('iOS happy path (BER, AES-128-CBC, SHA-256) → SUCCESS with the issued certificate first', async () => {
    const h = createHarness({ challenge: CHALLENGE });
    const nonce = crypto.randomBytes(16);
    const txid = crypto.createHash('sha1').update(device.csrDer).digest('hex').toUpperCase();
    const { rep, event } = await exchange(h, { form: 'ber', transactionId: txid, senderNonce: nonce });
    expect(rep).toMatchObject({ pkiStatus: 'SUCCESS', messageType: '3', transactionId: txid, cipher: 'AES-128-CBC', digest: 'SHA-256' });
    expect(Buffer.from(rep.recipientNonce!)).toEqual(nonce);
    expect(Buffer.from(rep.senderNonce!).equals(nonce)).toBe(false);
    expect(rep.certificates).toHaveLength(1);
    const issued = new crypto.X509Certificate(Buffer.from(rep.certificates[0]));
    expect(issued.subject).toContain('CN=iPhone of Alice');
    expect(issued.publicKey.export({ type: 'spki', format: 'der' })).toEqual(device.privateKey && crypto.createPublicKey(device.privateKey).export({ type: 'spki', format: 'der' }));
    expect(event).toMatchObject({ outcome: 'success', messageType: 'PKCSReq', transactionId: txid, algorithms: 'AES-128-CBC/SHA-256', failInfo: null });
    expect(event.reason).toContain('issued a certificate for "CN=iPhone of Alice"');
    expect(h.backend.enrollCalls[0]).toMatchObject({ messageType: 'PKCSReq', renewalOfSerialHex: null, transactionId: txid });
  });

  it.each(CONTENT_CIPHERS.filter((c) => !c.legacy).map((c) => c.name))('mirrors the %s content cipher', async (cipher) => {
    const { rep } = await exchange(createHarness(), { cipher });
    expect(rep.cipher).toBe(cipher);
  });

  it.each([
    ['SHA-1', 'SHA-1'],
    ['SHA-256', 'SHA-256'],
    ['SHA-512', 'SHA-512'],
    ['SHA-224', 'SHA-256'],
    ['SHA-384', 'SHA-256'],
  ] as Array<[HashName, HashName]>)('request digest %s → reply digest %s', async (digest, expected) => {
    const { rep, event } = await exchange(createHarness(), { digest });
    expect(rep).toMatchObject({ pkiStatus: 'SUCCESS', digest: expected });
    expect(event.algorithms).toBe(`AES-128-CBC/${digest}`);
  });

  it('legacy Apple fallback 3DES + SHA-1 is mirrored', async () => {
    const { rep } = await exchange(createHarness(), { cipher: 'DES-EDE3-CBC', digest: 'SHA-1' });
    expect(rep).toMatchObject({ pkiStatus: 'SUCCESS', cipher: 'DES-EDE3-CBC', digest: 'SHA-1' });
  });

  it('AES-256 + SHA-512 in BER is mirrored', async () => {
    const { rep } = await exchange(createHarness(), { cipher: 'AES-256-CBC', digest: 'SHA-512', form: 'ber' });
    expect(rep).toMatchObject({ pkiStatus: 'SUCCESS', cipher: 'AES-256-CBC', digest: 'SHA-512' });
  });

  it('a signature OID in digestAlgorithm is accepted; the reply uses the hash OID', async () => {
    const { rep } = await exchange(createHarness(), { digestAlgorithmField: 'rsa-signature' });
    expect(rep.pkiStatus).toBe('SUCCESS');
    expect(rep.signedData.signerInfos[0].digestAlgorithmOid).toBe('2.16.840.1.101.3.4.2.1');
  });

  it('unsorted signed attributes verify over the raw bytes', async () => {
    const { rep } = await exchange(createHarness(), { attributeOrder: 'as-given' });
    expect(rep.pkiStatus).toBe('SUCCESS');
  });

  it('single DES with legacy off → badAlg with the legacy hint; nothing issued', async () => {
    const h = createHarness();
    const { rep, event } = await exchange(h, { cipher: 'DES-CBC' });
    expect(rep).toMatchObject({ pkiStatus: 'FAILURE', failInfo: 'badAlg' });
    expect(event.reason).toMatch(/request used single DES \(.*1\.3\.14\.3\.2\.7.*\); enable the legacy-cipher setting to accept it/);
    expect(event.algorithms).toBe('DES-CBC/SHA-256');
    expect(h.backend.enrollCalls).toHaveLength(0);
  });

  it('single DES with legacy on → SUCCESS encrypted with DES', async () => {
    const { rep } = await exchange(createHarness({ legacy: true }), { cipher: 'DES-CBC', digest: 'SHA-1' });
    expect(rep).toMatchObject({ pkiStatus: 'SUCCESS', cipher: 'DES-CBC', digest: 'SHA-1' });
  });

  it('MD5 → badAlg with legacy off, mirrored with legacy on', async () => {
    const off = await exchange(createHarness(), { digest: 'MD5' });
    expect(off.rep).toMatchObject({ pkiStatus: 'FAILURE', failInfo: 'badAlg', digest: 'SHA-256' });
    expect(off.event.reason).toMatch(/MD5.*legacy-cipher setting/);
    const on = await exchange(createHarness({ legacy: true }), { digest: 'MD5' });
    expect(on.rep).toMatchObject({ pkiStatus: 'SUCCESS', digest: 'MD5' });
  });

  it('picks our RecipientInfo among several', async () => {
    const other = createClientIdentity();
    const { rep } = await exchange(createHarness(), { recipients: [other.certificateDer, createHarness().ca.certificateDer] });
    expect(rep.pkiStatus).toBe('SUCCESS');
  });

  it('envelope for someone else → badRequest with a generic failInfoText', async () => {
    const other = createClientIdentity();
    const { rep, event } = await exchange(createHarness(), { recipients: [other.certificateDer] });
    expect(rep).toMatchObject({ pkiStatus: 'FAILURE', failInfo: 'badRequest', failInfoText: UNREADABLE });
    expect(event).toMatchObject({ reasonCode: 'not-for-this-ca' });
    expect(event.reason).toContain("not encrypted to this CA's certificate");
  });

  it('CSR with a bad self-signature → badRequest; nothing issued', async () => {
    const h = createHarness();
    const csr = Buffer.from(device.csrDer);
    csr[csr.length - 5] ^= 0x40;
    const { rep, event } = await exchange(h, { messageData: csr });
    expect(rep).toMatchObject({ pkiStatus: 'FAILURE', failInfo: 'badRequest' });
    expect(event.reason).toContain('bad-signature');
    expect(h.backend.enrollCalls).toHaveLength(0);
  });

  it('challenge as UTF8String and PrintableString', async () => {
    for (const challengeType of ['utf8', 'printable'] as const) {
      const identity = createClientIdentity({ challenge: CHALLENGE, challengeType });
      const { rep } = await exchange(createHarness({ challenge: CHALLENGE }), { identity });
      expect(rep.pkiStatus).toBe('SUCCESS');
    }
  });

  it('a wrong challenge → badRequest from the backend, the secret never logged', async () => {
    const identity = createClientIdentity({ challenge: 'not-the-secret-xyz' });
    const { rep, event } = await exchange(createHarness({ challenge: CHALLENGE }), { identity });
    expect(rep).toMatchObject({ pkiStatus: 'FAILURE', failInfo: 'badRequest', failInfoText: 'challenge rejected' });
    expect(JSON.stringify(event)).not.toMatch(/not-the-secret|sixteen-char/);
  });

  it('a byte-identical retransmit returns the same certificate', async () => {
    const h = createHarness();
    const body = request(h);
    const first = parseCertRepForClient((await h.post(body)).body, { caCertificateDer: h.ca.certificateDer, recipient: device });
    const second = parseCertRepForClient((await h.post(body)).body, { caCertificateDer: h.ca.certificateDer, recipient: device });
    expect(Buffer.from(second.certificates[0])).toEqual(Buffer.from(first.certificates[0]));
    expect(h.backend.issued.size).toBe(1);
  });

  it('RSA-1024 (Apple default Keysize) → badRequest "key not allowed"', async () => {
    const identity = createClientIdentity({ bits: 1024 });
    const { rep, event } = await exchange(createHarness(), { identity });
    expect(rep).toMatchObject({ pkiStatus: 'FAILURE', failInfo: 'badRequest', failInfoText: 'key not allowed' });
    expect(event.reason).toMatch(/^key not allowed: RSA-1024/);
  });

  it('a self-signed signer with a different key than the CSR (macOS mdmclient) is accepted; the reply is encrypted to the signer', async () => {
    const other = createClientIdentity({ privateKey: crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey });
    const { rep } = await exchange(createHarness(), { signer: other, messageData: device.csrDer });
    expect(rep).toMatchObject({ pkiStatus: 'SUCCESS' });
  });
});

describe('integrity failures', () => {
  it('tampered content → badMessageCheck, no envelope, nonce and transactionID echoed', async () => {
    const h = createHarness();
    const nonce = crypto.randomBytes(16);
    const body = Buffer.from(request(h, { transactionId: 'TAMPER-1', senderNonce: nonce }));
    body[Math.floor(body.length / 3)] ^= 0x01; // inside the eContent (the envelope is the first third)
    const res = await h.post(body);
    const rep = parseCertRepForClient(res.body, { caCertificateDer: h.ca.certificateDer });
    expect(rep).toMatchObject({ pkiStatus: 'FAILURE', failInfo: 'badMessageCheck', transactionId: 'TAMPER-1', envelope: null });
    expect(Buffer.from(rep.recipientNonce!)).toEqual(nonce);
    expect(res.event.reason).toContain('messageDigest');
  });

  it('signature by another key / missing signer certificate → badMessageCheck', async () => {
    const h = createHarness();
    const impostor = { certificateDer: device.certificateDer, privateKey: createClientIdentity({ bits: 1024 }).privateKey };
    const { rep, event } = await exchange(h, { signer: impostor });
    expect(rep).toMatchObject({ pkiStatus: 'FAILURE', failInfo: 'badMessageCheck' });
    expect(event.reason).toContain('signature does not verify');
    const res = await h.post(request(h, { includeSignerCertificate: false }));
    expect(parseCertRepForClient(res.body, { caCertificateDer: h.ca.certificateDer })).toMatchObject({ failInfo: 'badMessageCheck' });
    expect(res.event.reason).toContain('signer certificate is missing');
  });

  it('corrupt encryptedKey and corrupt ciphertext fail identically', async () => {
    const h = createHarness();
    const answers = new Set<string>();
    for (const target of ['key', 'content'] as const) {
      for (let i = 0; i < 4; i++) {
        const { res, rep, event } = await exchange(h, { mutateEnvelope: corrupt(target, i * 7 + 3), transactionId: 'T'.repeat(40) });
        expect(rep).toMatchObject({ pkiStatus: 'FAILURE', failInfo: 'badRequest', failInfoText: UNREADABLE });
        expect(event.reasonCode).toBe('undecryptable');
        answers.add(`${rep.failInfo}/${rep.failInfoText}/${res.body.length}`);
      }
    }
    expect(answers.size).toBe(1);
  });

  it('anything between the RSA unwrap and a signature-checked CSR gets one answer (no decryption oracle)', async () => {
    const h = createHarness();
    const badSignature = Buffer.from(device.csrDer);
    badSignature[badSignature.length - 5]! ^= 0x40;
    const plaintexts = {
      garbage: Buffer.from('not ASN.1 at all'),
      'one BER element': der(integer(0)),
      'a SEQUENCE that is no CSR': device.certificateDer,
      'a CSR with a bad signature': badSignature,
      'a truncated CSR': device.csrDer.subarray(0, 200),
    };
    const answers = new Set<string>();
    for (const [name, messageData] of Object.entries(plaintexts)) {
      const { res, rep, event } = await exchange(h, { messageData, transactionId: 'T'.repeat(40) });
      expect(event.reasonCode, name).toBe('undecryptable');
      answers.add(`${rep.failInfo}/${rep.failInfoText}/${res.body.length}`);
    }
    expect([...answers]).toEqual([`badRequest/${UNREADABLE}/${[...answers][0]!.split('/').at(-1)}`]);
    expect(h.backend.enrollCalls).toHaveLength(0);
  });
});

/** Flips one octet of the (DER) envelope's encryptedKey or of its last ciphertext block. */
function corrupt(target: 'key' | 'content', at: number) {
  return (envelope: Uint8Array): Uint8Array => {
    const out = Uint8Array.from(envelope);
    const envData = parseBer(out).children[1].children[0];
    const node = target === 'key' ? envData.children[1].children[0].children[3] : envData.children[2].children[2];
    out[target === 'key' ? node.contentStart + at : node.contentEnd - 1 - at] ^= 0x5a;
    return out;
  };
}
