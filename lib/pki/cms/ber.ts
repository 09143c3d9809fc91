/**
 * A BER reader (ITU-T X.690 §8) that records where every element sits in the input.
 *
 * CMS from real SCEP clients is BER, not DER: Apple sends indefinite lengths and constructed OCTET STRINGs
 * (RFC 8894 §4.3 shows `MIAGCSqGSIb3DQEHA6CA…`). Signatures cover bytes as received, so every node keeps its
 * offsets into the input and nothing is re-encoded unless a caller asks for the DER form (`toDer`).
 */

import { oidContentToText } from '../oid-text';

export class BerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BerError';
  }
}

export interface BerNode {
  /** 0 universal, 1 application, 2 context-specific, 3 private. */
  cls: number;
  constructed: boolean;
  tagNumber: number;
  /** Offset of the identifier octet. */
  start: number;
  contentStart: number;
  /** End of the content octets (before the end-of-contents octets of an indefinite length). */
  contentEnd: number;
  /** Offset just past the whole element. */
  end: number;
  indefinite: boolean;
  children: BerNode[];
}

const MAX_DEPTH = 48;

/** Universal tag numbers used by CMS and SCEP (X.680 §8.4). */
export const UTag = {
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
  t61String: 20,
  ia5String: 22,
  utcTime: 23,
  generalizedTime: 24,
  bmpString: 30,
} as const;

function readNode(buf: Uint8Array, offset: number, limit: number, depth: number): BerNode {
  if (depth > MAX_DEPTH) throw new BerError('nesting too deep');
  if (offset + 2 > limit) throw new BerError('truncated element header');
  const first = buf[offset];
  let pos = offset + 1;
  let tagNumber = first & 0x1f;
  if (tagNumber === 0x1f) {
    tagNumber = 0;
    for (let i = 0; ; i++) {
      if (pos >= limit || i > 3) throw new BerError('bad high tag number');
      const b = buf[pos++];
      tagNumber = tagNumber * 128 + (b & 0x7f);
      if ((b & 0x80) === 0) break;
    }
  }
  if (pos >= limit) throw new BerError('truncated length');
  const constructed = (first & 0x20) !== 0;
  const lenByte = buf[pos++];
  const node: BerNode = {
    cls: first >> 6,
    constructed,
    tagNumber,
    start: offset,
    contentStart: pos,
    contentEnd: pos,
    end: pos,
    indefinite: false,
    children: [],
  };
  if (lenByte === 0x80) {
    // Indefinite form (X.690 §8.1.3.6): constructed only, terminated by 00 00.
    if (!constructed) throw new BerError('indefinite length on a primitive element');
    node.indefinite = true;
    let p = pos;
    for (;;) {
      if (p + 2 > limit) throw new BerError('missing end-of-contents');
      if (buf[p] === 0 && buf[p + 1] === 0) break;
      const child = readNode(buf, p, limit, depth + 1);
      node.children.push(child);
      p = child.end;
    }
    node.contentEnd = p;
    node.end = p + 2;
    return node;
  }
  let length = lenByte;
  if (lenByte & 0x80) {
    const n = lenByte & 0x7f;
    if (n > 4 || n === 0x7f) throw new BerError('length too large');
    length = 0;
    for (let i = 0; i < n; i++) {
      if (pos >= limit) throw new BerError('truncated length');
      length = length * 256 + buf[pos++];
    }
  }
  node.contentStart = pos;
  node.contentEnd = pos + length;
  node.end = pos + length;
  if (node.end > limit) throw new BerError('element longer than the available data');
  if (constructed) {
    let p = pos;
    while (p < node.contentEnd) {
      const child = readNode(buf, p, node.contentEnd, depth + 1);
      node.children.push(child);
      p = child.end;
    }
  }
  return node;
}

/** Parses exactly one BER element filling the whole input. */
export function parseBer(buf: Uint8Array): BerNode {
  const node = readNode(buf, 0, buf.length, 0);
  if (node.end !== buf.length) throw new BerError('trailing data after the element');
  return node;
}

export function isUniversal(node: BerNode | undefined, tagNumber: number): node is BerNode {
  return node !== undefined && node.cls === 0 && node.tagNumber === tagNumber;
}

export function isContext(node: BerNode | undefined, tagNumber: number): node is BerNode {
  return node !== undefined && node.cls === 2 && node.tagNumber === tagNumber;
}

export function expectUniversal(node: BerNode | undefined, tagNumber: number, what: string): BerNode {
  if (!isUniversal(node, tagNumber)) throw new BerError(`expected ${what}`);
  return node;
}

