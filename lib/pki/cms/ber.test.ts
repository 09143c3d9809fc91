import { describe, expect, it } from 'vitest';
import { BerError, parseBer, rawOf, readOid, toDer, valueOf } from './ber';
import { encode, octetString, oid, seq, integer, setInOrder } from './der';

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');

describe('BER reader', () => {
  it('reads indefinite lengths and keeps offsets', () => {
    // SEQUENCE (indefinite) { INTEGER 5, OCTET STRING (constructed, indefinite) { "ab", "c" } }
    const buf = hex('30 80 02 01 05 24 80 04 02 61 62 04 01 63 00 00 00 00');
    const root = parseBer(buf);
    expect(root.indefinite).toBe(true);
    expect(root.end).toBe(buf.length);
    const [int, str] = root.children;
    expect(Buffer.from(rawOf(buf, int))).toEqual(hex('020105'));
    expect(Buffer.from(valueOf(buf, str)).toString()).toBe('abc');
    expect(Buffer.from(toDer(buf, root))).toEqual(hex('3008 020105 0403616263'));
  });

  it('reads nested constructed OCTET STRING segments', () => {
    const buf = hex('24 80 24 80 04 01 41 00 00 04 01 42 00 00');
    expect(Buffer.from(valueOf(buf, parseBer(buf))).toString()).toBe('AB');
  });

  it('decodes OIDs', () => {
    const buf = Buffer.from(encode(oid('1.2.840.113549.1.7.2')));
    expect(readOid(buf, parseBer(buf))).toBe('1.2.840.113549.1.7.2');
  });

  it.each([
    ['truncated header', '30'],
    ['length past the end', '30 05 02 01 00'],
    ['indefinite primitive', '04 80 00 00'],
    ['missing end-of-contents', '30 80 02 01 00'],
    ['trailing data', '02 01 00 00'],
    ['huge length', '30 85 01 00 00 00 00'],
  ])('rejects %s', (_name, input) => {
    expect(() => parseBer(hex(input))).toThrow(BerError);
  });

  it('rejects absurd nesting', () => {
    const depth = 100;
    const buf = Buffer.concat([Buffer.alloc(depth * 2).map((_, i) => (i % 2 ? 0x80 : 0x30)), Buffer.alloc(depth * 2)]);
    expect(() => parseBer(buf)).toThrow(/deep/);
  });
});

describe('DER/BER writer', () => {
  it('writes BER with indefinite lengths and segments that read back to the same values', () => {
    const tree = seq(integer(1), octetString(Buffer.alloc(200, 7)), setInOrder(oid('2.5.4.3')));
    const der = encode(tree);
    const ber = encode(tree, { indefinite: true, segmentSize: 64 });
    expect(ber.length).toBeGreaterThan(der.length);
    const parsed = parseBer(ber);
    expect(parsed.indefinite).toBe(true);
    expect(valueOf(ber, parsed.children[1]).length).toBe(200);
    expect(Buffer.from(toDer(ber, parsed))).toEqual(Buffer.from(der));
  });

  it('encodes integers minimally and positive', () => {
    expect(Buffer.from(encode(integer(0)))).toEqual(hex('020100'));
    expect(Buffer.from(encode(integer(128)))).toEqual(hex('02020080'));
    expect(Buffer.from(encode(integer(65537)))).toEqual(hex('0203010001'));
  });
});
