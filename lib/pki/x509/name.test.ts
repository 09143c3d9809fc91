import { describe, expect, it } from 'vitest';
import { NameError } from '../errors';
import { encodeDistinguishedName, formatName, parseDistinguishedName } from './name';
import { openssl } from '../../../test/support/openssl';

describe('parseDistinguishedName', () => {
  it('returns RDNs in DER order (reverse of the text)', () => {
    expect(parseDistinguishedName('CN=Leaf,O=Example,C=US').map((r) => r[0].oid)).toEqual([
      '2.5.4.6',
      '2.5.4.10',
      '2.5.4.3',
    ]);
  });

  it('handles escapes, hex pairs, multi-valued RDNs, OIDs and spaces after commas', () => {
    const rdns = parseDistinguishedName('CN=a\\,b\\+c\\5C+UID=u1, O = Caf\\C3\\A9 ,2.5.4.11=Ops\\ ');
    expect(rdns).toEqual([
      [{ oid: '2.5.4.11', value: 'Ops ' }],
      [{ oid: '2.5.4.10', value: 'Café' }],
      [
        { oid: '2.5.4.3', value: 'a,b+c\\' },
        { oid: '0.9.2342.19200300.100.1.1', value: 'u1' },
      ],
    ]);
  });

  it('accepts the #hex form and keeps the raw value', () => {
    const [[attr]] = parseDistinguishedName('CN=#130568656c6c6f');
    expect(attr.value).toBe('hello');
    expect(Buffer.from(attr.rawValueDer!).toString('hex')).toBe('130568656c6c6f');
  });

  it('rejects malformed input', () => {
    expect(() => parseDistinguishedName('CN=a,,O=b')).toThrow(NameError);
    expect(() => parseDistinguishedName('justtext')).toThrow(/TYPE=value/);
    expect(() => parseDistinguishedName('FOO=bar')).toThrow(/unknown attribute/);
    expect(() => parseDistinguishedName('CN=')).toThrow(/empty value/);
    expect(() => encodeDistinguishedName('C=USA')).toThrow(/two-letter/);
  });
});

describe('formatName', () => {
  it('round-trips text through DER', () => {
    for (const text of [
      'CN=Tessera Enrollment CA,O=Example',
      'CN=a\\,b\\+c,O=x\\;y,OU=\\#hash',
      'UID=42+CN=alice@example.com,DC=example,DC=com', // already in DER SET OF order
      'emailAddress=a@b.c,CN=Ünïcödé 😀',
      'CN=\\ leading and trailing\\ ',
    ]) {
      expect(formatName(encodeDistinguishedName(text))).toBe(text);
    }
  });

  it('renders non-string values as #hex', () => {
    // Name ::= SEQUENCE { SET { SEQUENCE { id-at-commonName, INTEGER 5 } } }
    const der = Buffer.from('300c310a3008060355040302010' + '5', 'hex');
    expect(formatName(der)).toBe('CN=#020105');
  });

  it('encodes C as PrintableString, emailAddress/DC as IA5String and the rest as UTF8String', () => {
    const der = encodeDistinguishedName('CN=n,emailAddress=a@b.c,DC=corp,C=de');
    const parsed = openssl(['asn1parse', '-inform', 'DER'], der);
    expect(parsed).toMatch(/PRINTABLESTRING\s+:DE/);
    expect(parsed).toMatch(/IA5STRING\s+:corp/);
    expect(parsed).toMatch(/IA5STRING\s+:a@b.c/);
    expect(parsed).toMatch(/UTF8STRING\s+:n/);
  });
});
