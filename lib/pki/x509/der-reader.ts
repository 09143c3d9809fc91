/**
 * A minimal DER reader (ITU-T X.690 §8, §10) that keeps the exact bytes of every element.
 *
 * Why not forge.asn1.fromDer: signatures cover the bytes *as received* (the CSR's CertificationRequestInfo, a
 * certificate's TBSCertificate) and the issued certificate must keep the CSR subject byte-for-byte. forge re-encodes
 * on toDer, which is not guaranteed to reproduce the input. Here every node is a slice of the input buffer.
 * Only definite lengths are accepted: certificates and PKCS#10 requests are DER (RFC 5280 §4.1, RFC 2986 §4).
 */

import { oidContentToText } from '../oid-text';

export const TagClass = { universal: 0, application: 1, context: 2, private: 3 } as const;

/** Universal tag numbers used in X.509 (X.680 §8.4). */
export const Tag = {
  boolean: 1,
  integer: 2,
  bitString: 3,
  octetString: 4,
  null: 5,
  oid: 6,
  utf8String: 12,
  sequence: 16,
  set: 17,
  printableString: 19,
  teletexString: 20,
  ia5String: 22,
  utcTime: 23,
  generalizedTime: 24,
  universalString: 28,
  bmpString: 30,
} as const;

export class DerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DerError';
  }
}

export interface DerNode {
  tagClass: number;
  constructed: boolean;
  tagNumber: number;
  /** The whole TLV, a view into the input. */
  raw: Buffer;
  /** The value octets only. */
  content: Buffer;
}

/** Reads one element at `offset`; returns it and the offset just past it. */
function readAt(buf: Buffer, offset: number): { node: DerNode; end: number } {
  if (offset + 2 > buf.length) throw new DerError('truncated element header');
  const first = buf[offset];
  let pos = offset + 1;
  let tagNumber = first & 0x1f;
  if (tagNumber === 0x1f) {
    // High tag number form (X.690 §8.1.2.4); not used by X.509 but cheap to support.
    tagNumber = 0;
    for (;;) {
      if (pos >= buf.length) throw new DerError('truncated tag');
      const b = buf[pos++];
      tagNumber = tagNumber * 128 + (b & 0x7f);
      if ((b & 0x80) === 0) break;
      if (tagNumber > 0xffffff) throw new DerError('tag number too large');
    }
  }
  if (pos >= buf.length) throw new DerError('truncated length');
  const lenByte = buf[pos++];
  let length: number;
  if (lenByte < 0x80) {
    length = lenByte;
  } else if (lenByte === 0x80) {
    throw new DerError('indefinite length is not DER');
  } else {
    const n = lenByte & 0x7f;
    if (n > 4) throw new DerError('length too large');
    if (pos + n > buf.length) throw new DerError('truncated length');
    length = 0;
    for (let i = 0; i < n; i++) length = length * 256 + buf[pos++];
  }
  const end = pos + length;
  if (end > buf.length) throw new DerError('element longer than its container');
  return {
    node: {
      tagClass: first >> 6,
      constructed: (first & 0x20) !== 0,
      tagNumber,
      raw: buf.subarray(offset, end),
      content: buf.subarray(pos, end),
    },
    end,
  };
}

/** Parses exactly one element that must fill `input` completely. */
export function readDer(input: Uint8Array): DerNode {
  const buf = Buffer.isBuffer(input) ? input : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  const { node, end } = readAt(buf, 0);
  if (end !== buf.length) throw new DerError('trailing bytes after element');
  return node;
}

/** Child elements of a constructed node (SEQUENCE, SET, explicit tags). */
export function childrenOf(node: DerNode): DerNode[] {
  if (!node.constructed) throw new DerError('expected a constructed element');
  const out: DerNode[] = [];
  let pos = 0;
  while (pos < node.content.length) {
    const { node: child, end } = readAt(node.content, pos);
    out.push(child);
    pos = end;
  }
  return out;
}

export function isUniversal(node: DerNode, tagNumber: number): boolean {
  return node.tagClass === TagClass.universal && node.tagNumber === tagNumber;
}

export function isContext(node: DerNode, tagNumber: number): boolean {
  return node.tagClass === TagClass.context && node.tagNumber === tagNumber;
}

export function expectUniversal(node: DerNode | undefined, tagNumber: number, what: string): DerNode {
  if (!node || !isUniversal(node, tagNumber)) throw new DerError(`expected ${what}`);
  return node;
}

