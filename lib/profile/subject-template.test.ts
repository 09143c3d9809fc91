import { describe, expect, it } from 'vitest';
import { parseSubjectTemplate, renderSubject, SubjectTemplateError } from './subject-template';

const alice = { email: 'alice@example.com', username: 'alice', organization: 'Example' };

describe('renderSubject', () => {
  it('builds the [SCEP] array of RDNs of pairs', () => {
    expect(renderSubject('CN={email}', alice)).toEqual([[['CN', 'alice@example.com']]]);
    expect(renderSubject('CN={email},O={organization}', alice)).toEqual([[['CN', 'alice@example.com']], [['O', 'Example']]]);
  });

  it('normalizes types, trims loose spaces and maps non-[SCEP] names to OIDs', () => {
    expect(renderSubject(' cn = {email} , o = Acme , c = us, E={email}', alice)).toEqual([
      [['CN', 'alice@example.com']],
      [['O', 'Acme']],
      [['C', 'US']],
      [['1.2.840.113549.1.9.1', 'alice@example.com']],
    ]);
    expect(renderSubject('2.5.4.97=VATDE-123', alice)).toEqual([[['2.5.4.97', 'VATDE-123']]]);
  });

  it('joins attributes of a multi-valued RDN with +', () => {
    expect(renderSubject('CN={username}+UID={username},O=X', alice)).toEqual([
      [['CN', 'alice'], ['0.9.2342.19200300.100.1.1', 'alice']],
      [['O', 'X']],
    ]);
  });

  it('honours RFC 4514 escapes and quoted values in the template', () => {
    expect(renderSubject('CN=Doe\\, John,O=Example\\, Inc.,OU="Sales, EMEA",L=\\"Q\\" \\+ A', alice)).toEqual([
      [['CN', 'Doe, John']],
      [['O', 'Example, Inc.']],
      [['OU', 'Sales, EMEA']],
      [['L', '"Q" + A']],
    ]);
    expect(renderSubject('CN=Caf\\C3\\A9 \\{x\\},O=Müller & Söhne', alice)).toEqual([[['CN', 'Café {x}']], [['O', 'Müller & Söhne']]]);
    expect(renderSubject('CN=\\ padded\\ ', alice)).toEqual([[['CN', ' padded ']]]);
  });

  it('substitutes values verbatim after parsing, so commas, quotes and unicode cannot forge RDNs', () => {
    const person = { ...alice, displayName: 'Zoë "Z" Müller, Jr.,O=Evil+CN=root 🔐' };
    expect(renderSubject('CN={displayName},O={organization}', person)).toEqual([
      [['CN', 'Zoë "Z" Müller, Jr.,O=Evil+CN=root 🔐']],
      [['O', 'Example']],
    ]);
  });

  it('rejects invalid substituted values', () => {
    expect(() => renderSubject('CN={displayName}', alice)).toThrow(/uses \{displayName\} but no displayName/);
    expect(() => renderSubject('CN={displayName}', { ...alice, displayName: 'a\nb' })).toThrow(/control character/);
    expect(() => renderSubject('CN={email}', { email: `${'a'.repeat(60)}@example.com` })).toThrow(/limit of 64/);
    expect(() => renderSubject('C=USA', alice)).toThrow(/two-letter/);
  });
});

describe('parseSubjectTemplate errors', () => {
  const cases: [string, RegExp][] = [
    ['', /empty/],
    ['CN={mail}', /unknown placeholder "\{mail\}"/],
    ['FOO=bar', /unknown attribute type "FOO"/],
    ['CN="unterminated', /unterminated/],
    ['CN=', /empty value for CN/],
    ['CN=a,', /expected "type=value"/],
    ['CN=a"b', /unescaped """/],
    ['CN=a\\q', /invalid escape/],
    ['CN=\\FF\\FE', /not valid UTF-8/],
    ['CN', /expected "type=value"/],
  ];
  it.each(cases)('%j → %s', (template, message) => {
    expect(() => parseSubjectTemplate(template)).toThrow(SubjectTemplateError);
    expect(() => parseSubjectTemplate(template)).toThrow(message);
  });
});
