/** Real client captures (STYLE habit 9): they must parse, verify and decrypt, and get a well-formed CertRep. */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentOf } from '../pki/asn1';
import { findAttribute, parseSignedData } from '../pki/cms';
import { parseCertificate } from '../pki/x509';
import { OID_SCEP_MESSAGE_TYPE } from './constants';
import { decodeGetMessage, rawQueryParam } from './http-decode';
import { createScepService } from './service';
import { auditCertRep, FakeScepBackend, parseCertRepForClient, TEST_CLIENT, type TestCa } from '../../test/support/scep';

const here = path.join(__dirname, '..', '..', 'test', 'data', 'scep');
const pemCert = (file: string) => new crypto.X509Certificate(fs.readFileSync(file)).raw;
const pemKey = (file: string) => crypto.createPrivateKey(fs.readFileSync(file));

function service(ca: TestCa, o: { legacy: boolean; renewal?: boolean; challenge?: string | null; now?: Date }) {
  const backend = new FakeScepBackend({ ca, challenge: o.challenge ?? null, now: () => o.now ?? new Date('2026-06-01T00:00:00Z') });
  const svc = createScepService({
    ca: { certificate: parseCertificate(ca.certificateDer), privateKey: ca.privateKey },
    legacy: o.legacy,
    renewal: o.renewal ?? false,
    maxBodyBytes: 1 << 20,
    minRsaBits: 2048,
    backend,
    now: () => new Date('2026-06-01T00:00:00Z'),
  });
  return { svc, backend };
}

describe('macOS mdmclient 2016 (3DES + SHA-1, BER-free DER, RSA-1024 CSR)', () => {
  const dir = path.join(here, 'macos-mdmclient-2016');
  const ca = { certificateDer: pemCert(path.join(dir, 'ca-renewed.pem')), privateKey: pemKey(path.join(dir, 'ca.key.pem')) };
  const body = fs.readFileSync(path.join(dir, 'PKCSReq.der'));

  it('is parsed, verified and decrypted, then refused by the default key policy with a signed FAILURE', async () => {
    const { svc, backend } = service(ca, { legacy: false });
    const res = await svc.handle({ method: 'POST', rawQuery: 'operation=PKIOperation', body, client: TEST_CLIENT });
    expect(res.status).toBe(200);
    expect(res.event).toMatchObject({
      outcome: 'failure',
      failInfo: 'badRequest',
      messageType: 'PKCSReq',
      transactionId: 'A13090761A30F66664F85D37433D2065E1112BA1',
      algorithms: 'DES-EDE3-CBC/SHA-1',
    });
    // Reaching the CSR key policy proves the signature verified and the envelope decrypted.
    expect(res.event.reason).toMatch(/^key not allowed: RSA-1024|challenge missing/);
    expect(backend.enrollCalls).toHaveLength(0);
    expect(auditCertRep(res.body, { caCertificateDer: ca.certificateDer })).toEqual([]);
    const rep = parseCertRepForClient(res.body, { caCertificateDer: ca.certificateDer });
    expect(rep).toMatchObject({ pkiStatus: 'FAILURE', failInfo: 'badRequest', digest: 'SHA-1', transactionId: 'A13090761A30F66664F85D37433D2065E1112BA1' });
  });
});

