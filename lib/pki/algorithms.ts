/**
 * The one algorithm registry: hashes, signature algorithms (RSA PKCS#1 v1.5, ECDSA), content ciphers and key types,
 * with the AlgorithmIdentifier encodings Tessera writes. Every signature Tessera makes or checks goes through here.
 */
import crypto, { type KeyObject } from 'node:crypto';
import { nullValue, oid, seq, type Asn1 } from './asn1';

export type HashName = 'MD5' | 'SHA-1' | 'SHA-224' | 'SHA-256' | 'SHA-384' | 'SHA-512';

export interface HashSpec {
  name: HashName;
  /** Node's digest name. */
  node: string;
  oid: string;
  /** md5/sha*WithRSAEncryption (RFC 8017 Appendix C). */
  rsaSignatureOid: string;
  /** ecdsa-with-SHA* (RFC 5758 §3.2, RFC 3279 §2.2.3). */
  ecdsaSignatureOid: string | null;
}

export const HASHES: readonly HashSpec[] = [
  { name: 'MD5', node: 'md5', oid: '1.2.840.113549.2.5', rsaSignatureOid: '1.2.840.113549.1.1.4', ecdsaSignatureOid: null },
  { name: 'SHA-1', node: 'sha1', oid: '1.3.14.3.2.26', rsaSignatureOid: '1.2.840.113549.1.1.5', ecdsaSignatureOid: '1.2.840.10045.4.1' },
  { name: 'SHA-224', node: 'sha224', oid: '2.16.840.1.101.3.4.2.4', rsaSignatureOid: '1.2.840.113549.1.1.14', ecdsaSignatureOid: '1.2.840.10045.4.3.1' },
  { name: 'SHA-256', node: 'sha256', oid: '2.16.840.1.101.3.4.2.1', rsaSignatureOid: '1.2.840.113549.1.1.11', ecdsaSignatureOid: '1.2.840.10045.4.3.2' },
  { name: 'SHA-384', node: 'sha384', oid: '2.16.840.1.101.3.4.2.2', rsaSignatureOid: '1.2.840.113549.1.1.12', ecdsaSignatureOid: '1.2.840.10045.4.3.3' },
  { name: 'SHA-512', node: 'sha512', oid: '2.16.840.1.101.3.4.2.3', rsaSignatureOid: '1.2.840.113549.1.1.13', ecdsaSignatureOid: '1.2.840.10045.4.3.4' },
];

export const RSA_ENCRYPTION = '1.2.840.113549.1.1.1';

export const hashByName = (name: HashName): HashSpec => HASHES.find((h) => h.name === name)!;

/** A hash OID or, as old Go pkcs7 and some clients write in a digestAlgorithm field, a signature OID. */
export const hashByOid = (o: string): HashSpec | null =>
  HASHES.find((h) => h.oid === o || h.rsaSignatureOid === o || h.ecdsaSignatureOid === o) ?? null;

export type KeyType = 'RSA' | 'EC' | 'other';

export function keyTypeOf(key: KeyObject): KeyType {
  return key.asymmetricKeyType === 'rsa' ? 'RSA' : key.asymmetricKeyType === 'ec' ? 'EC' : 'other';
}

const CURVE_BITS: Record<string, number> = { prime256v1: 256, secp384r1: 384, secp521r1: 521 };

/** Key type and size: RSA modulus bits, EC curve bits (0 when unknown). */
export function describeKey(key: KeyObject): { keyType: KeyType; keyBits: number; curve: string | null } {
  const d = key.asymmetricKeyDetails ?? {};
  const keyType = keyTypeOf(key);
  if (keyType === 'RSA') return { keyType, keyBits: d.modulusLength ?? 0, curve: null };
  if (keyType === 'EC') return { keyType, keyBits: CURVE_BITS[d.namedCurve ?? ''] ?? 0, curve: d.namedCurve ?? null };
  return { keyType, keyBits: 0, curve: null };
}

/** Names of signature algorithm OIDs as openssl prints them. */
const SIGNATURE_NAMES = new Map<string, string>([
  ...HASHES.map((h): [string, string] => [h.rsaSignatureOid, `${h.node}WithRSAEncryption`]),
  ...HASHES.filter((h) => h.ecdsaSignatureOid).map((h): [string, string] => [h.ecdsaSignatureOid!, `ecdsa-with-${h.name.replace('-', '')}`]),
  [RSA_ENCRYPTION, 'rsaEncryption'],
  ['1.2.840.113549.1.1.10', 'rsassaPss'],
  ['1.3.101.112', 'ED25519'],
]);

