/**
 * X.509 v3 extensions (RFC 5280 §4.2): encoders for what Tessera issues, decoders for what it inspects.
 *   Extension ::= SEQUENCE { extnID OBJECT IDENTIFIER, critical BOOLEAN DEFAULT FALSE, extnValue OCTET STRING }
 */
import type { SanEntry } from '../csr-types';
import {
  bitString,
  boolean,
  childrenOf,
  contextPrim,
  der,
  integer,
  isContext,
  isUniversal,
  octetString,
  oid,
  parseBer,
  readBitString,
  readBoolean,
  readOctetString,
  readOid,
  readSmallInteger,
  seq,
  UTag,
  contentOf,
  type Asn1Node,
} from '../asn1';
import { Asn1Error } from '../errors';
import { EKU_NAMES, OID } from '../oids';
import { decodeGeneralNames, encodeGeneralName } from './general-names';

/** RFC 5280 §4.2.1.3 KeyUsage bit names, in bit order. */
export const KEY_USAGE_BITS = [
  'digitalSignature',
  'nonRepudiation',
  'keyEncipherment',
  'dataEncipherment',
  'keyAgreement',
  'keyCertSign',
  'cRLSign',
  'encipherOnly',
  'decipherOnly',
] as const;
export type KeyUsageName = (typeof KEY_USAGE_BITS)[number];

export interface Extension {
  oid: string;
  critical: boolean;
  /** The DER inside extnValue. */
  value: Uint8Array;
}

export const encodeExtension = (ext: Extension) => seq(oid(ext.oid), ...(ext.critical ? [boolean(true)] : []), octetString(ext.value));

/** basicConstraints (RFC 5280 §4.2.1.9). cA FALSE is the DEFAULT, so DER encodes it as an empty SEQUENCE. */
export function basicConstraints(ca: boolean, pathLen?: number): Extension {
  const items = ca ? [boolean(true), ...(pathLen === undefined ? [] : [integer(pathLen)])] : [];
  return { oid: OID.basicConstraints, critical: true, value: der(seq(...items)) };
}

/** keyUsage (RFC 5280 §4.2.1.3), critical. A named BIT STRING: DER drops trailing zero bits (X.690 §11.2.2). */
export function keyUsage(names: readonly KeyUsageName[]): Extension {
  let mask = 0;
  for (const n of names) mask |= 1 << KEY_USAGE_BITS.indexOf(n);
  if (mask === 0) throw new RangeError('keyUsage needs at least one bit');
  const highest = 31 - Math.clz32(mask);
  const bytes = Buffer.alloc(Math.floor(highest / 8) + 1);
  for (let bit = 0; bit <= highest; bit++) if (mask & (1 << bit)) bytes[bit >> 3]! |= 0x80 >> (bit & 7);
  return { oid: OID.keyUsage, critical: true, value: der(bitString(bytes, bytes.length * 8 - 1 - highest)) };
}

/** extKeyUsage (RFC 5280 §4.2.1.12), non-critical so relying parties that don't know a purpose ignore it. */
export const extKeyUsage = (purposeOids: readonly string[]): Extension => ({
  oid: OID.extKeyUsage,
  critical: false,
  value: der(seq(...purposeOids.map(oid))),
});

export const subjectKeyIdentifier = (keyId: Uint8Array): Extension => ({ oid: OID.subjectKeyIdentifier, critical: false, value: der(octetString(keyId)) });

/** authorityKeyIdentifier (RFC 5280 §4.2.1.1): keyIdentifier [0] IMPLICIT only. */
export const authorityKeyIdentifier = (keyId: Uint8Array): Extension => ({
  oid: OID.authorityKeyIdentifier,
  critical: false,
  value: der(seq(contextPrim(0, keyId))),
});

/** subjectAltName (RFC 5280 §4.2.1.6): critical exactly when the subject is empty. */
export const subjectAltName = (sans: readonly SanEntry[], critical = false): Extension => ({
  oid: OID.subjectAltName,
  critical,
  value: der(seq(...sans.map(encodeGeneralName))),
});

/** `Extensions ::= SEQUENCE SIZE (1..MAX) OF Extension`. */
export function readExtensions(n: Asn1Node | undefined): Extension[] {
  return childrenOf(n, 'Extensions').map((e) => {
    const [idNode, second, third] = childrenOf(e, 'Extension');
    const critical = isUniversal(second, UTag.boolean) ? readBoolean(second) : false;
    return { oid: readOid(idNode), critical, value: readOctetString(isUniversal(second, UTag.boolean) ? third : second) };
  });
}

export function decodeKeyUsage(value: Uint8Array): KeyUsageName[] {
  const { unusedBits, bytes } = readBitString(parseBer(value));
  const total = bytes.length * 8 - unusedBits;
  return KEY_USAGE_BITS.filter((_, bit) => bit < total && (bytes[bit >> 3]! & (0x80 >> (bit & 7))) !== 0);
}

/** Names for known purposes, dotted OIDs otherwise. */
export const decodeExtKeyUsage = (value: Uint8Array): string[] =>
  childrenOf(parseBer(value), 'ExtKeyUsageSyntax').map((n) => {
    const o = readOid(n);
    return EKU_NAMES[o] ?? o;
  });

export const decodeSubjectAltName = (value: Uint8Array): SanEntry[] => decodeGeneralNames(parseBer(value));

export function decodeBasicConstraints(value: Uint8Array): { ca: boolean; pathLen: number | null } {
  const items = childrenOf(parseBer(value), 'BasicConstraints');
  const ca = items.find((i) => isUniversal(i, UTag.boolean));
  const pathLen = items.find((i) => isUniversal(i, UTag.integer));
  return { ca: ca ? readBoolean(ca) : false, pathLen: pathLen ? readSmallInteger(pathLen) : null };
}

export const decodeSubjectKeyIdentifier = (value: Uint8Array): Uint8Array => readOctetString(parseBer(value));

/** keyIdentifier [0] of AuthorityKeyIdentifier, or null when only issuer+serial is present. */
export function decodeAuthorityKeyIdentifier(value: Uint8Array): Uint8Array | null {
  const keyId = childrenOf(parseBer(value), 'AuthorityKeyIdentifier').find((i) => isContext(i, 0));
  if (keyId?.constructed) throw new Asn1Error('malformed', 'AuthorityKeyIdentifier keyIdentifier must be primitive');
  return keyId ? contentOf(keyId) : null;
}
