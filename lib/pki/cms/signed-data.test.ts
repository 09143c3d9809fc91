import crypto from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir, openssl } from '../x509/openssl-test-helpers';
import { derToPem } from '../x509/pem';
import { createCaCertificate } from '../x509/create-ca';
import { HASHES, type HashName } from './algorithms';
import { attribute, buildCertsOnlySignedData, buildSignedData } from './build-signed-data';
import { readCertificateRef } from './certificate-ref';
import { octetString, printableString } from './der';
import { parseSignedData } from './signed-data';
import { verifySignerInfo } from './verify-signed-data';
import { parseBer } from './ber';

const ca = createCaCertificate({ subject: 'CN=CMS Test CA' });
const otherCa = createCaCertificate({ subject: 'CN=Someone Else' });
const signer = { certificate: readCertificateRef(ca.certificateDer), privateKey: ca.privateKey };
const extra = [attribute('2.16.840.1.113733.1.9.7', printableString('TX')), attribute('2.16.840.1.113733.1.9.5', octetString(Buffer.alloc(16, 9)))];
const tmp = makeTempDir('tessera-cms-sd-');
afterAll(() => tmp.remove());

function build(hash: HashName, opts: Partial<Parameters<typeof buildSignedData>[0]> = {}, ber = false): Uint8Array {
  return buildSignedData(
    { content: Buffer.from('content'), hash, signer, attributes: extra, certificates: [ca.certificateDer], signingTime: new Date(), ...opts },
    ber ? { indefinite: true, segmentSize: 3 } : undefined,
  );
}

function verify(der: Uint8Array, allowMd5 = false) {
  const sd = parseSignedData(der);
  return verifySignerInfo(sd, sd.signerInfos[0], signer.certificate.publicKey, { allowMd5 });
}

describe('SignedData', () => {
  it.each(HASHES.map((h) => h.name))('signs and verifies with %s', (hash) => {
    expect(verify(build(hash), true)).toMatchObject({ ok: true, form: 'as-received' });
  });

  it('refuses MD5 unless allowed', () => {
    expect(verify(build('MD5'))).toMatchObject({ ok: false, code: 'legacy-algorithm' });
  });

  it('writes DER-sorted signed attributes by default', () => {
    const sd = parseSignedData(build('SHA-256'));
    const si = sd.signerInfos[0];
    expect(Buffer.compare(si.signedAttrsRaw!, si.signedAttrsSortedDer!)).toBe(0);
  });

  it('verifies attributes signed unsorted (raw-bytes path)', () => {
    const der = build('SHA-256', { quirks: { attributeOrder: 'as-given' } });
    const si = parseSignedData(der).signerInfos[0];
    expect(Buffer.compare(si.signedAttrsRaw!, si.signedAttrsSortedDer!)).not.toBe(0);
    expect(verify(der)).toMatchObject({ ok: true, form: 'as-received' });
  });

  it('falls back to the DER-sorted form when a client re-sorted after signing', () => {
    // Signed over the sorted encoding but transmitted unsorted: only the sorted fallback verifies.
    const der = Buffer.from(build('SHA-256'));
    const sd = parseSignedData(der);
    const si = sd.signerInfos[0];
    const root = parseBer(der);
    const signerInfo = root.children[1].children[0].children.at(-1)!.children[0];
    const attrs = signerInfo.children[3];
    const parts = attrs.children.map((c) => der.subarray(c.start, c.end));
    const swapped = Buffer.concat([parts[1], parts[0], ...parts.slice(2)]);
    swapped.copy(der, attrs.contentStart);
    expect(verify(der)).toMatchObject({ ok: true, form: 'der-sorted' });
    expect(si.signature.length).toBe(256);
  });

  it('accepts a signature OID in the digestAlgorithm field', () => {
    const der = build('SHA-256', { quirks: { digestAlgorithmField: 'rsa-signature', signatureAlgorithm: 'hash-with-rsa' } });
    expect(parseSignedData(der).signerInfos[0].digestAlgorithmOid).toBe('1.2.840.113549.1.1.11');
    expect(verify(der)).toMatchObject({ ok: true, hash: { name: 'SHA-256' } });
  });

  it('reads BER with indefinite lengths and segmented eContent', () => {
    const der = build('SHA-256', {}, true);
    expect(parseBer(der).indefinite).toBe(true);
    expect(Buffer.from(parseSignedData(der).eContent!).toString()).toBe('content');
    expect(verify(der)).toMatchObject({ ok: true });
  });

  it('detects tampered content and a foreign signature', () => {
    const der = Buffer.from(build('SHA-256'));
    const at = der.indexOf(Buffer.from('content'));
    der[at] ^= 1;
    expect(verify(der)).toMatchObject({ ok: false, code: 'bad-message-digest' });
    const other = otherCa;
    const foreign = buildSignedData({
      content: Buffer.from('content'),
      hash: 'SHA-256',
      signer: { certificate: signer.certificate, privateKey: other.privateKey },
      attributes: extra,
      certificates: [ca.certificateDer],
    });
    expect(verify(foreign)).toMatchObject({ ok: false, code: 'bad-signature' });
  });

  it('digests empty content when eContent is absent', () => {
    const der = build('SHA-256', { content: null });
    const sd = parseSignedData(der);
    expect(sd.eContent).toBeNull();
    expect(verify(der)).toMatchObject({ ok: true });
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
