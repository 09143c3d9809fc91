/**
 * The real macOS PKCSReq in test/data/scep (read-only here). openssl unwraps the SignedData and EnvelopedData —
 * lib/scep owns that in production — so this test only exercises parseCsr on the CSR a Mac actually sent.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCsr } from './csr';
import { makeTempDir, openssl } from '../../../test/support/openssl';

const vector = join(__dirname, '..', '..', '..', 'test', 'data', 'scep', 'macos-mdmclient-2016');
const tmp = makeTempDir();
afterAll(() => tmp.remove());

describe('parseCsr on the macOS mdmclient vector', () => {
  it('accepts version 2, verifies the SHA-1 signature and reads the requested key usage', () => {
    openssl(['cms', '-verify', '-noverify', '-inform', 'DER', '-in', join(vector, 'PKCSReq.der'), '-out', tmp.path('env.der')]);
    openssl(['cms', '-decrypt', '-inform', 'DER', '-in', tmp.path('env.der'), '-recip', join(vector, 'ca.pem'),
      '-inkey', join(vector, 'ca.key.pem'), '-out', tmp.path('csr.der')]);
    const csr = parseCsr(tmp.read('csr.der'));
    expect(csr.subject).toBe('CN=com.apple.security.scep.063D7953-1338-4BF0-8F99-913382996224');
    expect(csr).toMatchObject({ keyType: 'RSA', keyBits: 1024, challengePassword: null, sans: [], requestedKeyUsage: ['digitalSignature'] });
    const tampered = Buffer.from(tmp.read('csr.der'));
    tampered[tampered.indexOf(Buffer.from('063D7953'))]! ^= 1;
    expect(() => parseCsr(tampered)).toThrow(expect.objectContaining({ code: 'bad-signature' }));
  });
});
