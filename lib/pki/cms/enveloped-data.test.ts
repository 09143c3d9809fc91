import crypto from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeBer } from '../../../test/support/ber';
import { makeTempDir, openssl } from '../../../test/support/openssl';
import { CONTENT_CIPHERS, cipherByName, type ContentCipherName } from '../algorithms';
import { parseBer, rawOf } from '../asn1';
import { createCaCertificate, derToPem, parseCertificate } from '../x509';
import { buildEnvelopedData, decryptEnvelopedData, envelopedDataTree, parseEnvelopedData } from './enveloped-data';
import { unwrapKeyPkcs1 } from './key-transport';

const ca = createCaCertificate({ subject: 'CN=CMS Test CA' });
const otherCa = createCaCertificate({ subject: 'CN=Someone Else' });
const caRef = parseCertificate(ca.certificateDer);
const me = { certificate: caRef, privateKey: ca.privateKey };
const tmp = makeTempDir('tessera-cms-');
afterAll(() => tmp.remove());

const OPENSSL_CIPHER: Record<ContentCipherName, string> = {
  'AES-128-CBC': '-aes128',
  'AES-192-CBC': '-aes192',
  'AES-256-CBC': '-aes256',
  'DES-EDE3-CBC': '-des3',
  'DES-CBC': '-des',
};

describe('EnvelopedData', () => {
  it.each(CONTENT_CIPHERS.map((c) => c.name))('round-trips %s', (cipher) => {
    const content = crypto.randomBytes(333);
    const der = buildEnvelopedData({ content, recipients: [caRef], cipher });
    const env = parseEnvelopedData(der);
    expect(env.contentEncryptionOid).toBe(cipherByName(cipher).oid);
    const out = decryptEnvelopedData(env, me, { allowLegacy: true });
    expect(out.ok && Buffer.compare(out.plaintext, content)).toBe(0);
  });

  it('refuses single DES without the legacy switch, before touching the key', () => {
    const env = parseEnvelopedData(buildEnvelopedData({ content: Buffer.from('x'), recipients: [caRef], cipher: 'DES-CBC' }));
    const out = decryptEnvelopedData(env, me, { allowLegacy: false });
    expect(out).toMatchObject({ ok: false, code: 'legacy-algorithm' });
  });

  it('picks our RecipientInfo among several and reports when none is ours', () => {
    const other = parseCertificate(otherCa.certificateDer);
    const content = Buffer.from('hello');
    const env = parseEnvelopedData(buildEnvelopedData({ content, recipients: [other, caRef], cipher: 'AES-128-CBC' }));
    expect(env.recipients).toHaveLength(2);
    const out = decryptEnvelopedData(env, me, { allowLegacy: false });
    expect(out.ok && out.plaintext.toString()).toBe('hello');
    const foreign = parseEnvelopedData(buildEnvelopedData({ content, recipients: [other], cipher: 'AES-128-CBC' }));
    expect(decryptEnvelopedData(foreign, me, { allowLegacy: false })).toMatchObject({ ok: false, code: 'no-recipient' });
  });

  it('writes encryptedContent as [0] IMPLICIT primitive and KeyTransRecipientInfo v0', () => {
    const der = buildEnvelopedData({ content: Buffer.from('abc'), recipients: [caRef], cipher: 'AES-128-CBC' });
    const env = parseBer(der).children[1]!.children[0]!;
    const [version, recipients, eci] = env.children;
    expect(der[version!.contentStart]).toBe(0);
    expect(der[recipients!.children[0]!.children[0]!.contentStart]).toBe(0);
    expect(der[eci!.children[2]!.start]).toBe(0x80);
  });

  it('finds our RecipientInfo when the client wrote the issuer Name in BER', () => {
    const env = parseEnvelopedData(encodeBer(envelopedDataTree({ content: Buffer.from('abc'), recipients: [caRef], cipher: 'AES-128-CBC' }), 8));
    // The issuer Name with an indefinite length, as a sloppy encoder might write it.
    const issuer = parseBer(env.recipients[0]!.issuerDer!);
    const indefiniteName = Buffer.concat([Buffer.from([0x30, 0x80]), ...issuer.children.map(rawOf), Buffer.from([0, 0])]);
    const out = decryptEnvelopedData({ ...env, recipients: [{ ...env.recipients[0]!, issuerDer: indefiniteName }] }, me, { allowLegacy: false });
    expect(out.ok && out.plaintext.toString()).toBe('abc');
  });

  it('treats a corrupt key or ciphertext identically (implicit rejection)', () => {
    const der = buildEnvelopedData({ content: Buffer.alloc(100, 1), recipients: [caRef], cipher: 'AES-128-CBC' });
    const env = parseEnvelopedData(der);
    const badKey = { ...env, recipients: env.recipients.map((r) => ({ ...r, encryptedKey: flip(r.encryptedKey, 10) })) };
    const badContent = { ...env, encryptedContent: flip(env.encryptedContent, env.encryptedContent.length - 1) };
    const a = decryptEnvelopedData(badKey, me, { allowLegacy: false });
    const b = decryptEnvelopedData(badContent, me, { allowLegacy: false });
    // Either may survive CBC padding by chance with garbage; both must never throw and never differ in kind.
    for (const r of [a, b]) if (!r.ok) expect(r).toMatchObject({ code: 'decrypt-failed', detail: 'could not decrypt the content' });
  });
});

