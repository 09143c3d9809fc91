/**
 * Object identifiers and algorithm tables for CMS (RFC 5652), as far as SCEP (RFC 8894 §2.9, §3.5.2) needs them.
 */

export const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  envelopedData: '1.2.840.113549.1.7.3',
  // RFC 5652 §11
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  // RFC 8017 Appendix C
  rsaEncryption: '1.2.840.113549.1.1.1',
  rsaesOaep: '1.2.840.113549.1.1.7',
  rsassaPss: '1.2.840.113549.1.1.10',
} as const;

/** Hash algorithms by the names Tessera uses in logs ("SHA-256") and Node's names ("sha256"). */
export type HashName = 'MD5' | 'SHA-1' | 'SHA-224' | 'SHA-256' | 'SHA-384' | 'SHA-512';

export interface HashSpec {
  name: HashName;
  node: string;
  oid: string;
  /** sha*WithRSAEncryption / md5WithRSAEncryption, which some clients put in digestAlgorithm. */
  rsaSignatureOid: string;
}

export const HASHES: readonly HashSpec[] = [
  { name: 'MD5', node: 'md5', oid: '1.2.840.113549.2.5', rsaSignatureOid: '1.2.840.113549.1.1.4' },
  { name: 'SHA-1', node: 'sha1', oid: '1.3.14.3.2.26', rsaSignatureOid: '1.2.840.113549.1.1.5' },
  { name: 'SHA-224', node: 'sha224', oid: '2.16.840.1.101.3.4.2.4', rsaSignatureOid: '1.2.840.113549.1.1.14' },
  { name: 'SHA-256', node: 'sha256', oid: '2.16.840.1.101.3.4.2.1', rsaSignatureOid: '1.2.840.113549.1.1.11' },
  { name: 'SHA-384', node: 'sha384', oid: '2.16.840.1.101.3.4.2.2', rsaSignatureOid: '1.2.840.113549.1.1.12' },
  { name: 'SHA-512', node: 'sha512', oid: '2.16.840.1.101.3.4.2.3', rsaSignatureOid: '1.2.840.113549.1.1.13' },
];

export function hashByName(name: HashName): HashSpec {
  const spec = HASHES.find((h) => h.name === name);
  if (!spec) throw new Error(`unknown hash ${name}`);
  return spec;
}

/** Accepts a hash OID or, as Go pkcs7 and some clients write, an RSA signature OID in a digestAlgorithm field. */
export function hashByOid(oid: string): HashSpec | null {
  return HASHES.find((h) => h.oid === oid || h.rsaSignatureOid === oid) ?? null;
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

export function cipherByName(name: ContentCipherName): ContentCipherSpec {
  const spec = CONTENT_CIPHERS.find((c) => c.name === name);
  if (!spec) throw new Error(`unknown cipher ${name}`);
  return spec;
}

export function cipherByOid(oid: string): ContentCipherSpec | null {
  return CONTENT_CIPHERS.find((c) => c.oid === oid) ?? null;
}
