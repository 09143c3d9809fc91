/**
 * The one ASN.1 substrate of Tessera (ITU-T X.690): a BER reader that keeps the exact received bytes of every
 * element, and a DER writer whose SET OF is sorted (X.690 §11.6). Nothing else in lib/ reads or writes tags and
 * lengths.
 *
 * Why hand-written: signatures cover bytes as received (signed attributes, TBSCertificate, CertificationRequestInfo),
 * so every node is a window on the input, and the SCEP hot path parses a pkiMessage, its envelope, the signer
 * certificate and the CSR on every request. Measured on the real captures, asn1js 3.1 parses a SignedData about 3×
 * slower than this reader and @peculiar/asn1-schema's mapping onto classes about 14× slower (≈1 ms, as much as the
 * RSA operations of the whole request). Structures Tessera only *writes* rarely (CRLs, OCSP responses) can be built
 * with @peculiar/asn1-x509 / -ocsp classes and turned into DER here with `derOfSchema`.
 *
 * Limits: real clients send a few hundred elements; hostile input (e.g. `24 80` followed by 500,000 empty OCTET
 * STRINGs) is refused before it costs memory — at most `maxElements` elements per parse, `maxChildren` per element.
 */
import { AsnConvert } from '@peculiar/asn1-schema';
import { Asn1Error } from './errors';

/** Universal tag numbers (X.680 §8.4). */
export const UTag = {
  ...{ boolean: 1, integer: 2, bitString: 3, octetString: 4, null: 5, oid: 6, utf8String: 12, sequence: 16, set: 17 },
  ...{ numericString: 18, printableString: 19, teletexString: 20, ia5String: 22, utcTime: 23, generalizedTime: 24 },
  ...{ visibleString: 26, generalString: 27, universalString: 28, bmpString: 30 },
} as const;

export interface Asn1Node {
  /** The buffer this node is a window on. */
  readonly input: Uint8Array;
  /** 0 universal, 1 application, 2 context-specific, 3 private. */
  cls: number;
  constructed: boolean;
  tag: number;
  start: number;
  contentStart: number;
  /** End of the content octets (before the end-of-contents octets of an indefinite length). */
  contentEnd: number;
  end: number;
  indefinite: boolean;
  children: Asn1Node[];
}

export interface ParseLimits {
  maxDepth: number;
  maxElements: number;
  maxChildren: number;
}

/** A CSR may ask for a few thousand SANs: it parses, and the identity policy refuses it with a readable reason. */
export const DEFAULT_LIMITS: ParseLimits = { maxDepth: 32, maxElements: 10_000, maxChildren: 8_192 };

const fail = (message: string): never => {
  throw new Asn1Error('malformed', message);
};

class Reader {
  elements = 0;
  constructor(
    readonly input: Uint8Array,
    readonly limits: ParseLimits,
  ) {}

  node(offset: number, limit: number, depth: number): Asn1Node {
    const buf = this.input;
    if (depth > this.limits.maxDepth) throw new Asn1Error('too-large', `nesting deeper than ${this.limits.maxDepth}`);
    if (++this.elements > this.limits.maxElements) throw new Asn1Error('too-large', `more than ${this.limits.maxElements} elements`);
    if (offset + 2 > limit) fail('truncated element header');
    const first = buf[offset]!;
    let pos = offset + 1;
    let tag = first & 0x1f;
    if (tag === 0x1f) {
      // High tag number form (X.690 §8.1.2.4), at most 4 octets.
      tag = 0;
      for (let i = 0; ; i++) {
        if (pos >= limit || i > 3) fail('bad high tag number');
        const b = buf[pos++]!;
        tag = tag * 128 + (b & 0x7f);
        if ((b & 0x80) === 0) break;
      }
    }
    if (pos >= limit) fail('truncated length');
    const lenByte = buf[pos++]!;
    const node: Asn1Node = {
      input: buf,
      cls: first >> 6,
      constructed: (first & 0x20) !== 0,
      tag,
      start: offset,
      contentStart: pos,
      contentEnd: pos,
      end: pos,
      indefinite: lenByte === 0x80,
      children: [],
    };
    if (node.indefinite) {
      // X.690 §8.1.3.6: constructed only, terminated by the end-of-contents octets 00 00.
      if (!node.constructed) fail('indefinite length on a primitive element');
      let p = pos;
      for (;;) {
        if (p + 2 > limit) fail('missing end-of-contents');
        if (buf[p] === 0 && buf[p + 1] === 0) break;
        p = this.child(node, p, limit, depth).end;
      }
      node.contentEnd = p;
      node.end = p + 2;
      return node;
    }
    let length = lenByte;
    if (lenByte & 0x80) {
      const n = lenByte & 0x7f;
      if (n > 4) fail('length too large');
      length = 0;
      for (let i = 0; i < n; i++) {
        if (pos >= limit) fail('truncated length');
        length = length * 256 + buf[pos++]!;
      }
    }
    node.contentStart = pos;
    node.contentEnd = node.end = pos + length;
    if (node.end > limit) fail('element longer than the available data');
    if (node.constructed) for (let p = pos; p < node.end; ) p = this.child(node, p, node.end, depth).end;
    return node;
  }