describe('PKCS#1 v1.5 unwrap', () => {
  const key = otherCa.privateKey;
  const pub = crypto.createPublicKey(key);

  it('returns the key for a valid block', () => {
    const cek = crypto.randomBytes(16);
    const wrapped = crypto.publicEncrypt({ key: pub, padding: crypto.constants.RSA_PKCS1_PADDING }, cek);
    expect(unwrapKeyPkcs1(key, wrapped, 16)).toEqual(cek);
  });

  it('returns a random key of the expected length for a wrong length, bad padding or garbage', () => {
    const cek = crypto.randomBytes(24);
    const wrapped = crypto.publicEncrypt({ key: pub, padding: crypto.constants.RSA_PKCS1_PADDING }, cek);
    const wrongLength = unwrapKeyPkcs1(key, wrapped, 16);
    expect(wrongLength).toHaveLength(16);
    expect(cek.subarray(0, 16).equals(wrongLength)).toBe(false);
    const raw = crypto.publicEncrypt({ key: pub, padding: crypto.constants.RSA_NO_PADDING }, Buffer.alloc(256, 0x11));
    expect(unwrapKeyPkcs1(key, raw, 16)).toHaveLength(16);
    expect(unwrapKeyPkcs1(key, Buffer.alloc(300, 0xff), 16)).toHaveLength(16);
    expect(unwrapKeyPkcs1(key, Buffer.alloc(0), 16)).toHaveLength(16);
    const two = [unwrapKeyPkcs1(key, raw, 16), unwrapKeyPkcs1(key, raw, 16)];
    expect(two[0]!.equals(two[1]!)).toBe(false);
  });
});

describe('interoperability with openssl cms', () => {
  const caPem = tmp.write('ca.pem', derToPem(ca.certificateDer));
  const keyPem = tmp.write('ca.key', ca.privateKey.export({ type: 'pkcs8', format: 'pem' }));

  it.each(CONTENT_CIPHERS.map((c) => c.name))('openssl decrypts our %s envelope', (cipher) => {
    const der = buildEnvelopedData({ content: Buffer.from(`payload ${cipher}`), recipients: [caRef], cipher });
    const inFile = tmp.write(`env-${cipher}.der`, der);
    const legacy = cipher === 'DES-CBC' ? ['-provider', 'legacy', '-provider', 'default'] : [];
    const out = openssl(['cms', '-decrypt', '-inform', 'DER', '-in', inFile, '-recip', caPem, '-inkey', keyPem, ...legacy]);
    expect(out).toBe(`payload ${cipher}`);
  });

  it.each(['AES-128-CBC', 'AES-256-CBC', 'DES-EDE3-CBC', 'DES-CBC'] as ContentCipherName[])(
    'decrypts openssl -stream (BER, indefinite, constructed) %s envelopes',
    (cipher) => {
      const content = crypto.randomBytes(3000);
      const inFile = tmp.write('plain.bin', content);
      const outFile = tmp.path(`openssl-${cipher}.ber`);
      const legacy = cipher === 'DES-CBC' ? ['-provider', 'legacy', '-provider', 'default'] : [];
      openssl(['cms', '-encrypt', '-stream', '-binary', '-outform', 'DER', '-in', inFile, '-out', outFile, OPENSSL_CIPHER[cipher], ...legacy, caPem]);
      const ber = tmp.read(`openssl-${cipher}.ber`);
      expect(parseBer(ber).indefinite).toBe(true);
      const out = decryptEnvelopedData(parseEnvelopedData(ber), me, { allowLegacy: true });
      expect(out.ok && out.plaintext.equals(content)).toBe(true);
    },
  );
});

function flip(bytes: Uint8Array, index: number): Uint8Array {
  const copy = Uint8Array.from(bytes);
  copy[index]! ^= 0x01;
  return copy;
}
