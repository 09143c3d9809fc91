import crypto from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir, openssl } from '../../../test/support/openssl';
import { encodeBer } from '../../../test/support/ber';
import { HASHES, type HashName } from '../algorithms';
import { der, octetString, parseBer, printableString } from '../asn1';
import { createCaCertificate, derToPem, issueCertificate, parseCertificate } from '../x509';
import { attribute, buildCertsOnlySignedData, signedDataTree, type SignedDataOptions } from './build-signed-data';
import { parseSignedData, signedAttributeEncodings, verifySignerInfo } from './signed-data';

const ca = createCaCertificate({ subject: 'CN=CMS Test CA' });
const otherCa = createCaCertificate({ subject: 'CN=Someone Else' });
const signer = { certificate: parseCertificate(ca.certificateDer), privateKey: ca.privateKey };
const extra = [attribute('2.16.840.1.113733.1.9.7', printableString('TX')), attribute('2.16.840.1.113733.1.9.5', octetString(Buffer.alloc(16, 9)))];
const tmp = makeTempDir('tessera-cms-sd-');
afterAll(() => tmp.remove());

function build(hash: HashName, opts: Partial<SignedDataOptions> = {}, ber = false): Uint8Array {
  const tree = signedDataTree({ content: Buffer.from('content'), hash, signer, attributes: extra, certificates: [ca.certificateDer], signingTime: new Date(), ...opts });
  return ber ? encodeBer(tree, 3) : der(tree);
}

function verify(bytes: Uint8Array, allowMd5 = false) {
  const sd = parseSignedData(bytes);
  return verifySignerInfo(sd, sd.signerInfos[0]!, signer.certificate.publicKey, { allowMd5 });
}