export function expectSequence(node: BerNode | undefined, what: string): BerNode[] {
  const n = expectUniversal(node, UTag.sequence, what);
  if (!n.constructed) throw new BerError(`expected ${what}`);
  return n.children;
}

/** The whole element as it appeared in the input. */
export function rawOf(buf: Uint8Array, node: BerNode): Uint8Array {
  return buf.subarray(node.start, node.end);
}

/**
 * The value of a string-like element. A constructed string (X.690 §8.7.3, §8.23.6) is the concatenation of its
 * segments, which may themselves be constructed.
 */
export function valueOf(buf: Uint8Array, node: BerNode): Uint8Array {
  if (!node.constructed) return buf.subarray(node.contentStart, node.contentEnd);
  const parts: Uint8Array[] = [];
  const walk = (n: BerNode): void => {
    if (!n.constructed) parts.push(buf.subarray(n.contentStart, n.contentEnd));
    else n.children.forEach(walk);
  };
  node.children.forEach(walk);
  return Buffer.concat(parts);
}

export function readOid(buf: Uint8Array, node: BerNode | undefined): string {
  const n = expectUniversal(node, UTag.oid, 'OBJECT IDENTIFIER');
  const bytes = buf.subarray(n.contentStart, n.contentEnd);
  if (n.constructed || bytes.length === 0 || bytes.length > 64) throw new BerError('bad OBJECT IDENTIFIER');
  const text = oidContentToText(bytes);
  if (text === null) throw new BerError('bad OBJECT IDENTIFIER');
  return text;
}

/** INTEGER content octets (two's complement, as encoded). */
export function readIntegerBytes(buf: Uint8Array, node: BerNode | undefined): Uint8Array {
  const n = expectUniversal(node, UTag.integer, 'INTEGER');
  if (n.constructed || n.contentEnd === n.contentStart) throw new BerError('bad INTEGER');
  return buf.subarray(n.contentStart, n.contentEnd);
}

export function readSmallInteger(buf: Uint8Array, node: BerNode | undefined): number {
  const bytes = readIntegerBytes(buf, node);
  if (bytes.length > 4 || bytes[0] & 0x80) throw new BerError('INTEGER out of range');
  return bytes.reduce((acc, b) => acc * 256 + b, 0);
}

function encodeLength(length: number): Uint8Array {
  if (length < 0x80) return Uint8Array.of(length);
  const bytes: number[] = [];
  for (let l = length; l > 0; l = Math.floor(l / 256)) bytes.unshift(l & 0xff);
  return Uint8Array.of(0x80 | bytes.length, ...bytes);
}

/** One element with a low-number identifier octet and definite length. */
export function tlvBytes(identifierOctet: number, content: Uint8Array): Uint8Array {
  return Buffer.concat([Uint8Array.of(identifierOctet), encodeLength(content.length), content]);
}

function identifier(node: BerNode, constructed: boolean): Uint8Array {
  const lead = (node.cls << 6) | (constructed ? 0x20 : 0);
  if (node.tagNumber < 31) return Uint8Array.of(lead | node.tagNumber);
  const arcs: number[] = [];
  for (let t = node.tagNumber; t > 0; t = Math.floor(t / 128)) arcs.unshift(t & 0x7f);
  return Uint8Array.of(lead | 0x1f, ...arcs.map((a, i) => (i < arcs.length - 1 ? a | 0x80 : a)));
}

/** Universal string types whose constructed BER form becomes a primitive DER string. */
const STRING_TAGS = new Set<number>([UTag.octetString, UTag.utf8String, UTag.printableString, UTag.t61String, UTag.ia5String, UTag.bmpString]);

/**
 * DER re-encoding (X.690 §10): definite lengths, constructed strings flattened. `sortSets` sorts the elements of
 * the top-level node when it is a SET (used for the DER-sorted fallback over signed attributes).
 * An IMPLICIT context tag over a constructed string cannot be told apart from a structure without the schema,
 * so context-specific nodes keep their form; callers flatten those themselves.
 */
export function toDer(buf: Uint8Array, node: BerNode, sortSets = false): Uint8Array {
  if (!node.constructed) {
    const content = buf.subarray(node.contentStart, node.contentEnd);
    return Buffer.concat([identifier(node, false), encodeLength(content.length), content]);
  }
  if (node.cls === 0 && STRING_TAGS.has(node.tagNumber)) {
    const content = valueOf(buf, node);
    return Buffer.concat([identifier(node, false), encodeLength(content.length), content]);
  }
  const children = node.children.map((c) => toDer(buf, c));
  if (sortSets) children.sort(Buffer.compare);
  const content = Buffer.concat(children);
  return Buffer.concat([identifier(node, true), encodeLength(content.length), content]);
}
