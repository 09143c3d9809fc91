import { generateKeyPairSync, X509Certificate } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import type { SanEntry } from '../csr-types';
import { describeCertificate } from './certificate-info';
import { createCaCertificate } from './create-ca';
import { IssueError } from '../errors';
import { OID } from '../oids';
import { parseCertificate } from './certificate';
import { issueCertificate, type IssueRequest } from './issue';
import { parseCsr } from './csr';
import { derToPem, pemToDer } from './pem';
import { makeTempDir, openssl, opensslStatus } from '../../../test/support/openssl';

const tmp = makeTempDir();
afterAll(() => tmp.remove());

const now = new Date('2026-03-01T12:00:00Z');
const atNow = ['-attime', String(now.getTime() / 1000)];
const ca = createCaCertificate({ subject: 'CN=Tessera Test CA,O=Example', now, validityDays: 3650 });
const caPem = tmp.write('ca.pem', derToPem(ca.certificateDer));
const issuer = { certificate: parseCertificate(ca.certificateDer), privateKey: ca.privateKey };

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

const leaf = (over: Partial<IssueRequest> = {}) =>
  issueCertificate({ role: 'leaf', issuer, subject: csr.subject, subjectKey: csr.publicKeySpki, validityDays: 30, now, ...over });

describe('issueCertificate', () => {
  const issued = leaf({ sans, validityDays: 365, extendedKeyUsage: [OID.clientAuth, OID.emailProtection] });
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

  it('writes the subject with Tessera\'s encoder and reports the right metadata', () => {
    expect(issued.subject).toBe('CN=alice,O=Example,C=US');
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
    const plain = leaf();
    const text = openssl(['x509', '-inform', 'DER', '-noout', '-text'], plain.der);
    expect(text).not.toContain('Subject Alternative Name');
    expect(text).toMatch(/Extended Key Usage:\s+TLS Web Client Authentication\n/);
  });

  it('takes a Tessera-built subject (text or RDNs) and clamps notAfter to the CA', () => {
    const shortCa = createCaCertificate({ subject: 'CN=Short CA', now, validityDays: 10 });
    const out = leaf({ issuer: { certificate: parseCertificate(shortCa.certificateDer), privateKey: shortCa.privateKey }, validityDays: 365, subject: 'CN=device-42,O=Fleet' });
    expect(out.subject).toBe('CN=device-42,O=Fleet');
    expect(out.notAfter.getTime()).toBe(describeCertificate(shortCa.certificateDer).notAfter.getTime());
    const rdns = leaf({ subject: [[{ oid: '2.5.4.10', value: 'Fleet' }], [{ oid: '2.5.4.3', value: 'bob, "the" admin' }]] });
    expect(rdns.subject).toBe('CN=bob\\, \\"the\\" admin,O=Fleet');
  });

  it('puts a critical SAN on an empty-subject certificate and refuses one without SANs', () => {
    const out = leaf({ subject: '', sans: [{ type: 'dns', value: 'x.example' }] });
    expect(openssl(['x509', '-inform', 'DER', '-noout', '-text'], out.der)).toMatch(/Subject Alternative Name: critical/);
    expect(() => leaf({ subject: '' })).toThrow(IssueError);
  });

  it('refuses a mismatched CA key, an expired CA and bad serials', () => {
    const wrongKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    expect(() => leaf({ issuer: { ...issuer, privateKey: wrongKey } })).toThrow(/does not match/);
    expect(() => leaf({ now: new Date('2040-01-01T00:00:00Z') })).toThrow(/expired/);
    expect(() => leaf({ serial: Buffer.alloc(4) })).toThrow(/serial/);
    expect(() => leaf({ serial: Buffer.alloc(20, 0xff) })).toThrow(/serial/);
    expect(leaf({ serial: Buffer.from([0, 0, 0x2a]) }).serialHex).toBe('2a');
    expect(leaf({ serial: Buffer.from([0x80]) }).serialHex).toBe('0080');
  });

  it.each([
    ['ra', /Key Usage: critical\s+Digital Signature, Key Encipherment\n/, null],
    ['ocsp-signer', /Key Usage: critical\s+Digital Signature\n/, /Extended Key Usage:\s+OCSP Signing\n/],
    ['profile-signer', /Key Usage: critical\s+Digital Signature\n/, /Extended Key Usage:\s+E-mail Protection\n/],
  ] as const)('sets the %s key usages and takes extra extensions', (role, ku, eku) => {
    const noCheck = { oid: '1.3.6.1.5.5.7.48.1.5', critical: false, value: Buffer.from([5, 0]) }; // id-pkix-ocsp-nocheck
    const out = leaf({ role, extensions: [noCheck] });
    const text = openssl(['x509', '-inform', 'DER', '-noout', '-text'], out.der);
    expect(text).toMatch(ku);
    if (eku) expect(text).toMatch(eku);
    else expect(text).not.toContain('Extended Key Usage');
    expect(text).toMatch(/CA:FALSE/);
    expect(text).toContain('OCSP No Check');
  });

  it('issues a subordinate CA with a path length, and leaves keyEncipherment off EC leaves', () => {
    const sub = leaf({ role: 'ca', pathLen: 0 });
    expect(openssl(['x509', '-inform', 'DER', '-noout', '-text'], sub.der)).toMatch(/CA:TRUE, pathlen:0/);
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey;
    expect(describeCertificate(leaf({ subjectKey: ec }).der).keyUsage).toEqual(['digitalSignature']);
  });

  it('issues 1,000 certificates with unique positive 16-byte serials', () => {
    const serials = new Set<string>();
    for (let i = 0; i < 1000; i++) {
      const out = leaf();
      expect(out.serialHex).toMatch(/^[0-7][0-9a-f]{31}$/);
      expect(out.serialHex.startsWith('00')).toBe(false);
      serials.add(out.serialHex);
    }
    expect(serials.size).toBe(1000);
  });
});
