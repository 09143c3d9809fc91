import { X509Certificate } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createCaCertificate } from './create-ca';
import { derToPem } from './pem';
import { makeTempDir, openssl } from '../../../test/support/openssl';

const now = new Date('2026-03-01T12:00:00Z');
const tmp = makeTempDir();
afterAll(() => tmp.remove());

describe('createCaCertificate', () => {
  const ca = createCaCertificate({ subject: 'CN=Tessera Enrollment CA,O=Example\\, Inc.,C=us', now, validityDays: 365 });
  const pemPath = tmp.write('ca.pem', derToPem(ca.certificateDer));

  it('produces a self-signed CA that openssl verifies against itself', () => {
    const out = openssl(['verify', '-check_ss_sig', '-CAfile', pemPath, '-attime', String(now.getTime() / 1000), pemPath]);
    expect(out).toContain(': OK');
  });

  it('has the SCEP CA extensions, critical where RFC 5280 wants them', () => {
    const text = openssl(['x509', '-in', pemPath, '-noout', '-text']);
    expect(text).toMatch(/Basic Constraints: critical\s+CA:TRUE/);
    expect(text).toMatch(
      /Key Usage: critical\s+Digital Signature, Key Encipherment, Certificate Sign, CRL Sign/,
    );
    expect(text).toContain('Subject Key Identifier');
    expect(text).toContain('Authority Key Identifier');
    expect(text).toContain('sha256WithRSAEncryption');
    expect(text).toContain('Public-Key: (2048 bit)');
  });

  it('encodes the subject in RFC 4514 order with escapes and the right string types', () => {
    const subj = openssl(['x509', '-in', pemPath, '-noout', '-subject', '-nameopt', 'RFC2253']).trim();
    expect(subj).toBe('subject=CN=Tessera Enrollment CA,O=Example\\, Inc.,C=US');
    const asn1 = openssl(['asn1parse', '-in', pemPath]);
    expect(asn1).toMatch(/countryName\s*\n.*PRINTABLESTRING\s+:US/);
    expect(asn1).toMatch(/UTF8STRING\s+:Tessera Enrollment CA/);
  });

  it('backdates notBefore 5 minutes and lasts validityDays', () => {
    const x = new X509Certificate(ca.certificateDer);
    expect(new Date(x.validFrom).getTime()).toBe(now.getTime() - 5 * 60_000);
    expect(new Date(x.validTo).getTime()).toBe(now.getTime() + 365 * 86_400_000);
    expect(x.checkPrivateKey(ca.privateKey)).toBe(true);
    expect(x.ca).toBe(true);
  });

  it('uses a positive 16-byte serial', () => {
    const x = new X509Certificate(ca.certificateDer);
    expect(x.serialNumber).toMatch(/^[0-7][0-9A-F]{31}$/);
    expect(x.serialNumber).not.toMatch(/^00/);
  });

  it('honours keyBits', () => {
    const big = createCaCertificate({ subject: 'CN=Big', keyBits: 3072, now });
    expect(big.privateKey.asymmetricKeyDetails?.modulusLength).toBe(3072);
  });

  it('rejects bad options', () => {
    expect(() => createCaCertificate({ subject: '', now })).toThrow(/empty/);
    expect(() => createCaCertificate({ subject: 'CN=x', validityDays: 0, now })).toThrow(/validityDays/);
    expect(() => createCaCertificate({ subject: 'CN=x', keyBits: 1024 as 2048, now })).toThrow(/keyBits/);
    expect(() => createCaCertificate({ subject: 'XX=x', now })).toThrow(/unknown attribute/);
  });
});
