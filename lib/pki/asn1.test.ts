import { AlgorithmIdentifier, AttributeTypeAndValue, AttributeValue, Name, RelativeDistinguishedName, TBSCertList, Time } from '@peculiar/asn1-x509';
import { describe, expect, it } from 'vitest';
import { contentOf, der, integer, octetString, oid, parseBer, rawOf, readOid, readString, readTime, seq, set, time, toDer, utf8String, derOfSchema } from './asn1';
import { Asn1Error } from './errors';
import { encodeBer } from '../../test/support/ber';

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');

describe('BER reader', () => {
  it('reads indefinite lengths and keeps offsets', () => {
    // SEQUENCE (indefinite) { INTEGER 5, OCTET STRING (constructed, indefinite) { "ab", "c" } }
    const buf = hex('30 80 02 01 05 24 80 04 02 61 62 04 01 63 00 00 00 00');
    const root = parseBer(buf);
    expect(root.indefinite).toBe(true);
    expect(root.end).toBe(buf.length);
    const [int, str] = root.children;
    expect(Buffer.from(rawOf(int!))).toEqual(hex('020105'));
    expect(Buffer.from(contentOf(str!)).toString()).toBe('abc');
    expect(Buffer.from(toDer(root))).toEqual(hex('3008 020105 0403616263'));
  });

  it('reads nested constructed OCTET STRING segments', () => {
    expect(Buffer.from(contentOf(parseBer(hex('24 80 24 80 04 01 41 00 00 04 01 42 00 00')))).toString()).toBe('AB');
  });

  it('decodes OIDs, strings and times', () => {
    expect(readOid(parseBer(der(oid('1.2.840.113549.1.7.2'))))).toBe('1.2.840.113549.1.7.2');
    expect(readOid(parseBer(der(oid('2.999.3'))))).toBe('2.999.3');
    expect(readString(parseBer(hex('1e 04 00 e9 00 41')))).toBe('éA'); // BMPString
    expect(readString(parseBer(der(utf8String('ü'))))).toBe('ü');
    expect(readTime(parseBer(der(time(new Date('2049-12-31T23:59:59Z')))))).toEqual(new Date('2049-12-31T23:59:59Z'));
    expect(readTime(parseBer(der(time(new Date('2050-01-01T00:00:00Z')))))).toEqual(new Date('2050-01-01T00:00:00Z'));
  });

  it.each([
    ['truncated header', '30'],
    ['length past the end', '30 05 02 01 00'],
    ['indefinite primitive', '04 80 00 00'],
    ['missing end-of-contents', '30 80 02 01 00'],
    ['trailing data', '02 01 00 00'],
    ['huge length', '30 85 01 00 00 00 00'],
    ['high tag number of five octets', '1f 81 81 81 81 01 00'],
  ])('rejects %s with Asn1Error', (_name, input) => {
    expect(() => parseBer(hex(input))).toThrow(Asn1Error);
  });

  it('rejects absurd nesting', () => {
    const depth = 100;
    const buf = Buffer.concat([Buffer.alloc(depth * 2).map((_, i) => (i % 2 ? 0x80 : 0x30)), Buffer.alloc(depth * 2)]);
    expect(() => parseBer(buf)).toThrow(expect.objectContaining({ code: 'too-large' }));
  });

  it('refuses a 1 MiB body of empty OCTET STRINGs before building the nodes', () => {
    // `24 80` then 524,000 × `04 00`: one constructed string with half a million children.
    const body = Buffer.concat([hex('24 80'), Buffer.alloc(524_000 * 2).fill(Buffer.from([4, 0])), hex('00 00')]);
    expect(() => parseBer(body)).toThrow(/more than 8192 elements inside one element/);
    // Flat wide structures are capped in total too.
    const wide = Buffer.concat(Array.from({ length: 600 }, () => der(seq(...Array.from({ length: 20 }, () => integer(1))))));
    expect(() => parseBer(der({ kind: 'cons', tag: 0x30, children: [{ kind: 'raw', der: wide }] }))).toThrow(/more than 10000 elements/);
  });
});

describe('DER writer', () => {
  it('writes BER (test fixtures) that reads back to the same DER', () => {
    const tree = seq(integer(1), octetString(Buffer.alloc(200, 7)), set(oid('2.5.4.3')));
    const ber = encodeBer(tree, 64);
    const parsed = parseBer(ber);
    expect(parsed.indefinite).toBe(true);
    expect(contentOf(parsed.children[1]!).length).toBe(200);
    expect(Buffer.from(toDer(parsed))).toEqual(Buffer.from(der(tree)));
  });

  it('encodes integers minimally and positive', () => {
    expect(Buffer.from(der(integer(0)))).toEqual(hex('020100'));
    expect(Buffer.from(der(integer(128)))).toEqual(hex('02020080'));
    expect(Buffer.from(der(integer(65537)))).toEqual(hex('0203010001'));
    expect(Buffer.from(der(integer(hex('0000ff'))))).toEqual(hex('020200ff'));
  });

  it('sorts SET OF by encoding (X.690 §11.6), also when re-encoding received BER', () => {
    expect(Buffer.from(der(set(integer(2), integer(1), octetString(hex('00')))))).toEqual(hex('3109 020101 020102 040100'));
    const unsorted = hex('31 06 02 01 02 02 01 01');
    expect(Buffer.from(toDer(parseBer(unsorted), { sortSets: true }))).toEqual(hex('31 06 02 01 01 02 01 02'));
  });

  it('turns @peculiar/asn1-schema values into sorted DER (entry point for CRLs and OCSP)', () => {
    const rdn = new RelativeDistinguishedName([
      new AttributeTypeAndValue({ type: '2.5.4.3', value: new AttributeValue({ utf8String: 'zz' }) }),
      new AttributeTypeAndValue({ type: '2.5.4.3', value: new AttributeValue({ utf8String: 'aa' }) }),
    ]);
    const tbs = new TBSCertList({
      signature: new AlgorithmIdentifier({ algorithm: '1.2.840.113549.1.1.11', parameters: null }),
      issuer: new Name([rdn]),
      thisUpdate: new Time(new Date('2026-01-01T00:00:00Z')),
    });
    const out = parseBer(derOfSchema(tbs));
    const values = out.children[1]!.children[0]!.children.map((atv) => readString(atv.children[1]));
    expect(values).toEqual(['aa', 'zz']);
    expect(readTime(out.children[2])).toEqual(new Date('2026-01-01T00:00:00Z'));
  });

  it('refuses an OID it cannot encode', () => {
    expect(() => oid('3.1')).toThrow(Asn1Error);
    expect(() => oid('1.40')).toThrow(Asn1Error);
    expect(() => oid('1.2.x')).toThrow(Asn1Error);
  });
});
