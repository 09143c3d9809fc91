import { afterAll, describe, expect, it } from 'vitest';
import { parseCertificate } from './certificate';
import { createCaCertificate } from './create-ca';
import { importIdentity, ImportIdentityError } from './import-identity';
import { issueProfileSigner } from './profile-signer';
import { derToPem, pemToDer } from './pem';
import { makeTempDir, openssl, opensslStatus } from '../../../test/support/openssl';

const tmp = makeTempDir();
afterAll(() => tmp.remove());
const now = new Date();

// root → intermediate (our CA code) → leaf (profile signer), all exported through openssl.
const root = createCaCertificate({ subject: 'CN=Import Root', now });
const leaf = issueProfileSigner({ ca: { certificate: parseCertificate(root.certificateDer), privateKey: root.privateKey }, now, subject: 'CN=Imported Leaf' });
const leafPem = derToPem(leaf.certificateDer);
const rootPem = derToPem(root.certificateDer);
const pkcs1Pem = leaf.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
const pkcs8Pem = leaf.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const encryptedPkcs8 = leaf.privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'pw' }).toString();
tmp.write('leaf.pem', leafPem);
tmp.write('root.pem', rootPem);
tmp.write('leaf.key', pkcs8Pem);

function expectLeaf(id: ReturnType<typeof importIdentity>) {
  expect(id.certificateDer).toEqual(leaf.certificateDer);
  expect(id.chainDer).toEqual([root.certificateDer]);
  expect(id.privateKey.type).toBe('private');
  expect(id.privateKey.asymmetricKeyType).toBe('rsa');
}

describe('importIdentity from PEM', () => {
  it('reads PKCS#1, PKCS#8 and a chain given in any order', () => {
    expectLeaf(importIdentity({ certPem: rootPem + leafPem, keyPem: pkcs1Pem }));
    expectLeaf(importIdentity({ certPem: leafPem + rootPem, keyPem: pkcs8Pem }));
  });

  it('reads a key in the same file as the certificates', () => {
    expectLeaf(importIdentity({ certPem: `${pkcs8Pem}${leafPem}${rootPem}` }));
  });

  it('decrypts encrypted PKCS#8 and legacy encrypted PKCS#1 keys', () => {
    expectLeaf(importIdentity({ certPem: leafPem + rootPem, keyPem: encryptedPkcs8, password: 'pw' }));
    const legacy = openssl(['rsa', '-in', tmp.path('leaf.key'), '-aes256', '-traditional', '-passout', 'pass:pw2']);
    expect(legacy).toContain('Proc-Type: 4,ENCRYPTED');
    expectLeaf(importIdentity({ certPem: leafPem + rootPem, keyPem: legacy, password: 'pw2' }));
  });

  it('explains a missing or wrong password', () => {
    expect(() => importIdentity({ certPem: leafPem, keyPem: encryptedPkcs8 })).toThrow(expect.objectContaining({ code: 'bad-password' }));
    expect(() => importIdentity({ certPem: leafPem, keyPem: encryptedPkcs8, password: 'nope' })).toThrow(expect.objectContaining({ code: 'bad-password' }));
  });

  it('refuses a key that does not belong to the certificate', () => {
    const stranger = createCaCertificate({ subject: 'CN=Stranger', now });
    const strangerKey = stranger.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(() => importIdentity({ certPem: leafPem, keyPem: strangerKey })).toThrow(expect.objectContaining({ code: 'key-mismatch' }));
  });

  it('refuses incomplete input', () => {
    expect(() => importIdentity({ certPem: leafPem })).toThrow(expect.objectContaining({ code: 'no-key' }));
    expect(() => importIdentity({ keyPem: pkcs8Pem })).toThrow(expect.objectContaining({ code: 'no-certificate' }));
    expect(() => importIdentity({ certPem: leafPem, pkcs12: Buffer.alloc(3) })).toThrow(ImportIdentityError);
  });
});

describe('importIdentity from PKCS#12', () => {
  const exportP12 = (name: string, extra: string[]) => {
    openssl(['pkcs12', '-export', '-in', tmp.path('leaf.pem'), '-inkey', tmp.path('leaf.key'), '-certfile', tmp.path('root.pem'),
      '-passout', 'pass:secret', '-out', tmp.path(name), ...extra]);
    return tmp.read(name);
  };

  it('reads an AES-256 / SHA-256 MAC bundle made by openssl 3', () => {
    const p12 = exportP12('modern.p12', ['-certpbe', 'AES-256-CBC', '-keypbe', 'AES-256-CBC', '-macalg', 'sha256']);
    expectLeaf(importIdentity({ pkcs12: p12, password: 'secret' }));
  });

  it('reads a 3DES / SHA-1 bundle (what older macOS Keychain exports)', () => {
    const p12 = exportP12('3des.p12', ['-certpbe', 'PBE-SHA1-3DES', '-keypbe', 'PBE-SHA1-3DES', '-macalg', 'sha1']);
    expectLeaf(importIdentity({ pkcs12: p12, password: 'secret' }));
  });

  it('reads a -legacy (RC2-40) bundle when this openssl can write one', () => {
    const probe = opensslStatus(['pkcs12', '-export', '-legacy', '-in', tmp.path('leaf.pem'), '-inkey', tmp.path('leaf.key'),
      '-passout', 'pass:secret', '-out', tmp.path('legacy.p12')]);
    if (!probe.ok) {
      expect(probe.output).toMatch(/legacy|unsupported|provider/i); // no legacy provider installed: nothing to test
      return;
    }
    const id = importIdentity({ pkcs12: tmp.read('legacy.p12'), password: 'secret' });
    expect(id.certificateDer).toEqual(leaf.certificateDer);
  });

  it('explains a wrong password and garbage', () => {
    const p12 = exportP12('pw.p12', []);
    expect(() => importIdentity({ pkcs12: p12, password: 'wrong' })).toThrow(expect.objectContaining({ code: 'bad-password' }));
    expect(() => importIdentity({ pkcs12: Buffer.from('garbage'), password: 'x' })).toThrow(expect.objectContaining({ code: 'unreadable' }));
  });

  it('keeps the certificate bytes identical to what openssl put in', () => {
    const p12 = exportP12('bytes.p12', []);
    const out = openssl(['pkcs12', '-in', tmp.path('bytes.p12'), '-passin', 'pass:secret', '-nokeys', '-clcerts']);
    expect(importIdentity({ pkcs12: p12, password: 'secret' }).certificateDer).toEqual(pemToDer(out));
  });
});