  private child(parent: Asn1Node, offset: number, limit: number, depth: number): Asn1Node {
    if (parent.children.length >= this.limits.maxChildren) {
      throw new Asn1Error('too-large', `more than ${this.limits.maxChildren} elements inside one element`);
    }
    const c = this.node(offset, limit, depth + 1);
    parent.children.push(c);
    return c;
  }
}

/** Parses exactly one BER element filling the whole input. Throws Asn1Error. */
export function parseBer(input: Uint8Array, limits: Partial<ParseLimits> = {}): Asn1Node {
  const node = new Reader(input, { ...DEFAULT_LIMITS, ...limits }).node(0, input.length, 0);
  if (node.end !== input.length) fail('trailing data after the element');
  return node;
}

export const isUniversal = (n: Asn1Node | undefined, tag: number): boolean => n !== undefined && n.cls === 0 && n.tag === tag;
export const isContext = (n: Asn1Node | undefined, tag: number): boolean => n !== undefined && n.cls === 2 && n.tag === tag;

export function expectUniversal(n: Asn1Node | undefined, tag: number, what: string): Asn1Node {
  return isUniversal(n, tag) ? n! : fail(`expected ${what}`);
}

/** The elements of a SEQUENCE (or, with `tag`, of another constructed universal type). */
export function childrenOf(n: Asn1Node | undefined, what: string, tag: number = UTag.sequence): Asn1Node[] {
  const node = expectUniversal(n, tag, what);
  return node.constructed ? node.children : fail(`expected ${what}`);
}

export const need = (n: Asn1Node | undefined, what: string): Asn1Node => n ?? fail(`missing ${what}`);

/** The whole element exactly as received. */
export const rawOf = (n: Asn1Node): Uint8Array => n.input.subarray(n.start, n.end);

/** Content octets; a constructed string (X.690 §8.7.3, §8.23.6) is the concatenation of its primitive segments. */
export function contentOf(n: Asn1Node): Uint8Array {
  if (!n.constructed) return n.input.subarray(n.contentStart, n.contentEnd);
  const parts: Uint8Array[] = [];
  const walk = (c: Asn1Node): void => {
    if (c.constructed) c.children.forEach(walk);
    else parts.push(c.input.subarray(c.contentStart, c.contentEnd));
  };
  n.children.forEach(walk);
  return Buffer.concat(parts);
}

/** OBJECT IDENTIFIER → dotted text (X.690 §8.19). */
export function readOid(n: Asn1Node | undefined): string {
  const node = expectUniversal(n, UTag.oid, 'OBJECT IDENTIFIER');
  const bytes = contentOf(node);
  if (node.constructed || bytes.length === 0 || bytes.length > 64 || bytes[bytes.length - 1]! & 0x80) fail('bad OBJECT IDENTIFIER');
  const arcs: number[] = [];
  let value = 0;
  for (const b of bytes) {
    value = value * 128 + (b & 0x7f);
    if ((b & 0x80) === 0) {
      arcs.push(value);
      value = 0;
    }
  }
  const first = arcs[0]!;
  return [...(first < 40 ? [0, first] : first < 80 ? [1, first - 40] : [2, first - 80]), ...arcs.slice(1)].join('.');
}

