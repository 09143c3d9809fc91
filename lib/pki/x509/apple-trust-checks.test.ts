import { describe, expect, it } from 'vitest';
import { appleTrustChecks, type TrustCheck } from './apple-trust-checks';
import type { CertificateInfo } from './certificate-info';
import { describeCertificate } from './certificate-info';
import { createCaCertificate } from './create-ca';

const now = new Date('2026-03-01T00:00:00Z');
const DAY = 86_400_000;

const base: CertificateInfo = {
  subject: 'CN=scep.example.com', issuer: 'CN=Example CA', serialHex: '01', notBefore: new Date(now.getTime() - DAY),
  notAfter: new Date(now.getTime() + 300 * DAY), sha256Hex: '', sha1Hex: '', keyType: 'RSA', keyBits: 2048,
  signatureAlgorithm: 'sha256WithRSAEncryption', sans: [{ type: 'dns', value: 'scep.example.com' }],
  keyUsage: ['digitalSignature', 'keyEncipherment'], extendedKeyUsage: ['serverAuth'], isCa: false,
  subjectKeyIdHex: null, authorityKeyIdHex: null, spkiSha256Hex: '',
};
const statusOf = (checks: TrustCheck[], id: string) => checks.find((c) => c.id === id)?.status;

describe('appleTrustChecks', () => {
  it('passes a compliant TLS server certificate', () => {
    const checks = appleTrustChecks(base, 'tls-server', now);
    expect(checks.map((c) => c.status)).toEqual(Array(checks.length).fill('pass'));
    expect(checks.map((c) => c.id)).toEqual(['key-size', 'signature-algorithm', 'validity', 'san-dns', 'eku-server-auth', 'lifetime']);
  });

  it('fails the TLS rules Apple enforces', () => {
    const bad = { ...base, keyBits: 1024, signatureAlgorithm: 'sha1WithRSAEncryption', sans: [], extendedKeyUsage: ['clientAuth'], notAfter: new Date(now.getTime() + 900 * DAY) };
    const checks = appleTrustChecks(bad, 'tls-server', now);
    for (const id of ['key-size', 'signature-algorithm', 'san-dns', 'eku-server-auth', 'lifetime']) expect(statusOf(checks, id)).toBe('fail');
    expect(checks.find((c) => c.id === 'san-dns')?.detail).toMatch(/Common Name/);
  });

  it('warns for 399–825 days and for expiry within 30 days', () => {
    expect(statusOf(appleTrustChecks({ ...base, notAfter: new Date(now.getTime() + 500 * DAY) }, 'tls-server', now), 'lifetime')).toBe('warn');
    const soon = appleTrustChecks({ ...base, notAfter: new Date(now.getTime() + 10 * DAY) }, 'tls-server', now);
    expect(statusOf(soon, 'validity')).toBe('warn');
    expect(soon.find((c) => c.id === 'validity')?.detail).toContain('in 10 days');
  });

  it('fails expired and not-yet-valid certificates', () => {
    expect(statusOf(appleTrustChecks({ ...base, notAfter: new Date(now.getTime() - DAY) }, 'ca', now), 'validity')).toBe('fail');
    expect(statusOf(appleTrustChecks({ ...base, notBefore: new Date(now.getTime() + DAY) }, 'ca', now), 'validity')).toBe('fail');
  });

  it('passes a CA made by createCaCertificate', () => {
    const info = describeCertificate(createCaCertificate({ subject: 'CN=Tessera CA', now }).certificateDer);
    const checks = appleTrustChecks(info, 'ca', now);
    expect(checks.filter((c) => c.status !== 'pass')).toEqual([]);
  });

  it('fails a CA without the SCEP key usages, without CA:TRUE, or with an EC key', () => {
    const ca = { ...base, isCa: true, keyUsage: ['keyCertSign', 'cRLSign'] };
    const checks = appleTrustChecks(ca, 'ca', now);
    expect(statusOf(checks, 'ca-key-usage-scep')).toBe('fail');
    expect(checks.find((c) => c.id === 'ca-key-usage-scep')?.detail).toContain('digitalSignature and keyEncipherment');
    expect(statusOf(checks, 'ca-key-cert-sign')).toBe('pass');
    expect(statusOf(appleTrustChecks({ ...ca, isCa: false }, 'ca', now), 'ca-basic-constraints')).toBe('fail');
    expect(statusOf(appleTrustChecks({ ...ca, keyType: 'EC', keyBits: 256 }, 'ca', now), 'key-size')).toBe('fail');
    expect(statusOf(appleTrustChecks({ ...ca, keyUsage: [] }, 'ca', now), 'ca-key-usage-scep')).toBe('warn');
  });

  it('checks the profile signer for digitalSignature', () => {
    expect(statusOf(appleTrustChecks(base, 'profile-signer', now), 'signer-key-usage')).toBe('pass');
    expect(statusOf(appleTrustChecks({ ...base, keyUsage: ['keyEncipherment'] }, 'profile-signer', now), 'signer-key-usage')).toBe('fail');
  });

  it('only warns about a SHA-1 self-signature on a root', () => {
    const root = { ...base, issuer: base.subject, signatureAlgorithm: 'sha1WithRSAEncryption' };
    expect(statusOf(appleTrustChecks(root, 'ca', now), 'signature-algorithm')).toBe('warn');
  });
});