describe('Debian scepclient 2.1.0 captures (DES-CBC + SHA-1, unsorted attributes)', () => {
  const dir = path.join(here, 'scepclient-2.1.0');
  const ca = { certificateDer: pemCert(path.join(dir, 'ca.pem')), privateKey: pemKey(path.join(dir, 'ca.key.pem')) };
  const clientKey = pemKey(path.join(dir, 'client.key.pem'));
  const issued = { certificateDer: pemCert(path.join(dir, 'issued-client.pem')), privateKey: clientKey };
  const post = fs.readFileSync(path.join(dir, 'pkcsreq-post.der'));
  const getQuery = fs.readFileSync(path.join(dir, 'pkcsreq-get.query.txt'), 'utf8').trim();
  const renewal = fs.readFileSync(path.join(dir, 'renewalreq-post.der'));
  const decodedGet = decodeGetMessage(rawQueryParam(getQuery, 'message')!);
  const getBody = decodedGet.ok ? decodedGet.bytes : new Uint8Array(0);
  /** Each scepclient run made a fresh self-signed signer for the same key: take it from the message. */
  const signerOf = (b: Uint8Array) => ({ certificateDer: parseSignedData(b).certificates[0], privateKey: clientKey });

  it('are the message types they claim to be', () => {
    const type = (b: Uint8Array) => Buffer.from(contentOf(findAttribute(parseSignedData(b).signerInfos[0]!.signedAttrs, OID_SCEP_MESSAGE_TYPE)!)).toString();
    expect([type(post), type(getBody), type(renewal)]).toEqual(['19', '19', '17']);
  });

  it('legacy off: POST PKCSReq → signed FAILURE badAlg explaining the legacy switch', async () => {
    const { svc, backend } = service(ca, { legacy: false, challenge: 'secret-challenge-123' });
    const res = await svc.handle({ method: 'POST', rawQuery: 'operation=PKIOperation', body: post, client: TEST_CLIENT });
    expect(res.event).toMatchObject({ outcome: 'failure', failInfo: 'badAlg', algorithms: 'DES-CBC/SHA-1' });
    expect(res.event.reason).toBe('request used single DES (content cipher DES-CBC (1.3.14.3.2.7)); enable the legacy-cipher setting to accept it');
    expect(backend.enrollCalls).toHaveLength(0);
    expect(parseCertRepForClient(res.body, { caCertificateDer: ca.certificateDer })).toMatchObject({ failInfo: 'badAlg', transactionId: '4kONc+lE+ZQraIfXGHlwsESfMD0=' });
  });

  it.each([
    ['POST', 'operation=PKIOperation', post],
    ['GET', getQuery, null],
  ] as const)('legacy on: %s PKCSReq → SUCCESS the client can decrypt with its key', async (method, rawQuery, body) => {
    const selfSigned = signerOf(body ?? getBody);
    const { svc, backend } = service(ca, { legacy: true, challenge: 'secret-challenge-123' });
    const res = await svc.handle({ method, rawQuery, body, client: TEST_CLIENT });
    expect(res.event).toMatchObject({ outcome: 'success', messageType: 'PKCSReq', algorithms: 'DES-CBC/SHA-1' });
    expect(auditCertRep(res.body, { caCertificateDer: ca.certificateDer, requestSignerDer: selfSigned.certificateDer })).toEqual([]);
    const rep = parseCertRepForClient(res.body, { caCertificateDer: ca.certificateDer, recipient: selfSigned });
    expect(rep).toMatchObject({ pkiStatus: 'SUCCESS', cipher: 'DES-CBC', digest: 'SHA-1' });
    expect(new crypto.X509Certificate(Buffer.from(rep.certificates[0])).subject).toContain('CN=scepclient test');
    expect(backend.enrollCalls[0].csr.challengePassword).toBe('secret-challenge-123');
  });

  it('legacy + renewal on: RenewalReq signed by the issued certificate → SUCCESS encrypted to it', async () => {
    const { svc, backend } = service(ca, { legacy: true, renewal: true });
    backend.issued.set('7e55e7a0000000000000000000000001', issued.certificateDer);
    const res = await svc.handle({ method: 'POST', rawQuery: 'operation=PKIOperation', body: renewal, client: TEST_CLIENT });
    expect(res.event).toMatchObject({ outcome: 'success', messageType: 'RenewalReq' });
    expect(backend.enrollCalls[0]).toMatchObject({ messageType: 'RenewalReq', renewalOfSerialHex: '7e55e7a0000000000000000000000001' });
    const rep = parseCertRepForClient(res.body, { caCertificateDer: ca.certificateDer, recipient: issued });
    expect(rep.pkiStatus).toBe('SUCCESS');
  });
});