describe('SignedData', () => {
  it.each(HASHES.map((h) => h.name))('signs and verifies with %s', (hash) => {
    expect(verify(build(hash), true)).toMatchObject({ ok: true, form: 'as-received' });
  });

  it('refuses MD5 unless allowed', () => {
    expect(verify(build('MD5'))).toMatchObject({ ok: false, code: 'legacy-algorithm' });
  });

  it('writes DER-sorted signed attributes by default', () => {
    const forms = signedAttributeEncodings(parseSignedData(build('SHA-256')).signerInfos[0]!.signedAttrsNode!);
    expect(Buffer.compare(forms.asReceived, forms.sortedDer)).toBe(0);
  });

  it('verifies attributes signed unsorted (raw-bytes path)', () => {
    const bytes = build('SHA-256', { quirks: { attributeOrder: 'as-given' } });
    const forms = signedAttributeEncodings(parseSignedData(bytes).signerInfos[0]!.signedAttrsNode!);
    expect(Buffer.compare(forms.asReceived, forms.sortedDer)).not.toBe(0);
    expect(verify(bytes)).toMatchObject({ ok: true, form: 'as-received' });
  });

  it('falls back to the DER-sorted form when a client re-sorted after signing', () => {
    // Signed over the sorted encoding but transmitted unsorted: only the sorted fallback verifies.
    const bytes = Buffer.from(build('SHA-256'));
    const si = parseSignedData(bytes).signerInfos[0]!;
    const signerInfo = parseBer(bytes).children[1]!.children[0]!.children.at(-1)!.children[0]!;
    const attrs = signerInfo.children[3]!;
    const parts = attrs.children.map((c) => bytes.subarray(c.start, c.end));
    Buffer.concat([parts[1]!, parts[0]!, ...parts.slice(2)]).copy(bytes, attrs.contentStart);
    expect(verify(bytes)).toMatchObject({ ok: true, form: 'der-sorted' });
    expect(si.signature.length).toBe(256);
  });

  it('accepts a signature OID in the digestAlgorithm field', () => {
    const bytes = build('SHA-256', { quirks: { digestAlgorithmField: 'rsa-signature', signatureAlgorithm: 'hash-with-rsa' } });
    expect(parseSignedData(bytes).signerInfos[0]!.digestAlgorithmOid).toBe('1.2.840.113549.1.1.11');
    expect(verify(bytes)).toMatchObject({ ok: true, hash: { name: 'SHA-256' } });
  });

  it('reads BER with indefinite lengths and segmented eContent', () => {
    const bytes = build('SHA-256', {}, true);
    expect(parseBer(bytes).indefinite).toBe(true);
    expect(Buffer.from(parseSignedData(bytes).eContent!).toString()).toBe('content');
    expect(verify(bytes)).toMatchObject({ ok: true });
  });

  it('detects tampered content and a foreign signature', () => {
    const bytes = Buffer.from(build('SHA-256'));
    bytes[bytes.indexOf(Buffer.from('content'))]! ^= 1;
    expect(verify(bytes)).toMatchObject({ ok: false, code: 'bad-message-digest' });
    const other = otherCa;
    const foreign = der(signedDataTree({
      content: Buffer.from('content'),
      hash: 'SHA-256',
      signer: { certificate: signer.certificate, privateKey: other.privateKey },
      attributes: extra,
      certificates: [ca.certificateDer],
    }));
    expect(verify(foreign)).toMatchObject({ ok: false, code: 'bad-signature' });
  });

  it('signs an empty eContent (SCEP FAILURE/PENDING) as an empty OCTET STRING', () => {
    const bytes = build('SHA-256', { content: new Uint8Array(0) });
    expect(Buffer.from(bytes).includes(Buffer.from('a0020400', 'hex'))).toBe(true); // [0] { OCTET STRING (0) }
    expect(parseSignedData(bytes).eContent?.length).toBe(0);
    expect(verify(bytes)).toMatchObject({ ok: true });
  });

  it('writes digest AlgorithmIdentifiers without parameters, MD5 with NULL (RFC 5754 §2, RFC 3370 §2)', () => {
    const sha256 = parseBer(build('SHA-256')).children[1]!.children[0]!.children[1]!.children[0]!;
    expect(sha256.children).toHaveLength(1);
    const md5 = parseBer(build('MD5')).children[1]!.children[0]!.children[1]!.children[0]!;
    expect(md5.children).toHaveLength(2);
  });

  it('signs with an EC key (ecdsa-with-SHA256)', () => {
    const ecKey = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
    const ecCert = parseCertificate(issueCertificate({ role: 'profile-signer', issuer: signer, subject: 'CN=EC', subjectKey: ecKey, now: new Date(), validityDays: 1 }).der);
    const bytes = der(signedDataTree({ content: Buffer.from('x'), hash: 'SHA-256', signer: { certificate: ecCert, privateKey: ecKey }, certificates: [ecCert.der] }));
    const sd = parseSignedData(bytes);
    expect(sd.signerInfos[0]!.signatureAlgorithmOid).toBe('1.2.840.10045.4.3.2');
    expect(verifySignerInfo(sd, sd.signerInfos[0]!, ecCert.publicKey, { allowMd5: false })).toMatchObject({ ok: true });
  });

  it('builds a degenerate certs-only SignedData keeping certificate order', () => {
    const leaf = otherCa.certificateDer;
    const sd = parseSignedData(buildCertsOnlySignedData([leaf, ca.certificateDer]));
    expect(sd).toMatchObject({ version: 1, digestAlgorithmOids: [], eContent: null, signerInfos: [] });
    expect(sd.certificates.map((c) => Buffer.from(c))).toEqual([Buffer.from(leaf), Buffer.from(ca.certificateDer)]);
  });
});

describe('interoperability with openssl cms', () => {
  const caPem = tmp.write('ca.pem', derToPem(ca.certificateDer));
  const keyPem = tmp.write('ca.key', ca.privateKey.export({ type: 'pkcs8', format: 'pem' }));

  it.each(['SHA-1', 'SHA-256', 'SHA-512'] as HashName[])('openssl verifies our %s SignedData', (hash) => {
    const file = tmp.write(`sd-${hash}.der`, build(hash));
    const out = openssl(['cms', '-verify', '-inform', 'DER', '-in', file, '-CAfile', caPem, '-purpose', 'any']);
    expect(out).toBe('content');
  });

  it('verifies openssl -stream (BER) SignedData', () => {
    const content = crypto.randomBytes(5000);
    const inFile = tmp.write('content.bin', content);
    const outFile = tmp.path('signed.ber');
    openssl(['cms', '-sign', '-stream', '-binary', '-nodetach', '-outform', 'DER', '-md', 'sha256', '-in', inFile, '-out', outFile, '-signer', caPem, '-inkey', keyPem]);
    const ber = tmp.read('signed.ber');
    expect(parseBer(ber).indefinite).toBe(true);
    const sd = parseSignedData(ber);
    expect(Buffer.from(sd.eContent!).equals(content)).toBe(true);
    expect(verify(ber)).toMatchObject({ ok: true });
  });
});
