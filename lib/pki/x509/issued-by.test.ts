import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openssl } from '../../../test/support/openssl';
import { CertificateError } from '../errors';
import { parseCertificate } from './certificate';
import { createCaCertificate } from './create-ca';
import { issueCertificate } from './issue';
import { isIssuedBy, isSelfSigned } from './issued-by';
import { pemToDer } from './pem';

const now = new Date('2026-03-01T00:00:00Z');
const issuerOf = (ca: { certificateDer: Uint8Array; privateKey: import('node:crypto').KeyObject }) => ({ certificate: parseCertificate(ca.certificateDer), privateKey: ca.privateKey });
const issueFrom = (ca: Parameters<typeof issuerOf>[0]) =>
  parseCertificate(
    issueCertificate({ role: 'leaf', issuer: issuerOf(ca), subject: 'CN=renewing-device', subjectKey: generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey, validityDays: 30, now }).der,
  );

describe('isIssuedBy / isSelfSigned', () => {
  const ca = createCaCertificate({ subject: 'CN=Tessera CA,O=Example', now });
  const caCert = parseCertificate(ca.certificateDer);
  const leaf = issueFrom(ca);

  it('accepts a certificate the CA issued, and a self-signed CA as its own issuer', () => {
    expect(isIssuedBy(leaf, caCert)).toBe(true);
    expect(isIssuedBy(caCert, caCert)).toBe(true);
    expect(isSelfSigned(caCert)).toBe(true);
    expect(isSelfSigned(leaf)).toBe(false);
  });

  it('rejects a same-named CA with another key', () => {
    const impostor = parseCertificate(createCaCertificate({ subject: 'CN=Tessera CA,O=Example', now }).certificateDer);
    expect(isIssuedBy(leaf, impostor)).toBe(false);
  });

  it('rejects a tampered certificate', () => {
    const tampered = Buffer.from(leaf.der);
    tampered[tampered.indexOf(Buffer.from('renewing-device'))] = 'R'.charCodeAt(0);
    expect(isIssuedBy(parseCertificate(tampered), caCert)).toBe(false);
  });

  it('rejects a certificate from another issuer; garbage is not a certificate', () => {
    const foreign = issueFrom(createCaCertificate({ subject: 'CN=Other CA', now }));
    expect(isIssuedBy(foreign, caCert)).toBe(false);
    expect(() => parseCertificate(Buffer.from('junk'))).toThrow(CertificateError);
  });

  it('verifies an openssl-made ECDSA chain', () => {
    const ecRoot = parseCertificate(pemToDer(openssl(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', '/dev/null', '-subj', '/CN=EC Root', '-days', '2'])));
    expect(isIssuedBy(ecRoot, ecRoot)).toBe(true);
    expect(isSelfSigned(ecRoot)).toBe(true);
    expect(isIssuedBy(leaf, ecRoot)).toBe(false);
  });
});