export const signatureAlgorithmName = (o: string): string => SIGNATURE_NAMES.get(o) ?? o;

/**
 * The digest a signature algorithm uses with this key, or null when the pair is not one Tessera verifies.
 * rsaEncryption names no digest (a SignerInfo's digestAlgorithm does): pass it as `hash`.
 */
export function signatureDigest(algorithmOid: string, key: KeyObject, hash?: HashSpec | null): HashSpec | null {
  const type = keyTypeOf(key);
  if (type === 'RSA' && algorithmOid === RSA_ENCRYPTION) return hash ?? null;
  return HASHES.find((h) => (type === 'RSA' ? h.rsaSignatureOid : type === 'EC' ? h.ecdsaSignatureOid : null) === algorithmOid) ?? null;
}

/** Verifies RSASSA-PKCS1-v1_5 or ECDSA (DER Ecdsa-Sig-Value) with `hash`; false for a null hash or unusable input. */
export function verifySignature(hash: HashSpec | null, key: KeyObject, data: Uint8Array, signature: Uint8Array): boolean {
  if (!hash) return false;
  try {
    return crypto.verify(hash.node, data, key, signature);
  } catch {
    return false;
  }
}

/** For RSA keys Node signs with RSASSA-PKCS1-v1_5 (RFC 8017 §8.2), for EC keys with DER-encoded ECDSA. */
export function signWith(key: KeyObject, hash: HashName, data: Uint8Array): Buffer {
  const type = keyTypeOf(key);
  if (key.type !== 'private' || type === 'other') throw new TypeError('signing needs an RSA or EC private key');
  return crypto.sign(hashByName(hash).node, data, key);
}

/** A digest AlgorithmIdentifier: parameters absent (RFC 5754 §2, RFC 3370 §2.1), except NULL for MD5 (RFC 3370 §2.2). */
export const digestAlgorithm = (hash: HashSpec): Asn1 => (hash.name === 'MD5' ? seq(oid(hash.oid), nullValue()) : seq(oid(hash.oid)));

/**
 * The signatureAlgorithm of what Tessera signs: sha*WithRSAEncryption with NULL parameters (RFC 4055 §5), or
 * ecdsa-with-SHA* without parameters (RFC 5758 §3.2). `cms` writes rsaEncryption for RSA SignerInfos, the value
 * OpenSSL writes and every SCEP client accepts (RFC 3370 §3.2).
 */
export function signatureAlgorithm(key: KeyObject, hash: HashSpec, form: 'x509' | 'cms' = 'x509'): Asn1 {
  if (keyTypeOf(key) === 'EC' && hash.ecdsaSignatureOid) return seq(oid(hash.ecdsaSignatureOid));
  if (keyTypeOf(key) !== 'RSA') throw new TypeError(`no signature algorithm for a ${key.asymmetricKeyType ?? 'unknown'} key with ${hash.name}`);
  return seq(oid(form === 'cms' ? RSA_ENCRYPTION : hash.rsaSignatureOid), nullValue());
}

export type ContentCipherName = 'AES-128-CBC' | 'AES-192-CBC' | 'AES-256-CBC' | 'DES-EDE3-CBC' | 'DES-CBC';

export interface ContentCipherSpec {
  name: ContentCipherName;
  oid: string;
  keyLength: number;
  ivLength: number;
  /** Single DES: forbidden by RFC 8894 §2.9, accepted only behind the legacy switch. */
  legacy: boolean;
}

export const CONTENT_CIPHERS: readonly ContentCipherSpec[] = [
  { name: 'AES-128-CBC', oid: '2.16.840.1.101.3.4.1.2', keyLength: 16, ivLength: 16, legacy: false },
  { name: 'AES-192-CBC', oid: '2.16.840.1.101.3.4.1.22', keyLength: 24, ivLength: 16, legacy: false },
  { name: 'AES-256-CBC', oid: '2.16.840.1.101.3.4.1.42', keyLength: 32, ivLength: 16, legacy: false },
  { name: 'DES-EDE3-CBC', oid: '1.2.840.113549.3.7', keyLength: 24, ivLength: 8, legacy: false },
  { name: 'DES-CBC', oid: '1.3.14.3.2.7', keyLength: 8, ivLength: 8, legacy: true },
];

export const cipherByName = (name: ContentCipherName): ContentCipherSpec => CONTENT_CIPHERS.find((c) => c.name === name)!;
export const cipherByOid = (o: string): ContentCipherSpec | null => CONTENT_CIPHERS.find((c) => c.oid === o) ?? null;
