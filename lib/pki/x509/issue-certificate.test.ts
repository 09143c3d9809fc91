import { generateKeyPairSync, X509Certificate } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import type { SanEntry } from '../csr-types';
import { describeCertificate } from './certificate-info';
import { createCaCertificate } from './create-ca';
import { issueCertificate, IssueError } from './issue-certificate';
import { parseCsr } from './parse-csr';
import { derToPem, pemToDer } from './pem';
import { makeTempDir, openssl, opensslStatus } from './openssl-test-helpers';

const tmp = makeTempDir();
afterAll(() => tmp.remove());

const now = new Date('2026-03-01T12:00:00Z');
const atNow = ['-attime', String(now.getTime() / 1000)];
const ca = createCaCertificate({ subject: 'CN=Tessera Test CA,O=Example', now, validityDays: 3650 });
const caPem = tmp.write('ca.pem', derToPem(ca.certificateDer));

function opensslCsr(name: string, args: string[]) {
  openssl(['req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', tmp.path(`${name}.key`), '-out', tmp.path(`${name}.csr`), ...args]);
  return parseCsr(pemToDer(tmp.read(`${name}.csr`).toString('utf8'), 'CERTIFICATE REQUEST'));
}

const csr = opensslCsr('leaf', [
  '-subj', '/C=US/O=Example/CN=alice',
  '-addext', 'basicConstraints=critical,CA:TRUE',
  '-addext', 'keyUsage=keyCertSign',
  '-addext', 'extendedKeyUsage=serverAuth',
  '-addext', 'subjectAltName=DNS:evil.example',
]);
const sans: SanEntry[] = [
  { type: 'email', value: 'alice@example.com' },
  { type: 'upn', value: 'alice@corp.example' },
  { type: 'dns', value: 'alice-mac.example.com' },
];