/** INTEGER content octets as encoded (two's complement). */
export function readInteger(n: Asn1Node | undefined): Uint8Array {
  const node = expectUniversal(n, UTag.integer, 'INTEGER');
  return node.constructed || node.contentEnd === node.contentStart ? fail('bad INTEGER') : contentOf(node);
}

/** A small non-negative INTEGER (versions, pathLen). */
export function readSmallInteger(n: Asn1Node | undefined): number {
  const bytes = readInteger(n);
  if (bytes.length > 4 || bytes[0]! & 0x80) fail('INTEGER out of range');
  return bytes.reduce((acc, b) => acc * 256 + b, 0);
}

export function readBoolean(n: Asn1Node | undefined): boolean {
  const node = expectUniversal(n, UTag.boolean, 'BOOLEAN');
  return node.contentEnd - node.contentStart === 1 && !node.constructed ? node.input[node.contentStart] !== 0 : fail('bad BOOLEAN');
}

export function readBitString(n: Asn1Node | undefined): { unusedBits: number; bytes: Uint8Array } {
  const node = expectUniversal(n, UTag.bitString, 'BIT STRING');
  const c = contentOf(node);
  if (node.constructed || c.length === 0 || c[0]! > 7) fail('bad BIT STRING');
  return { unusedBits: c[0]!, bytes: c.subarray(1) };
}

export const readOctetString = (n: Asn1Node | undefined): Uint8Array => contentOf(expectUniversal(n, UTag.octetString, 'OCTET STRING'));

/**
 * Any ASN.1 character string as text. BMPString is UTF-16BE and UniversalString UTF-32BE (X.690 §8.23); TeletexString
 * is read as Latin-1, which is what every real-world encoder means by it.
 */
export function readString(n: Asn1Node | undefined): string {
  if (!n || n.cls !== 0) return fail('expected a string');
  const c = Buffer.from(contentOf(n));
  switch (n.tag) {
    case UTag.utf8String:
      return c.toString('utf8');
    case UTag.printableString: case UTag.ia5String: case UTag.teletexString:
    case UTag.visibleString: case UTag.numericString: case UTag.generalString:
      return c.toString('latin1');
    case UTag.bmpString:
      return c.length % 2 === 0 ? c.swap16().toString('utf16le') : fail('bad BMPString');
    case UTag.universalString: {
      if (c.length % 4 !== 0) fail('bad UniversalString');
      let s = '';
      for (let i = 0; i < c.length; i += 4) {
        const cp = c.readUInt32BE(i);
        s += cp <= 0x10ffff ? String.fromCodePoint(cp) : fail('bad UniversalString');
      }
      return s;
    }
    default:
      return fail(`unsupported string type ${n.tag}`);
  }
}

/** UTCTime / GeneralizedTime in the RFC 5280 §4.1.2.5 profile (Zulu; seconds optional in UTCTime). */
export function readTime(n: Asn1Node | undefined): Date {
  const text = n && n.cls === 0 ? Buffer.from(contentOf(n)).toString('latin1') : '';
  const m =
    n?.tag === UTag.utcTime
      ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?Z$/.exec(text)
      : n?.tag === UTag.generalizedTime
        ? /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:\.\d+)?Z$/.exec(text)
        : null;
  if (!m) return fail('expected UTCTime or GeneralizedTime');
  const y = Number(m[1]);
  const year = m[1]!.length === 4 ? y : y >= 50 ? 1900 + y : 2000 + y; // RFC 5280 §4.1.2.5.1
  const date = new Date(Date.UTC(year, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? '0')));
  return Number.isNaN(date.getTime()) ? fail('bad time') : date;
}

// ---- writing -------------------------------------------------------------------------------------------------

