/**
 * FAILURE and PENDING CertReps that OpenSSL-based clients can verify: certmonger's scep-submit uses OpenSSL's PKCS#7
 * verification, which refuses a SignedData without content ("PKCS7 routines::no content"). Both `openssl smime`
 * (the PKCS#7 code path) and `openssl cms` must verify the reply, with an empty content.
 */
import crypto from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir, openssl, opensslStatus } from '../../test/support/openssl';
import { sharedTestCa } from '../../test/support/scep';
import { derToPem, parseCertificate } from '../pki/x509';
import { buildCertRep, type CertRepStatus } from './build-cert-rep';

const tmp = makeTempDir('tessera-certrep-');
afterAll(() => tmp.remove());
const ca = sharedTestCa();
const caPem = tmp.write('ca.pem', derToPem(ca.certificateDer));

const reply = (status: CertRepStatus) =>
  buildCertRep({
    signer: { certificate: parseCertificate(ca.certificateDer), privateKey: ca.privateKey },
    transactionIdBytes: Buffer.from('48656C6C6F'),
    recipientNonce: crypto.randomBytes(16),
    hash: 'SHA-256',
    signingTime: new Date(),
    status,
  });

describe.each([
  ['FAILURE', { pkiStatus: 'FAILURE', failInfo: 'badRequest', failInfoText: 'challenge rejected' }],
  ['PENDING', { pkiStatus: 'PENDING' }],
] as const)('a %s CertRep', (name, status) => {
  const file = tmp.write(`${name}.der`, reply(status));

  it('verifies with openssl smime (PKCS#7, as certmonger does) and carries empty content', () => {
    const out = opensslStatus(['smime', '-verify', '-inform', 'DER', '-in', file, '-CAfile', caPem, '-purpose', 'any', '-out', tmp.path(`${name}.content`)]);
    expect(out.ok, out.output).toBe(true);
    expect(tmp.read(`${name}.content`)).toHaveLength(0);
    expect(openssl(['smime', '-pk7out', '-inform', 'DER', '-in', file])).toContain('-----BEGIN PKCS7-----');
  });

  it('verifies with openssl cms', () => {
    const out = opensslStatus(['cms', '-verify', '-inform', 'DER', '-in', file, '-CAfile', caPem, '-purpose', 'any', '-out', tmp.path(`${name}.cms`)]);
    expect(out.ok, out.output).toBe(true);
  });

  it('fails verification when the signature is broken (the check can fail)', () => {
    const broken = Buffer.from(reply(status));
    broken[broken.length - 3]! ^= 0x01; // inside the signature, the last element
    const out = opensslStatus(['smime', '-verify', '-inform', 'DER', '-in', tmp.write(`${name}-broken.der`, broken), '-CAfile', caPem, '-purpose', 'any']);
    expect(out.ok).toBe(false);
  });
});
