import { describe, expect, it } from 'vitest';
import type { SanEntry } from '../csr-types';
import { filterSans } from './filter-sans';

const all: SanEntry['type'][] = ['dns', 'email', 'uri', 'ip', 'upn'];

describe('filterSans', () => {
  it('drops types that are not allowed', () => {
    const r = filterSans(
      [{ type: 'dns', value: 'a.example.com' }, { type: 'ip', value: '10.0.0.1' }],
      { allowedTypes: ['dns'] },
    );
    expect(r.allowed).toEqual([{ type: 'dns', value: 'a.example.com' }]);
    expect(r.refused).toEqual([{ type: 'ip', value: '10.0.0.1' }]);
  });

  it('matches DNS suffixes on label boundaries, case-insensitively', () => {
    const r = filterSans(
      [
        { type: 'dns', value: 'Mac1.Corp.Example.com' },
        { type: 'dns', value: 'corp.example.com' },
        { type: 'dns', value: 'evilcorp.example.com' },
        { type: 'dns', value: 'corp.example.com.evil.net' },
      ],
      { allowedTypes: ['dns'], dnsSuffixes: ['.corp.example.com'] },
    );
    expect(r.allowed.map((s) => s.value)).toEqual(['Mac1.Corp.Example.com', 'corp.example.com']);
    expect(r.refused).toHaveLength(2);
  });

  it('matches email and UPN domains exactly', () => {
    const r = filterSans(
      [
        { type: 'email', value: 'a@Example.com' },
        { type: 'email', value: 'a@sub.example.com' },
        { type: 'upn', value: 'a@example.com' },
        { type: 'upn', value: 'admin@other.com' },
      ],
      { allowedTypes: all, emailDomains: ['example.com'] },
    );
    expect(r.allowed).toEqual([{ type: 'email', value: 'a@Example.com' }, { type: 'upn', value: 'a@example.com' }]);
    expect(r.refused).toHaveLength(2);
  });

  it('refuses malformed values and wildcards, and deduplicates', () => {
    const r = filterSans(
      [
        { type: 'dns', value: '*.example.com' },
        { type: 'dns', value: 'bad_name.example.com' },
        { type: 'email', value: 'no-at-sign' },
        { type: 'email', value: 'ünï@example.com' },
        { type: 'ip', value: '999.1.1.1' },
        { type: 'uri', value: 'not a uri' },
        { type: 'ip', value: '2001:db8::1' },
        { type: 'uri', value: 'urn:uuid:6e8bc430-9c3a-11d9-9669-0800200c9a66' },
        { type: 'dns', value: 'A.example.com' },
        { type: 'dns', value: 'a.example.com' },
      ],
      { allowedTypes: all },
    );
    expect(r.allowed).toEqual([
      { type: 'ip', value: '2001:db8::1' },
      { type: 'uri', value: 'urn:uuid:6e8bc430-9c3a-11d9-9669-0800200c9a66' },
      { type: 'dns', value: 'A.example.com' },
    ]);
    expect(r.refused).toHaveLength(6);
  });
});
