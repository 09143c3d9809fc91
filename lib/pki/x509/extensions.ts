/**
 * X.509 v3 extensions (RFC 5280 §4.2): DER encoders for what Tessera issues and decoders for what it inspects.
 *   Extension ::= SEQUENCE { extnID OBJECT IDENTIFIER, critical BOOLEAN DEFAULT FALSE, extnValue OCTET STRING }
 */
import type { SanEntry } from '../csr-types';
import {
  DerError,
  isContext,
  isUniversal,
  readBitString,
  readBoolean,
  readDer,
  readOctetString,
  readOid,
  readSmallInteger,
  sequenceChildren,
  Tag,
  type DerNode,
} from './der-reader';
import { bitString, boolean, implicitPrimitive, octetString, oid, sequence, smallInteger } from './der-writer';
import { decodeGeneralNames, encodeGeneralName } from './general-names';
import { EKU_NAMES, OID } from './oids';

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
  value: Buffer;
}

export function encodeExtension(ext: Extension): Buffer {
  return sequence(oid(ext.oid), ...(ext.critical ? [boolean(true)] : []), octetString(ext.value));
}

/** basicConstraints (§4.2.1.9). cA FALSE is the DEFAULT, so DER encodes it as an empty SEQUENCE. */
export function basicConstraints(ca: boolean, pathLen?: number): Extension {
  const items = ca ? [boolean(true), ...(pathLen === undefined ? [] : [smallInteger(pathLen)])] : [];
  return { oid: OID.basicConstraints, critical: true, value: sequence(...items) };
}

/** keyUsage (§4.2.1.3), always critical here. Named BIT STRING: DER drops trailing zero bits (X.690 §11.2.2). */
export function keyUsage(names: KeyUsageName[]): Extension {
  let mask = 0;
  for (const n of names) mask |= 1 << KEY_USAGE_BITS.indexOf(n);
  if (mask === 0) throw new RangeError('keyUsage needs at least one bit');
  const highest = 31 - Math.clz32(mask);
  const byteCount = Math.floor(highest / 8) + 1;
  const bytes = Buffer.alloc(byteCount);
  for (let bit = 0; bit <= highest; bit++) if (mask & (1 << bit)) bytes[bit >> 3] |= 0x80 >> (bit & 7);
  const unused = byteCount * 8 - 1 - highest;
  return { oid: OID.keyUsage, critical: true, value: bitString(bytes, unused) };
}

/** extKeyUsage (§4.2.1.12), non-critical so relying parties that don't know a purpose ignore it. */
export function extKeyUsage(purposeOids: string[]): Extension {
  return { oid: OID.extKeyUsage, critical: false, value: sequence(...purposeOids.map(oid)) };
}

export function subjectKeyIdentifier(keyId: Uint8Array): Extension {
  return { oid: OID.subjectKeyIdentifier, critical: false, value: octetString(keyId) };
}

/** authorityKeyIdentifier (§4.2.1.1): keyIdentifier [0] IMPLICIT only. */
export function authorityKeyIdentifier(keyId: Uint8Array): Extension {
  return { oid: OID.authorityKeyIdentifier, critical: false, value: sequence(implicitPrimitive(0, keyId)) };
}

/** subjectAltName (§4.2.1.6): critical only when the subject is empty, which Tessera never issues. */
export function subjectAltName(sans: SanEntry[], critical = false): Extension {
  return { oid: OID.subjectAltName, critical, value: sequence(...sans.map(encodeGeneralName)) };
}

/** Reads `Extensions ::= SEQUENCE SIZE (1..MAX) OF Extension`. */
export function readExtensions(node: DerNode): Extension[] {
  return sequenceChildren(node, 'Extensions').map((extNode) => {
    const parts = sequenceChildren(extNode, 'Extension');
    const extOid = readOid(parts[0]);
    let critical = false;
    let valueNode = parts[1];
    if (valueNode && isUniversal(valueNode, Tag.boolean)) {
      critical = readBoolean(valueNode);
      valueNode = parts[2];
    }
    return { oid: extOid, critical, value: readOctetString(valueNode) };
  });
}

export function decodeKeyUsage(value: Uint8Array): KeyUsageName[] {
  const { unusedBits, bytes } = readBitString(readDer(value));
  const totalBits = bytes.length * 8 - unusedBits;
  return KEY_USAGE_BITS.filter((_, bit) => bit < totalBits && (bytes[bit >> 3] & (0x80 >> (bit & 7))) !== 0);
}

/** Names for known purposes, dotted OIDs otherwise. */
export function decodeExtKeyUsage(value: Uint8Array): string[] {
  return sequenceChildren(readDer(value), 'ExtKeyUsageSyntax').map((n) => {
    const o = readOid(n);
    return EKU_NAMES[o] ?? o;
  });
}

export function decodeSubjectAltName(value: Uint8Array): SanEntry[] {
  return decodeGeneralNames(readDer(value));
}

export function decodeBasicConstraints(value: Uint8Array): { ca: boolean; pathLen: number | null } {
  const items = sequenceChildren(readDer(value), 'BasicConstraints');
  let ca = false;
  let pathLen: number | null = null;
  for (const item of items) {
    if (isUniversal(item, Tag.boolean)) ca = readBoolean(item);
    else if (isUniversal(item, Tag.integer)) pathLen = readSmallInteger(item);
  }
  return { ca, pathLen };
}

export function decodeSubjectKeyIdentifier(value: Uint8Array): Buffer {
  return readOctetString(readDer(value));
}

/** keyIdentifier [0] of AuthorityKeyIdentifier, or null when only issuer+serial is present. */
export function decodeAuthorityKeyIdentifier(value: Uint8Array): Buffer | null {
  const items = sequenceChildren(readDer(value), 'AuthorityKeyIdentifier');
  const keyId = items.find((i) => isContext(i, 0));
  if (!keyId) return null;
  if (keyId.constructed) throw new DerError('AuthorityKeyIdentifier keyIdentifier must be primitive');
  return keyId.content;
}
