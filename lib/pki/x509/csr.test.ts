import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import forge from 'node-forge';
import { afterAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import * as a from '../asn1';
import { CsrError } from '../errors';
import { OID as NAMED } from '../oids';
import { encodeDistinguishedName } from './name';
import { encodeExtension, keyUsage, subjectAltName } from './extensions';
import { spkiOfKey } from './issue';
import { parseCsr } from './csr';
import { pemToDer } from './pem';
import { makeTempDir, openssl } from '../../../test/support/openssl';

const tmp = makeTempDir();
afterAll(() => tmp.remove());

const rsaKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
const sha256Hex = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

// Byte-level builders, so the tests control every string type and encoding.
const b = (n: a.Asn1) => Buffer.from(a.der(n));
const sequence = (...items: Uint8Array[]) => b(a.seq(...items.map(a.raw)));
const setOf = (...items: Uint8Array[]) => b(a.set(...items.map(a.raw)));
const oid = (o: string) => b(a.oid(o));
const nullValue = () => b(a.nullValue());
const smallInteger = (n: number) => b(a.integer(n));
const bitString = (bytes: Uint8Array) => b(a.bitString(bytes));
const printableString = (s: string) => b(a.printableString(s));
const utf8String = (s: string) => b(a.utf8String(s));
const ia5String = (s: string) => b(a.ia5String(s));
const stringTlv = (tag: number, bytes: Buffer) => b({ kind: 'prim', tag, value: bytes });
const OID = {
  ...NAMED,
  md5WithRSAEncryption: '1.2.840.113549.1.1.4',
  sha1WithRSAEncryption: '1.2.840.113549.1.1.5',
  sha256WithRSAEncryption: '1.2.840.113549.1.1.11',
  sha384WithRSAEncryption: '1.2.840.113549.1.1.12',
  sha512WithRSAEncryption: '1.2.840.113549.1.1.13',
  ecdsaWithSHA256: '1.2.840.10045.4.3.2',
};

/** Hand-built CSR so we control version, string types and attribute encodings. */
function buildCsr(opts: {
  key?: KeyObject;
  version?: number;
  subject?: Buffer;
  attributes?: Buffer[];
  digest?: string;
  sigOid?: string;
}): Buffer {
  const key = opts.key ?? rsaKey;
  const info = sequence(
    smallInteger(opts.version ?? 0),
    opts.subject ?? encodeDistinguishedName('CN=device,O=Example'),
    spkiOfKey(key),
    b(a.contextCons(0, (opts.attributes ?? []).map(a.raw))),
  );
  const sigAlg = sequence(oid(opts.sigOid ?? OID.sha256WithRSAEncryption), nullValue());
  return sequence(info, sigAlg, bitString(sign(opts.digest ?? 'sha256', info, key)));
}

const attribute = (type: string, ...values: Buffer[]) => sequence(oid(type), setOf(...values));
const challenge = (value: Buffer) => attribute(OID.challengePassword, value);

function opensslCsr(name: string, args: string[], config?: string): Buffer {
  const cfgArgs = config ? ['-config', tmp.write(`${name}.cnf`, config)] : [];
  openssl(['req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', tmp.path(`${name}.key`),
    '-out', tmp.path(`${name}.csr`), ...cfgArgs, ...args]);
  return pemToDer(tmp.read(`${name}.csr`).toString('utf8'), 'CERTIFICATE REQUEST');
}

describe('parseCsr with openssl-made requests', () => {
  it('reads subject, key, SANs and keyUsage', () => {
    const der = opensslCsr('san', [
      '-subj', '/O=Example/CN=alice@example.com',
      '-addext', 'subjectAltName=DNS:mac.example.com,email:alice@example.com,URI:urn:uuid:1234,IP:10.0.0.1,otherName:1.3.6.1.4.1.311.20.2.3;UTF8:alice@corp',
      '-addext', 'keyUsage=digitalSignature,keyEncipherment',
    ]);
    const csr = parseCsr(der);
    expect(csr.subject).toBe('CN=alice@example.com,O=Example');
    expect(csr.keyType).toBe('RSA');
    expect(csr.keyBits).toBe(2048);
    expect(csr.sans).toEqual([
      { type: 'dns', value: 'mac.example.com' },
      { type: 'email', value: 'alice@example.com' },
      { type: 'uri', value: 'urn:uuid:1234' },
      { type: 'ip', value: '10.0.0.1' },
      { type: 'upn', value: 'alice@corp' },
    ]);
    expect(csr.requestedKeyUsage).toEqual(['digitalSignature', 'keyEncipherment']);
    expect(csr.challengePassword).toBeNull();
    expect(Buffer.from(csr.der)).toEqual(der);
    const spki = Buffer.from(openssl(['req', '-in', tmp.path('san.csr'), '-noout', '-pubkey'])
      .replace(/-----[^-]+-----|\s/g, ''), 'base64');
    expect(Buffer.from(csr.publicKeySpki)).toEqual(spki);
    expect(csr.publicKeySha256).toBe(sha256Hex(spki));
  });

  it('reads challengePassword written by openssl as PrintableString and as UTF8String', () => {
    const config = (mask: string, pw: string) => `[req]\nprompt=no\ndistinguished_name=dn\nattributes=attrs\nstring_mask=${mask}\n` +
      `[dn]\nCN=device\n[attrs]\nchallengePassword=${pw}\n`;
    const printable = opensslCsr('pw-printable', [], config('default', 'S3cret-Pass'));
    expect(openssl(['asn1parse', '-inform', 'DER'], printable)).toMatch(/PRINTABLESTRING\s+:S3cret-Pass/);
    expect(parseCsr(printable).challengePassword).toBe('S3cret-Pass');

    const utf8 = opensslCsr('pw-utf8', ['-utf8'], config('utf8only', 'pässwörd_1'));
    expect(openssl(['asn1parse', '-inform', 'DER'], utf8)).toMatch(/UTF8STRING\s+:p/);
    expect(parseCsr(utf8).challengePassword).toBe('pässwörd_1');
  });

  it('rejects a tampered request', () => {
    const der = Buffer.from(opensslCsr('tamper', ['-subj', '/CN=device-1']));
    const i = der.indexOf(Buffer.from('device-1'));
    der[i + 7] = '2'.charCodeAt(0); // CN=device-2: still well-formed, signature no longer matches
    expect(() => parseCsr(der)).toThrow(expect.objectContaining({ code: 'bad-signature' }));
  });
});

describe('parseCsr with hand-built and forge-built requests', () => {
  it('accepts version 2 (macOS) and rejects version 1', () => {
    expect(parseCsr(buildCsr({ version: 2 })).subject).toBe('CN=device,O=Example');
    expect(() => parseCsr(buildCsr({ version: 1 }))).toThrow(expect.objectContaining({ code: 'unsupported-version' }));
  });

  it.each([
    ['PrintableString', printableString('abc 123')],
    ['UTF8String', utf8String('ünïcode✓')],
    ['IA5String', ia5String('ia5@pw')],
    ['TeletexString', stringTlv(20, Buffer.from('t\xe9l\xe9tex', 'latin1'))],
    ['BMPString', stringTlv(30, Buffer.from('00e4006200630020d83dde00', 'hex'))],
  ])('reads a %s challengePassword', (_name, value) => {
    const expected = { PrintableString: 'abc 123', UTF8String: 'ünïcode✓', IA5String: 'ia5@pw', TeletexString: 'télétex', BMPString: 'äbc 😀' }[_name];
    expect(parseCsr(buildCsr({ attributes: [challenge(value)] })).challengePassword).toBe(expected);
  });

  it('refuses an OCTET STRING challenge and a double challenge', () => {
    expect(() => parseCsr(buildCsr({ attributes: [challenge(stringTlv(4, Buffer.from('x')))] }))).toThrow(
      expect.objectContaining({ code: 'bad-attribute' }),
    );
    const two = [challenge(printableString('a')), challenge(printableString('b'))];
    expect(() => parseCsr(buildCsr({ attributes: two }))).toThrow(/more than one/);
  });

  it('verifies SHA-1, SHA-384 and SHA-512 RSA signatures and refuses MD5', () => {
    expect(parseCsr(buildCsr({ digest: 'sha1', sigOid: OID.sha1WithRSAEncryption })).keyType).toBe('RSA');
    expect(parseCsr(buildCsr({ digest: 'sha384', sigOid: OID.sha384WithRSAEncryption })).keyType).toBe('RSA');
    expect(parseCsr(buildCsr({ digest: 'sha512', sigOid: OID.sha512WithRSAEncryption })).keyType).toBe('RSA');
    expect(() => parseCsr(buildCsr({ digest: 'sha256', sigOid: OID.sha512WithRSAEncryption }))).toThrow(
      expect.objectContaining({ code: 'bad-signature' }),
    );
    expect(() => parseCsr(buildCsr({ digest: 'md5', sigOid: OID.md5WithRSAEncryption }))).toThrow(
      expect.objectContaining({ code: 'unsupported-algorithm' }),
    );
  });

  it('reports EC keys', () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
    const csr = parseCsr(buildCsr({ key: ec, sigOid: OID.ecdsaWithSHA256 }));
    expect(csr).toMatchObject({ keyType: 'EC', keyBits: 256 });
  });

  it('reads the legacy Microsoft extensionRequest OID and keeps the raw subject bytes', () => {
    const subject = sequence(setOf(sequence(oid('2.5.4.3'), printableString('printable-cn'))));
    const exts = b(a.seq(encodeExtension(subjectAltName([{ type: 'dns', value: 'legacy.example' }])), encodeExtension(keyUsage(['digitalSignature']))));
    const csr = parseCsr(buildCsr({ subject, attributes: [attribute(OID.msExtensionRequest, exts)] }));
    expect(csr.sans).toEqual([{ type: 'dns', value: 'legacy.example' }]);
    expect(csr.requestedKeyUsage).toEqual(['digitalSignature']);
    expect(Buffer.from(csr.subjectDer)).toEqual(subject);
    expect(csr.subject).toBe('CN=printable-cn');
  });

  it('parses a forge-made CSR with challengePassword and extensionRequest', () => {
    const keys = forge.pki.rsa.generateKeyPair({ bits: 1024, e: 0x10001 }); // small: speed only, never issued
    const req = forge.pki.createCertificationRequest();
    req.publicKey = keys.publicKey;
    req.setSubject([{ name: 'commonName', value: 'forge-device' }]);
    req.setAttributes([
      { name: 'challengePassword', value: 'forge-secret' },
      { name: 'extensionRequest', extensions: [{ name: 'subjectAltName', altNames: [{ type: 1, value: 'f@example.com' }] }] },
    ]);
    req.sign(keys.privateKey, forge.md.sha256.create());
    const der = Buffer.from(forge.asn1.toDer(forge.pki.certificationRequestToAsn1(req)).getBytes(), 'binary');
    const csr = parseCsr(der);
    expect(csr).toMatchObject({ subject: 'CN=forge-device', challengePassword: 'forge-secret', keyBits: 1024 });
    expect(csr.sans).toEqual([{ type: 'email', value: 'f@example.com' }]);
  });

  it('tolerates a missing attributes field but rejects garbage', () => {
    const info = sequence(smallInteger(0), encodeDistinguishedName('CN=x'), spkiOfKey(rsaKey));
    const der = sequence(info, sequence(oid(OID.sha256WithRSAEncryption), nullValue()), bitString(sign('sha256', info, rsaKey)));
    expect(parseCsr(der).subject).toBe('CN=x');
    expect(() => parseCsr(Buffer.from('not a csr'))).toThrow(CsrError);
    expect(() => parseCsr(Buffer.alloc(0))).toThrow(expect.objectContaining({ code: 'malformed' }));
    const good = buildCsr({});
    expect(() => parseCsr(good.subarray(0, good.length - 3))).toThrow(expect.objectContaining({ code: 'malformed' }));
  });
});
