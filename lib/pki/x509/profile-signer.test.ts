import { afterAll, describe, expect, it } from 'vitest';
import { describeCertificate } from './certificate-info';
import { createCaCertificate } from './create-ca';
import { issueProfileSigner } from './profile-signer';
import { parseCertificate } from './certificate';
import { derToPem } from './pem';
import { makeTempDir, openssl } from '../../../test/support/openssl';

const tmp = makeTempDir();
afterAll(() => tmp.remove());
const now = new Date();

describe('issueProfileSigner', () => {
  const ca = createCaCertificate({ subject: 'CN=Tessera CA', now });
  const issuer = { certificate: parseCertificate(ca.certificateDer), privateKey: ca.privateKey };
  const signer = issueProfileSigner({ ca: issuer, now });
  const caPath = tmp.write('ca.pem', derToPem(ca.certificateDer));
  const signerPath = tmp.write('signer.pem', derToPem(signer.certificateDer));
  const keyPath = tmp.write('signer.key', signer.privateKey.export({ type: 'pkcs8', format: 'pem' }));

  it('is a CA:FALSE RSA-2048 certificate for digital signatures, chained to the CA', () => {
    const info = describeCertificate(signer.certificateDer);
    expect(info).toMatchObject({
      subject: 'CN=Tessera Profile Signing',
      issuer: 'CN=Tessera CA',
      keyType: 'RSA',
      keyBits: 2048,
      isCa: false,
      keyUsage: ['digitalSignature'],
      extendedKeyUsage: ['emailProtection'],
    });
    expect(info.authorityKeyIdHex).toBe(describeCertificate(ca.certificateDer).subjectKeyIdHex);
    expect(openssl(['x509', '-in', signerPath, '-noout', '-text'])).toMatch(/Key Usage: critical\s+Digital Signature\n/);
    expect(openssl(['verify', '-purpose', 'smimesign', '-CAfile', caPath, signerPath])).toContain(': OK');
  });

  it('produces CMS signatures that openssl cms -verify accepts (as a .mobileconfig signature is checked)', () => {
    const plist = tmp.write('profile.plist', '<?xml version="1.0"?><plist version="1.0"><dict/></plist>');
    openssl(['cms', '-sign', '-binary', '-nodetach', '-in', plist, '-signer', signerPath, '-inkey', keyPath,
      '-outform', 'DER', '-out', tmp.path('profile.mobileconfig')]);
    const out = openssl(['cms', '-verify', '-binary', '-inform', 'DER', '-in', tmp.path('profile.mobileconfig'), '-CAfile', caPath]);
    expect(out).toContain('<plist version="1.0">');
  });

  it('honours subject and validity, clamped to the CA', () => {
    const shortCa = createCaCertificate({ subject: 'CN=Short', now, validityDays: 5 });
    const shortIssuer = { certificate: parseCertificate(shortCa.certificateDer), privateKey: shortCa.privateKey };
    const s = issueProfileSigner({ ca: shortIssuer, now, subject: 'CN=Signer,O=Acme', validityDays: 100 });
    const info = describeCertificate(s.certificateDer);
    expect(info.subject).toBe('CN=Signer,O=Acme');
    expect(info.notAfter).toEqual(describeCertificate(shortCa.certificateDer).notAfter);
    expect(() => issueProfileSigner({ ca: { ...shortIssuer, privateKey: ca.privateKey }, now })).toThrow(/does not match/);
  });
});