export function sequenceChildren(node: DerNode | undefined, what: string): DerNode[] {
  return childrenOf(expectUniversal(node, Tag.sequence, `${what} (SEQUENCE)`));
}

/** OBJECT IDENTIFIER → dotted text (X.690 §8.19). */
export function readOid(node: DerNode | undefined): string {
  const n = expectUniversal(node, Tag.oid, 'OBJECT IDENTIFIER');
  const c = n.content;
  if (c.length === 0) throw new DerError('empty OBJECT IDENTIFIER');
  const text = oidContentToText(c);
  if (text === null) throw new DerError('truncated OBJECT IDENTIFIER');
  return text;
}

/** INTEGER content bytes, unchanged (two's complement, minimal). */
export function readIntegerBytes(node: DerNode | undefined): Buffer {
  const n = expectUniversal(node, Tag.integer, 'INTEGER');
  if (n.content.length === 0) throw new DerError('empty INTEGER');
  return n.content;
}

/** Small non-negative INTEGER (version fields, pathLen). */
export function readSmallInteger(node: DerNode | undefined): number {
  const bytes = readIntegerBytes(node);
  if (bytes.length > 4 || (bytes[0] & 0x80) !== 0) throw new DerError('INTEGER out of range');
  return bytes.reduce((acc, b) => acc * 256 + b, 0);
}

export function readBoolean(node: DerNode | undefined): boolean {
  const n = expectUniversal(node, Tag.boolean, 'BOOLEAN');
  if (n.content.length !== 1) throw new DerError('bad BOOLEAN');
  return n.content[0] !== 0;
}

/** BIT STRING → { unusedBits, bytes } (X.690 §8.6). */
export function readBitString(node: DerNode | undefined): { unusedBits: number; bytes: Buffer } {
  const n = expectUniversal(node, Tag.bitString, 'BIT STRING');
  if (n.content.length === 0 || n.content[0] > 7) throw new DerError('bad BIT STRING');
  return { unusedBits: n.content[0], bytes: n.content.subarray(1) };
}

export function readOctetString(node: DerNode | undefined): Buffer {
  return expectUniversal(node, Tag.octetString, 'OCTET STRING').content;
}

/** UTCTime / GeneralizedTime in the RFC 5280 §4.1.2.5 profile (Zulu, seconds present). */
export function readTime(node: DerNode | undefined): Date {
  if (!node || node.tagClass !== TagClass.universal) throw new DerError('expected a time');
  const text = node.content.toString('latin1');
  let m: RegExpMatchArray | null;
  let year: number;
  if (node.tagNumber === Tag.utcTime) {
    m = /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?Z$/.exec(text);
    if (!m) throw new DerError('bad UTCTime');
    const yy = Number(m[1]);
    year = yy >= 50 ? 1900 + yy : 2000 + yy; // RFC 5280 §4.1.2.5.1
  } else if (node.tagNumber === Tag.generalizedTime) {
    m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:\.\d+)?Z$/.exec(text);
    if (!m) throw new DerError('bad GeneralizedTime');
    year = Number(m[1]);
  } else {
    throw new DerError('expected UTCTime or GeneralizedTime');
  }
  return new Date(Date.UTC(year, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? '0')));
}

/**
 * Any ASN.1 character string as a JS string. BMPString is UTF-16BE and UniversalString UTF-32BE (X.690 §8.23);
 * TeletexString is decoded as Latin-1, which is what every real-world encoder means by it.
 */
export function readString(node: DerNode | undefined): string {
  if (!node || node.tagClass !== TagClass.universal) throw new DerError('expected a string');
  const c = node.content;
  switch (node.tagNumber) {
    case Tag.utf8String:
      return c.toString('utf8');
    case Tag.printableString:
    case Tag.ia5String:
    case Tag.teletexString:
    case 26: // VisibleString
    case 27: // GeneralString
    case 18: // NumericString
      return c.toString('latin1');
    case Tag.bmpString: {
      if (c.length % 2 !== 0) throw new DerError('bad BMPString');
      const swapped = Buffer.from(c);
      swapped.swap16();
      return swapped.toString('utf16le');
    }
    case Tag.universalString: {
      if (c.length % 4 !== 0) throw new DerError('bad UniversalString');
      let s = '';
      for (let i = 0; i < c.length; i += 4) s += String.fromCodePoint(c.readUInt32BE(i));
      return s;
    }
    default:
      throw new DerError(`unsupported string type ${node.tagNumber}`);
  }
}
