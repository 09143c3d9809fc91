/**
 * A minimal DER writer (ITU-T X.690 §10). Building certificates from these few primitives keeps every byte under our
 * control (string types, raw subject Names, minimal INTEGERs) and avoids node-forge binary strings entirely.
 */
import { Tag, TagClass } from './der-reader';

type Bytes = Uint8Array;

function encodeLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

/** One TLV with a low tag number (all tags used in X.509 are < 31). */
export function tlv(tagClass: number, constructed: boolean, tagNumber: number, content: Bytes): Buffer {
  const idByte = (tagClass << 6) | (constructed ? 0x20 : 0) | tagNumber;
  return Buffer.concat([Buffer.from([idByte]), encodeLength(content.length), content]);
}

const universal = (tagNumber: number, content: Bytes, constructed = false): Buffer =>
  tlv(TagClass.universal, constructed, tagNumber, content);

export const sequence = (...items: Bytes[]): Buffer => universal(Tag.sequence, Buffer.concat(items), true);

/** SET OF with the DER ordering rule (X.690 §11.6: elements sorted by their encodings). */
export function setOf(...items: Bytes[]): Buffer {
  const sorted = [...items].map((i) => Buffer.from(i)).sort(Buffer.compare);
  return universal(Tag.set, Buffer.concat(sorted), true);
}

/** [n] EXPLICIT wrapper. */
export const explicit = (tagNumber: number, inner: Bytes): Buffer => tlv(TagClass.context, true, tagNumber, inner);

/** [n] IMPLICIT primitive (e.g. GeneralName dNSName [2] IA5String). */
export const implicitPrimitive = (tagNumber: number, content: Bytes): Buffer =>
  tlv(TagClass.context, false, tagNumber, content);

export const nullValue = (): Buffer => Buffer.from([0x05, 0x00]);

export const boolean = (value: boolean): Buffer => universal(Tag.boolean, Buffer.from([value ? 0xff : 0x00]));

/** INTEGER from unsigned big-endian magnitude bytes: strips redundant zeros, adds one when the top bit is set. */
export function unsignedInteger(magnitude: Bytes): Buffer {
  let start = 0;
  while (start < magnitude.length - 1 && magnitude[start] === 0) start++;
  let body = Buffer.from(magnitude.subarray(start));
  if (body.length === 0) body = Buffer.from([0]);
  if (body[0] & 0x80) body = Buffer.concat([Buffer.from([0]), body]);
  return universal(Tag.integer, body);
}

export function smallInteger(value: number): Buffer {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError('smallInteger expects a non-negative integer');
  const bytes: number[] = [];
  for (let n = value; n > 0; n = Math.floor(n / 256)) bytes.unshift(n & 0xff);
  return unsignedInteger(Buffer.from(bytes.length ? bytes : [0]));
}

export function oid(dotted: string): Buffer {
  const arcs = dotted.split('.').map((a) => {
    if (!/^\d+$/.test(a)) throw new RangeError(`bad OID ${dotted}`);
    return Number(a);
  });
  if (arcs.length < 2 || arcs[0] > 2) throw new RangeError(`bad OID ${dotted}`);
  const out: number[] = [];
  const pushArc = (arc: number) => {
    const chunk: number[] = [arc & 0x7f];
    for (let n = Math.floor(arc / 128); n > 0; n = Math.floor(n / 128)) chunk.unshift((n & 0x7f) | 0x80);
    out.push(...chunk);
  };
  pushArc(arcs[0] * 40 + arcs[1]);
  arcs.slice(2).forEach(pushArc);
  return universal(Tag.oid, Buffer.from(out));
}

export const octetString = (content: Bytes): Buffer => universal(Tag.octetString, content);

export const bitString = (bytes: Bytes, unusedBits = 0): Buffer =>
  universal(Tag.bitString, Buffer.concat([Buffer.from([unusedBits]), bytes]));

export const utf8String = (s: string): Buffer => universal(Tag.utf8String, Buffer.from(s, 'utf8'));
export const printableString = (s: string): Buffer => universal(Tag.printableString, Buffer.from(s, 'latin1'));
export const ia5String = (s: string): Buffer => universal(Tag.ia5String, Buffer.from(s, 'latin1'));

/** PrintableString alphabet (X.680 §41.4). */
export const isPrintableString = (s: string): boolean => /^[A-Za-z0-9 '()+,\-./:=?]*$/.test(s);
export const isIa5 = (s: string): boolean => /^[\x00-\x7f]*$/.test(s);

/** RFC 5280 §4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050, always Zulu with seconds. */
export function time(date: Date): Buffer {
  const iso = new Date(Math.floor(date.getTime() / 1000) * 1000).toISOString(); // YYYY-MM-DDTHH:MM:SS.000Z
  const digits = iso.slice(0, 19).replace(/[-T:]/g, '');
  const year = date.getUTCFullYear();
  if (year >= 1950 && year < 2050) return universal(Tag.utcTime, Buffer.from(`${digits.slice(2)}Z`, 'latin1'));
  return universal(Tag.generalizedTime, Buffer.from(`${digits}Z`, 'latin1'));
}
