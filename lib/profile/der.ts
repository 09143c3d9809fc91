/**
 * Minimal DER (X.690) encoder/reader over Buffers for the CMS SignedData used by profile signing. Kept byte-exact on
 * purpose: the signer's issuer Name and serial are copied verbatim from its certificate, which a decode→re-encode
 * round trip through a generic ASN.1 library does not guarantee. Candidate to move to lib/pki.
 */

export const Tag = {
  Integer: 0x02,
  OctetString: 0x04,
  Null: 0x05,
  Oid: 0x06,
  UtcTime: 0x17,
  GeneralizedTime: 0x18,
  Sequence: 0x30,
  Set: 0x31,
  /** [n] constructed, context-specific (EXPLICIT, or IMPLICIT of a constructed type). */
  context: (n: number) => 0xa0 | n,
} as const;

function encodeLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let l = length; l > 0; l = Math.floor(l / 256)) bytes.unshift(l & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

export function tlv(tag: number, ...content: Uint8Array[]): Buffer {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag]), encodeLength(body.length), body]);
}

export const sequence = (...items: Uint8Array[]): Buffer => tlv(Tag.Sequence, ...items);

/** X.690 §11.6: DER SET OF orders its elements by their encodings (shorter one padded with zeros). */
export function setOf(items: Uint8Array[], tag: number = Tag.Set): Buffer {
  const sorted = [...items].map((b) => Buffer.from(b)).sort((a, b) => {
    const n = Math.max(a.length, b.length);
    return Buffer.compare(Buffer.concat([a, Buffer.alloc(n - a.length)]), Buffer.concat([b, Buffer.alloc(n - b.length)]));
  });
  return tlv(tag, ...sorted);
}

export function oid(dotted: string): Buffer {
  const arcs = dotted.split('.').map((s) => BigInt(s));
  const first = arcs[0] * 40n + arcs[1];
  const out: number[] = [];
  for (const arc of [first, ...arcs.slice(2)]) {
    const chunk: number[] = [Number(arc & 0x7fn)];
    for (let v = arc >> 7n; v > 0n; v >>= 7n) chunk.unshift(Number(v & 0x7fn) | 0x80);
    out.push(...chunk);
  }
  return tlv(Tag.Oid, Buffer.from(out));
}

export const integer = (n: number): Buffer => tlv(Tag.Integer, Buffer.from([n])); // small non-negative versions only
export const octetString = (b: Uint8Array): Buffer => tlv(Tag.OctetString, b);
export const nullValue = (): Buffer => tlv(Tag.Null);

/** RFC 5652 §11.3: signingTime is UTCTime for 1950–2049, GeneralizedTime otherwise. */
export function time(date: Date): Buffer {
  const iso = date.toISOString(); // YYYY-MM-DDTHH:MM:SS.sssZ
  const digits = iso.slice(0, 19).replace(/[-T:]/g, '');
  const year = date.getUTCFullYear();
  return year >= 1950 && year < 2050 ? tlv(Tag.UtcTime, Buffer.from(`${digits.slice(2)}Z`)) : tlv(Tag.GeneralizedTime, Buffer.from(`${digits}Z`));
}

export interface Node {
  tag: number;
  /** The whole TLV. */
  raw: Buffer;
  /** The contents octets. */
  value: Buffer;
}

/** Read one definite-length TLV at `offset` (DER only: no indefinite lengths, no multi-byte tags). */
export function readNode(buf: Buffer, offset = 0): Node {
  if (offset + 2 > buf.length) throw new Error('DER: truncated header');
  const tag = buf[offset];
  if ((tag & 0x1f) === 0x1f) throw new Error('DER: multi-byte tags are not supported');
  let length = buf[offset + 1];
  let header = 2;
  if (length === 0x80) throw new Error('DER: indefinite length (BER) is not supported');
  if (length > 0x80) {
    const n = length & 0x7f;
    if (n > 4 || offset + 2 + n > buf.length) throw new Error('DER: bad length');
    length = 0;
    for (let i = 0; i < n; i++) length = length * 256 + buf[offset + 2 + i];
    header += n;
  }
  const end = offset + header + length;
  if (end > buf.length) throw new Error('DER: content runs past the end');
  return { tag, raw: buf.subarray(offset, end), value: buf.subarray(offset + header, end) };
}

export function children(node: Node): Node[] {
  const out: Node[] = [];
  for (let off = 0; off < node.value.length; ) {
    const child = readNode(node.value, off);
    out.push(child);
    off += child.raw.length;
  }
  return out;
}

/** Parse a buffer that must hold exactly one TLV. */
export function parseDer(buf: Uint8Array): Node {
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  const node = readNode(b, 0);
  if (node.raw.length !== b.length) throw new Error('DER: trailing bytes after the outer element');
  return node;
}

export function expectTag(node: Node | undefined, tag: number, what: string): Node {
  if (!node || node.tag !== tag) throw new Error(`DER: expected ${what}`);
  return node;
}

export function decodeOid(node: Node): string {
  expectTag(node, Tag.Oid, 'OBJECT IDENTIFIER');
  const arcs: bigint[] = [];
  let v = 0n;
  for (const byte of node.value) {
    v = (v << 7n) | BigInt(byte & 0x7f);
    if ((byte & 0x80) === 0) {
      arcs.push(v);
      v = 0n;
    }
  }
  const first = arcs[0] < 80n ? arcs[0] / 40n : 2n;
  return [first, arcs[0] - first * 40n, ...arcs.slice(1)].join('.');
}

/** UTCTime / GeneralizedTime (Z form) → Date. */
export function decodeTime(node: Node): Date {
  const s = node.value.toString('latin1');
  const m = /^(\d{2}|\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(s);
  if (!m || (node.tag !== Tag.UtcTime && node.tag !== Tag.GeneralizedTime)) throw new Error('DER: bad time');
  const y = m[1].length === 2 ? (Number(m[1]) >= 50 ? 1900 : 2000) + Number(m[1]) : Number(m[1]);
  return new Date(Date.UTC(y, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])));
}
