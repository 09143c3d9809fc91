/**
 * An ASN.1 value tree and its encoder. Builders describe the structure once; `encode` writes DER (X.690 §10) for
 * everything Tessera sends, and the test client can ask for BER (indefinite lengths, segmented OCTET STRINGs) to
 * imitate what iOS sends.
 */
import { tlvBytes, UTag } from './ber';

export type Asn1 =
  /** `tag` is the full identifier octet (low tag numbers only, which is all CMS needs). */
  | { kind: 'prim'; tag: number; value: Uint8Array; segmentable?: boolean }
  | { kind: 'cons'; tag: number; children: Asn1[] }
  /** A complete pre-encoded element, written unchanged (certificates, names, signed attribute sets). */
  | { kind: 'raw'; der: Uint8Array };

export interface EncodeOptions {
  /** BER: indefinite lengths on every constructed element. */
  indefinite?: boolean;
  /** BER: OCTET STRINGs longer than this become constructed strings of this segment size. */
  segmentSize?: number;
}

const tlv = tlvBytes;

function constructedTlv(tag: number, parts: Uint8Array[], indefinite: boolean): Uint8Array {
  if (!indefinite) return tlv(tag, Buffer.concat(parts));
  return Buffer.concat([Uint8Array.of(tag, 0x80), ...parts, Uint8Array.of(0, 0)]);
}

export function encode(node: Asn1, opts: EncodeOptions = {}): Uint8Array {
  switch (node.kind) {
    case 'raw':
      return node.der;
    case 'prim': {
      const seg = opts.segmentSize;
      if (node.segmentable && seg && node.value.length > seg) {
        // X.690 §8.7.3.2: a constructed OCTET STRING; an IMPLICIT [n] keeps its tag with the constructed bit.
        const parts: Uint8Array[] = [];
        for (let i = 0; i < node.value.length; i += seg) parts.push(tlv(0x04, node.value.subarray(i, i + seg)));
        return constructedTlv(node.tag | 0x20, parts, opts.indefinite ?? false);
      }
      return tlv(node.tag, node.value);
    }
    case 'cons':
      return constructedTlv(
        node.tag,
        node.children.map((c) => encode(c, opts)),
        opts.indefinite ?? false,
      );
  }
}

export const der = (node: Asn1): Uint8Array => encode(node);

export const raw = (bytes: Uint8Array): Asn1 => ({ kind: 'raw', der: bytes });
export const seq = (...children: Asn1[]): Asn1 => ({ kind: 'cons', tag: 0x30, children });
/** A SET whose elements are written in the given order (only for SETs of one element or deliberate BER). */
export const setInOrder = (...children: Asn1[]): Asn1 => ({ kind: 'cons', tag: 0x31, children });

/** DER SET OF (X.690 §11.6): elements sorted by their encodings. */
export function setOf(children: Asn1[]): Asn1 {
  const encoded = children.map((c) => encode(c));
  encoded.sort(Buffer.compare);
  return { kind: 'cons', tag: 0x31, children: encoded.map(raw) };
}

/** [n] EXPLICIT. */
export const explicit = (n: number, child: Asn1): Asn1 => ({ kind: 'cons', tag: 0xa0 | n, children: [child] });
/** [n] IMPLICIT over a constructed type. */
export const implicitCons = (n: number, children: Asn1[]): Asn1 => ({ kind: 'cons', tag: 0xa0 | n, children });
/** [n] IMPLICIT OCTET STRING (primitive in DER). */
export const implicitOctets = (n: number, value: Uint8Array): Asn1 => ({ kind: 'prim', tag: 0x80 | n, value, segmentable: true });

export const octetString = (value: Uint8Array): Asn1 => ({ kind: 'prim', tag: UTag.octetString, value, segmentable: true });
export const nullValue = (): Asn1 => ({ kind: 'prim', tag: UTag.null, value: new Uint8Array(0) });
export const printableString = (value: string | Uint8Array): Asn1 => ({
  kind: 'prim',
  tag: UTag.printableString,
  value: typeof value === 'string' ? Buffer.from(value, 'latin1') : value,
});
export const utf8String = (value: string): Asn1 => ({ kind: 'prim', tag: UTag.utf8String, value: Buffer.from(value, 'utf8') });

export function integer(value: number | Uint8Array): Asn1 {
  if (typeof value !== 'number') return { kind: 'prim', tag: UTag.integer, value };
  const bytes: number[] = [];
  let v = value;
  do {
    bytes.unshift(v & 0xff);
    v = Math.floor(v / 256);
  } while (v > 0);
  if (bytes[0] & 0x80) bytes.unshift(0);
  return { kind: 'prim', tag: UTag.integer, value: Uint8Array.from(bytes) };
}

export function oid(dotted: string): Asn1 {
  return { kind: 'prim', tag: UTag.oid, value: oidContent(dotted) };
}

/** The content octets of an OBJECT IDENTIFIER (X.690 §8.19). */
export function oidContent(dotted: string): Uint8Array {
  const arcs = dotted.split('.').map(Number);
  const out: number[] = [];
  const values = [arcs[0] * 40 + arcs[1], ...arcs.slice(2)];
  for (const v of values) {
    const chunk: number[] = [];
    let x = v;
    do {
      chunk.unshift(x & 0x7f);
      x = Math.floor(x / 128);
    } while (x > 0);
    out.push(...chunk.map((b, i) => (i < chunk.length - 1 ? b | 0x80 : b)));
  }
  return Uint8Array.from(out);
}

/** UTCTime for 1950–2049, GeneralizedTime after (RFC 5652 §11.3, RFC 5280 §4.1.2.5). */
export function time(date: Date): Asn1 {
  const iso = date.toISOString();
  const digits = iso.slice(0, 19).replace(/[-:T]/g, '');
  const year = date.getUTCFullYear();
  if (year >= 1950 && year < 2050) {
    return { kind: 'prim', tag: UTag.utcTime, value: Buffer.from(`${digits.slice(2)}Z`, 'latin1') };
  }
  return { kind: 'prim', tag: UTag.generalizedTime, value: Buffer.from(`${digits}Z`, 'latin1') };
}

/** AlgorithmIdentifier (RFC 5280 §4.1.1.2). `params: null` writes NULL, `undefined` omits the field. */
export function algorithmIdentifier(algorithmOid: string, params?: Asn1 | null): Asn1 {
  if (params === undefined) return seq(oid(algorithmOid));
  return seq(oid(algorithmOid), params ?? nullValue());
}
