import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeGetMessage, decodeOperation, percentDecode, rawQueryParam } from './http-decode';

// Bytes whose base64 contains '+', '/' and '=' padding.
const bytes = Buffer.from([0xfb, 0xef, 0xbe, 0xff, 0xff, 0xff, ...crypto.randomBytes(201), 0xfb]);
const b64 = bytes.toString('base64');

describe('operation', () => {
  it.each([
    ['operation=GetCACaps', 'GetCACaps'],
    ['operation=getcacaps', 'GetCACaps'],
    ['OPERATION=PKIOperation&message=x', 'PKIOperation'],
    ['message=Foo%20CA&operation=GetCACert', 'GetCACert'],
    ['operation=Get%43ACert', 'GetCACert'],
  ])('%s → %s', (query, op) => {
    expect(decodeOperation(query).operation).toBe(op);
  });

  it('reports unknown and missing operations', () => {
    expect(decodeOperation('operation=GetCAChain')).toEqual({ operation: null, given: 'GetCAChain' });
    expect(decodeOperation('message=x')).toEqual({ operation: null, given: null });
    expect(decodeOperation('')).toEqual({ operation: null, given: null });
  });

  it('reads raw values without form decoding', () => {
    expect(rawQueryParam('operation=PKIOperation&message=a+b%2Bc', 'message')).toBe('a+b%2Bc');
    expect(percentDecode('a+b%2Bc%3D')).toBe('a+b+c=');
    expect(percentDecode('%zz')).toBeNull();
  });
});

describe('GET message decoding', () => {
  const ok = (raw: string) => {
    const r = decodeGetMessage(raw);
    expect(r.ok).toBe(true);
    return r.ok ? Buffer.from(r.bytes) : Buffer.alloc(0);
  };
  expect(b64).toMatch(/\+/);
  expect(b64).toMatch(/\//);
  expect(b64).toMatch(/=$/);

  it('quirk/get-fully-escaped (%2B %2F %3D)', () => {
    expect(ok(encodeURIComponent(b64))).toEqual(bytes);
  });

  it('quirk/get-unescaped-plus (iOS: + and / raw, = as %3D)', () => {
    expect(ok(b64.replace(/=/g, '%3D'))).toEqual(bytes);
  });

  it('quirk/get-sscep-line-breaks (%0A every 64, %2B, %3D, raw /)', () => {
    const wrapped = b64.match(/.{1,64}/g)!.join('\n') + '\n';
    const sscep = wrapped.replace(/\+/g, '%2B').replace(/=/g, '%3D').replace(/\n/g, '%0A');
    expect(sscep).toContain('%0A');
    expect(ok(sscep)).toEqual(bytes);
  });

  it('quirk/get-cisco (%0A, %2B, %2F, %3D and CRLF)', () => {
    const wrapped = b64.match(/.{1,64}/g)!.join('\r\n');
    expect(ok(encodeURIComponent(wrapped))).toEqual(bytes);
  });

  it('quirk/get-base64url (old micromdm), with or without padding', () => {
    const url = bytes.toString('base64url');
    expect(ok(url)).toEqual(bytes);
    expect(ok(url + '%3D'.repeat((4 - (url.length % 4)) % 4))).toEqual(bytes);
  });

  it('quirk/get-missing-padding', () => {
    expect(ok(b64.replace(/=+$/, ''))).toEqual(bytes);
  });

  it('quirk/get-double-escaped (%253D)', () => {
    expect(ok(encodeURIComponent(encodeURIComponent(b64)))).toEqual(bytes);
  });

  it('quirk/get-form-mangled-plus (space back to +)', () => {
    expect(ok(b64.replace(/\+/g, '%20').replace(/=/g, '%3D'))).toEqual(bytes);
  });

  it.each([
    ['empty', ''],
    ['only padding', '%3D%3D'],
    ['invalid characters', 'MIIB*AAA'],
    ['mixed alphabets', 'ab+c-d__'],
    ['impossible length', 'AAAAA'],
    ['too much padding', 'AAAA==='],
    ['bad percent escape', 'AAAA%G1'],
    ['wrong padding', 'AAA=='],
  ])('fail/%s', (_name, raw) => {
    expect(decodeGetMessage(raw).ok).toBe(false);
  });
});