/** A value to encode. `tag` is the full identifier octet (low tag numbers only, all that X.509 and CMS need). */
export type Asn1 =
  | { kind: 'prim'; tag: number; value: Uint8Array }
  | { kind: 'cons'; tag: number; children: Asn1[] }
  /** A complete element written unchanged (a certificate, a Name, a signed-attribute set). */
  | { kind: 'raw'; der: Uint8Array };

function encodeLength(length: number): Uint8Array {
  if (length < 0x80) return Uint8Array.of(length);
  const bytes: number[] = [];
  for (let l = length; l > 0; l = Math.floor(l / 256)) bytes.unshift(l & 0xff);
  return Uint8Array.of(0x80 | bytes.length, ...bytes);
}

const tlv = (identifier: Uint8Array | number, content: Uint8Array): Uint8Array =>
  Buffer.concat([typeof identifier === 'number' ? Uint8Array.of(identifier) : identifier, encodeLength(content.length), content]);

/** DER (X.690 §10) of a value tree. */
export function der(node: Asn1): Uint8Array {
  if (node.kind === 'raw') return node.der;
  if (node.kind === 'prim') return tlv(node.tag, node.value);
  return tlv(node.tag, Buffer.concat(node.children.map(der)));
}

export const raw = (bytes: Uint8Array): Asn1 => ({ kind: 'raw', der: bytes });
const prim = (tag: number, value: Uint8Array): Asn1 => ({ kind: 'prim', tag, value });
export const seq = (...children: Asn1[]): Asn1 => ({ kind: 'cons', tag: 0x30, children });
/** DER SET OF (X.690 §11.6): elements ordered by their encodings. */
export const set = (...children: Asn1[]): Asn1 => ({ kind: 'cons', tag: 0x31, children: children.map(der).sort(Buffer.compare).map(raw) });
export const explicit = (n: number, child: Asn1): Asn1 => ({ kind: 'cons', tag: 0xa0 | n, children: [child] });
/** [n] IMPLICIT over a constructed type, elements in the given order. */
export const contextCons = (n: number, children: Asn1[]): Asn1 => ({ kind: 'cons', tag: 0xa0 | n, children });
/** [n] IMPLICIT over a primitive type. */
export const contextPrim = (n: number, value: Uint8Array): Asn1 => prim(0x80 | n, value);

export const nullValue = (): Asn1 => prim(UTag.null, new Uint8Array(0));
export const boolean = (value: boolean): Asn1 => prim(UTag.boolean, Uint8Array.of(value ? 0xff : 0));
export const octetString = (value: Uint8Array): Asn1 => prim(UTag.octetString, value);
export const bitString = (bytes: Uint8Array, unusedBits = 0): Asn1 => prim(UTag.bitString, Buffer.concat([Uint8Array.of(unusedBits), bytes]));
export const utf8String = (s: string): Asn1 => prim(UTag.utf8String, Buffer.from(s, 'utf8'));
export const printableString = (s: string | Uint8Array): Asn1 => prim(UTag.printableString, typeof s === 'string' ? Buffer.from(s, 'latin1') : s);
export const ia5String = (s: string): Asn1 => prim(UTag.ia5String, Buffer.from(s, 'latin1'));
/** An INTEGER whose content octets are already encoded (a serial copied from a certificate). */
export const integerContent = (content: Uint8Array): Asn1 => prim(UTag.integer, content);

/** INTEGER from an unsigned big-endian magnitude (or a number): minimal, with a 0x00 octet when the top bit is set. */
export function integer(value: number | Uint8Array): Asn1 {
  let bytes: Uint8Array;
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value) || value < 0) throw new RangeError('integer() takes a non-negative safe integer');
    const out: number[] = [];
    for (let v = value; v > 0; v = Math.floor(v / 256)) out.unshift(v & 0xff);
    bytes = Uint8Array.from(out);
  } else {
    const first = value.findIndex((b) => b !== 0);
    bytes = first < 0 ? new Uint8Array(0) : value.subarray(first);
  }
  if (bytes.length === 0 || bytes[0]! & 0x80) bytes = Buffer.concat([Uint8Array.of(0), bytes]);
  return prim(UTag.integer, bytes);
}