describe('issueCertificate', () => {
  const issued = issueCertificate({ caCertificateDer: ca.certificateDer, caKey: ca.privateKey, csr, sans, validityDays: 365, emailProtection: true, now });
  const leafPem = tmp.write('leaf.pem', derToPem(issued.der));

  it('is accepted by openssl verify against the CA', () => {
    expect(openssl(['verify', ...atNow, '-CAfile', caPem, leafPem])).toContain(': OK');
    expect(openssl(['verify', ...atNow, '-purpose', 'sslclient', '-CAfile', caPem, leafPem])).toContain(': OK');
    expect(openssl(['verify', ...atNow, '-purpose', 'smimesign', '-CAfile', caPem, leafPem])).toContain(': OK');
  });

  it('fails openssl verify against another CA (the check can fail)', () => {
    const other = createCaCertificate({ subject: 'CN=Tessera Test CA,O=Example', now });
    const otherPem = tmp.write('other.pem', derToPem(other.certificateDer));
    expect(opensslStatus(['verify', ...atNow, '-CAfile', otherPem, leafPem]).ok).toBe(false);
  });

  it('carries exactly the fixed extension set, never the CSR extensions', () => {
    const text = openssl(['x509', '-in', leafPem, '-noout', '-text']);
    expect(text).toMatch(/Basic Constraints: critical\s+CA:FALSE/);
    expect(text).toMatch(/Key Usage: critical\s+Digital Signature, Key Encipherment\n/);
    expect(text).toMatch(/Extended Key Usage:\s+TLS Web Client Authentication, E-mail Protection\n/);
    expect(text).toMatch(/Subject Alternative Name:\s+email:alice@example.com, othername: UPN:+alice@corp.example, DNS:alice-mac.example.com\n/);
    expect(text).not.toContain('evil.example');
    expect(text).not.toContain('Server Authentication');
    expect(text).toContain('Signature Algorithm: sha256WithRSAEncryption');
    const info = describeCertificate(issued.der);
    const caInfo = describeCertificate(ca.certificateDer);
    expect(info.authorityKeyIdHex).toBe(caInfo.subjectKeyIdHex);
    expect(info.spkiSha256Hex).toBe(csr.publicKeySha256);
    expect(info.isCa).toBe(false);
  });

  it('keeps the CSR subject bytes and reports the right metadata', () => {
    expect(issued.subject).toBe('CN=alice,O=Example,C=US');
    expect(Buffer.from(issued.der).includes(Buffer.from(csr.subjectDer))).toBe(true);
    const x = new X509Certificate(issued.der);
    expect(x.serialNumber.toLowerCase()).toBe(issued.serialHex);
    expect(issued.serialHex).toMatch(/^[0-7][0-9a-f]{31}$/);
    expect(issued.serialHex).not.toMatch(/^00/);
    expect(new Date(x.validFrom)).toEqual(issued.notBefore);
    expect(issued.notBefore).toEqual(new Date(now.getTime() - 5 * 60_000));
    expect(issued.notAfter).toEqual(new Date(now.getTime() + 365 * 86_400_000));
    expect(issued.sha256Hex).toBe(x.fingerprint256.replace(/:/g, '').toLowerCase());
    expect(x.checkIssued(new X509Certificate(ca.certificateDer))).toBe(true);
  });

  it('omits the SAN extension and emailProtection when not asked for', () => {
    const plain = issueCertificate({ caCertificateDer: ca.certificateDer, caKey: ca.privateKey, csr, sans: [], validityDays: 30, emailProtection: false, now });
    const text = openssl(['x509', '-inform', 'DER', '-noout', '-text'], plain.der);
    expect(text).not.toContain('Subject Alternative Name');
    expect(text).toMatch(/Extended Key Usage:\s+TLS Web Client Authentication\n/);
  });

  it('applies subjectOverride and clamps notAfter to the CA', () => {
    const shortCa = createCaCertificate({ subject: 'CN=Short CA', now, validityDays: 10 });
    const out = issueCertificate({
      caCertificateDer: shortCa.certificateDer, caKey: shortCa.privateKey, csr, sans: [], validityDays: 365,
      emailProtection: false, now, subjectOverride: 'CN=device-42,O=Fleet',
    });
    expect(out.subject).toBe('CN=device-42,O=Fleet');
    expect(out.notAfter.getTime()).toBe(describeCertificate(shortCa.certificateDer).notAfter.getTime());
  });

  it('puts a critical SAN on an empty-subject certificate and refuses one without SANs', () => {
    const base = { caCertificateDer: ca.certificateDer, caKey: ca.privateKey, csr, validityDays: 30, emailProtection: false, now, subjectOverride: '' };
    const out = issueCertificate({ ...base, sans: [{ type: 'dns', value: 'x.example' }] });
    expect(openssl(['x509', '-inform', 'DER', '-noout', '-text'], out.der)).toMatch(/Subject Alternative Name: critical/);
    expect(() => issueCertificate({ ...base, sans: [] })).toThrow(IssueError);
  });

  it('refuses a mismatched CA key, an expired CA and bad serials', () => {
    const base = { caCertificateDer: ca.certificateDer, caKey: ca.privateKey, csr, sans: [], validityDays: 30, emailProtection: false, now };
    const wrongKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    expect(() => issueCertificate({ ...base, caKey: wrongKey })).toThrow(/does not match/);
    expect(() => issueCertificate({ ...base, now: new Date('2040-01-01T00:00:00Z') })).toThrow(/expired/);
    expect(() => issueCertificate({ ...base, serial: Buffer.alloc(4) })).toThrow(/serial/);
    expect(() => issueCertificate({ ...base, serial: Buffer.alloc(20, 0xff) })).toThrow(/serial/);
    expect(issueCertificate({ ...base, serial: Buffer.from([0, 0, 0x2a]) }).serialHex).toBe('2a');
    expect(issueCertificate({ ...base, serial: Buffer.from([0x80]) }).serialHex).toBe('0080');
  });

  it('issues 1,000 certificates with unique positive 16-byte serials', () => {
    const serials = new Set<string>();
    for (let i = 0; i < 1000; i++) {
      const out = issueCertificate({ caCertificateDer: ca.certificateDer, caKey: ca.privateKey, csr, sans: [], validityDays: 30, emailProtection: false, now });
      expect(out.serialHex).toMatch(/^[0-7][0-9a-f]{31}$/);
      expect(out.serialHex.startsWith('00')).toBe(false);
      serials.add(out.serialHex);
    }
    expect(serials.size).toBe(1000);
  });
});
