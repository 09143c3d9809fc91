import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseEnv } from '../env';
import { PEER_ADDRESS_HEADER } from './peer-address-header';
import { MAX_USER_AGENT, requestMetadata } from './request-metadata';

const trusting = (ranges: string) => parseEnv({ TESSERA_TRUSTED_PROXIES: ranges });
const NONE = trusting('');
const PROXIES = trusting('10.0.0.0/8, 2001:db8::/32');

const from = (peer: string | null, xff?: string, extra: Record<string, string> = {}) =>
  new Headers({ ...(peer !== null ? { [PEER_ADDRESS_HEADER]: peer } : {}), ...(xff !== undefined ? { 'x-forwarded-for': xff } : {}), ...extra });

describe('requestMetadata', () => {
  it('is the socket peer when no proxy is trusted, whatever X-Forwarded-For says', () => {
    expect(requestMetadata(from('192.0.2.10', '198.51.100.1'), NONE).address).toBe('192.0.2.10');
  });

  it('is unknown without the peer header, never the client text', () => {
    expect(requestMetadata(from(null, '198.51.100.1', { 'x-real-ip': '198.51.100.2' }), PROXIES).address).toBeNull();
    expect(requestMetadata(from('not an address', '198.51.100.1'), PROXIES).address).toBeNull();
  });

  it('walks X-Forwarded-For from the right while the hop is a trusted proxy', () => {
    expect(requestMetadata(from('10.0.0.1', '198.51.100.1, 10.0.0.2'), PROXIES).address).toBe('198.51.100.1');
    // The left part is the client's own text: a spoofed hop beyond the first untrusted one is never reached.
    expect(requestMetadata(from('10.0.0.1', '203.0.113.9, 198.51.100.1'), PROXIES).address).toBe('198.51.100.1');
    // Several X-Forwarded-For headers read as one list, in order.
    const twoHeaders = { [PEER_ADDRESS_HEADER]: '10.0.0.1', 'x-forwarded-for': ['203.0.113.9', '198.51.100.1'] };
    expect(requestMetadata(twoHeaders, PROXIES).address).toBe('198.51.100.1');
  });

  it('stops at an entry that is not an address and keeps the last real hop', () => {
    expect(requestMetadata(from('10.0.0.1', '198.51.100.1, <script>'), PROXIES).address).toBe('10.0.0.1');
    expect(requestMetadata(from('10.0.0.1', '127.1'), PROXIES).address).toBe('10.0.0.1');
    expect(requestMetadata(from('10.0.0.1', ''), PROXIES).address).toBe('10.0.0.1');
  });

  it('normalises IPv4-mapped IPv6, ports and IPv6 spelling', () => {
    expect(requestMetadata(from('::ffff:10.1.2.3', '[2001:DB8:0::7]:443, ::ffff:198.51.100.4:8080'), PROXIES).address).toBe('10.1.2.3');
    expect(requestMetadata(from('::ffff:10.1.2.3', '198.51.100.4:8080'), PROXIES).address).toBe('198.51.100.4');
    expect(requestMetadata(from('2001:db8::1', '[2001:DB8:0:0:0:0:0:7]:443'), PROXIES).address).toBe('2001:db8::7');
    expect(requestMetadata(from('::ffff:192.0.2.1'), NONE).address).toBe('192.0.2.1');
  });

  it('reads next-auth style plain header objects the same way', () => {
    expect(requestMetadata({ [PEER_ADDRESS_HEADER]: '10.0.0.1', 'x-forwarded-for': '198.51.100.1', 'user-agent': 'Safari' }, PROXIES)).toEqual({
      address: '198.51.100.1',
      userAgent: 'Safari',
    });
  });

  it('keeps the user agent short and free of control characters', () => {
    const ua = requestMetadata(from('192.0.2.1', undefined, { 'user-agent': `Mozilla\u0007/${'x'.repeat(2000)}` }), NONE).userAgent!;
    expect(ua.length).toBe(MAX_USER_AGENT);
    expect(ua).not.toMatch(/\p{Cc}/u);
  });

  it('answers with an IP address that was on the path, or null, for any header text', () => {
    const hop = fc.oneof(fc.ipV4(), fc.ipV6(), fc.string({ maxLength: 40 }), fc.constantFrom('10.0.0.5', '2001:db8::5', '<b>', ''));
    fc.assert(
      fc.property(fc.option(hop, { nil: null }), fc.array(hop, { maxLength: 30 }), (peer, hops) => {
        let headers: Headers;
        try {
          headers = from(peer, hops.join(','));
        } catch {
          return; // not a valid header value at all: no HTTP server would hand it to us
        }
        const { address } = requestMetadata(headers, PROXIES);
        if (address === null) return;
        expect(address).toMatch(/^[0-9a-f.:]+$/);
        expect(address.length).toBeLessThanOrEqual(39);
      }),
      { numRuns: 500 },
    );
  });
});

describe('TESSERA_TRUSTED_PROXIES', () => {
  it('takes CIDR ranges and single addresses', () => {
    expect(trusting('127.0.0.1, 10.0.0.0/8,2001:db8::/32').TESSERA_TRUSTED_PROXIES).toHaveLength(3);
  });

  it('refuses anything else with a clear start-up error', () => {
    expect(() => trusting('10.0.0.0/33')).toThrow(/TESSERA_TRUSTED_PROXIES: "10.0.0.0\/33" is not an IP address or CIDR range/);
    expect(() => trusting('proxy.internal')).toThrow(/"proxy.internal" is not an IP address or CIDR range/);
  });
});