const oidCache = new Map<string, Asn1>(); // a few dozen distinct OIDs, written on every reply and certificate

export function oid(dotted: string): Asn1 {
  const cached = oidCache.get(dotted);
  if (cached) return cached;
  const arcs = dotted.split('.').map((a) => (/^\d{1,15}$/.test(a) ? Number(a) : NaN));
  if (arcs.length < 2 || arcs.some(Number.isNaN) || arcs[0]! > 2 || (arcs[0]! < 2 && arcs[1]! >= 40)) {
    throw new Asn1Error('malformed', `bad OBJECT IDENTIFIER "${dotted}"`);
  }
  const out: number[] = [];
  for (const arc of [arcs[0]! * 40 + arcs[1]!, ...arcs.slice(2)]) {
    const chunk = [arc % 128];
    for (let v = Math.floor(arc / 128); v > 0; v = Math.floor(v / 128)) chunk.unshift((v % 128) | 0x80);
    out.push(...chunk);
  }
  const node = prim(UTag.oid, Uint8Array.from(out));
  if (oidCache.size < 1000) oidCache.set(dotted, node);
  return node;
}

/** UTCTime for 1950–2049, GeneralizedTime otherwise; whole seconds, Zulu (RFC 5280 §4.1.2.5, RFC 5652 §11.3). */
export function time(date: Date): Asn1 {
  const digits = date.toISOString().slice(0, 19).replace(/[-T:]/g, '');
  const year = date.getUTCFullYear();
  return year >= 1950 && year < 2050 ? prim(UTag.utcTime, Buffer.from(`${digits.slice(2)}Z`)) : prim(UTag.generalizedTime, Buffer.from(`${digits}Z`));
}

export const isIa5 = (s: string): boolean => /^[\x00-\x7f]*$/.test(s);

const identifierOf = (n: Asn1Node, constructed: boolean): Uint8Array => {
  const lead = (n.cls << 6) | (constructed ? 0x20 : 0);
  if (n.tag < 31) return Uint8Array.of(lead | n.tag);
  const arcs: number[] = [];
  for (let t = n.tag; t > 0; t = Math.floor(t / 128)) arcs.unshift(t & 0x7f);
  return Uint8Array.of(lead | 0x1f, ...arcs.map((a, i) => (i < arcs.length - 1 ? a | 0x80 : a)));
};

/** Universal string types whose constructed BER form becomes one primitive string in DER. */
const STRING_TAGS = new Set<number>([UTag.octetString, UTag.utf8String, UTag.printableString, UTag.teletexString, UTag.ia5String, UTag.bmpString]);

/**
 * A received element re-encoded as DER: definite lengths, constructed universal strings flattened and, with
 * `sortSets`, every SET's elements in DER order. An IMPLICIT context tag over a constructed string cannot be told
 * from a structure without the schema, so context-specific nodes keep their form.
 */
export function toDer(n: Asn1Node, opts: { sortSets?: boolean } = {}): Uint8Array {
  if (!n.constructed) return tlv(identifierOf(n, false), n.input.subarray(n.contentStart, n.contentEnd));
  if (n.cls === 0 && STRING_TAGS.has(n.tag)) return tlv(identifierOf(n, false), contentOf(n));
  const children = n.children.map((c) => toDer(c, opts));
  if (opts.sortSets && n.cls === 0 && n.tag === UTag.set) children.sort(Buffer.compare);
  return tlv(identifierOf(n, true), Buffer.concat(children));
}

/** DER of a @peculiar/asn1-schema value (e.g. an asn1-x509 CertificateList): serialised by the library, sorted here. */
export function derOfSchema(value: object): Uint8Array {
  const ber = new Uint8Array(AsnConvert.serialize(value));
  return toDer(parseBer(ber, { maxElements: Infinity, maxChildren: Infinity, maxDepth: 256 }), { sortSets: true });
}
