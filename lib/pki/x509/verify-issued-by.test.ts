import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createCaCertificate } from './create-ca';
import { issueCertificate } from './issue-certificate';
import { spkiOfKey } from './key-identifier';
import { sha256Hex } from './fingerprints';
import type { CsrSummary } from '../csr-types';
import { encodeDistinguishedName } from './distinguished-name';
import { verifyIssuedBy } from './verify-issued-by';
import { openssl } from './openssl-test-helpers';
import { pemToDer } from './pem';

const now = new Date('2026-03-01T00:00:00Z');

function fakeCsr(): CsrSummary {
  const spki = spkiOfKey(generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey);
  const subjectDer = encodeDistinguishedName('CN=renewing-device');
  return {
    der: Buffer.alloc(0), subject: 'CN=renewing-device', subjectDer, sans: [], keyType: 'RSA', keyBits: 2048,
    publicKeySpki: spki, publicKeySha256: sha256Hex(spki), challengePassword: null, requestedKeyUsage: [],
  };
}

describe('verifyIssuedBy', () => {
  const ca = createCaCertificate({ subject: 'CN=Tessera CA,O=Example', now });
  const leaf = issueCertificate({ caCertificateDer: ca.certificateDer, caKey: ca.privateKey, csr: fakeCsr(), sans: [], validityDays: 30, emailProtection: false, now });

  it('accepts a certificate the CA issued', () => {
    expect(verifyIssuedBy(leaf.der, ca.certificateDer)).toBe(true);
    expect(verifyIssuedBy(ca.certificateDer, ca.certificateDer)).toBe(true); // self-signed
  });

  it('rejects a same-named CA with another key', () => {
    const impostor = createCaCertificate({ subject: 'CN=Tessera CA,O=Example', now });
    expect(verifyIssuedBy(leaf.der, impostor.certificateDer)).toBe(false);
  });

  it('rejects a tampered certificate', () => {
    const tampered = Buffer.from(leaf.der);
    const i = tampered.indexOf(Buffer.from('renewing-device'));
    tampered[i] = 'R'.charCodeAt(0);
    expect(verifyIssuedBy(tampered, ca.certificateDer)).toBe(false);
  });

  it('rejects a certificate from another issuer and garbage', () => {
    const other = createCaCertificate({ subject: 'CN=Other CA', now });
    const foreign = issueCertificate({ caCertificateDer: other.certificateDer, caKey: other.privateKey, csr: fakeCsr(), sans: [], validityDays: 30, emailProtection: false, now });
    expect(verifyIssuedBy(foreign.der, ca.certificateDer)).toBe(false);
    expect(verifyIssuedBy(Buffer.from('junk'), ca.certificateDer)).toBe(false);
  });

  it('verifies an openssl-made ECDSA chain', () => {
    const caPem = openssl(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', '/dev/null', '-subj', '/CN=EC Root', '-days', '2']);
    expect(verifyIssuedBy(pemToDer(caPem), pemToDer(caPem))).toBe(true);
    expect(verifyIssuedBy(leaf.der, pemToDer(caPem))).toBe(false);
  });
});
