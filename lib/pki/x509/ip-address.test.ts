import { describe, expect, it } from 'vitest';
import { bytesToIp, ipToBytes } from './ip-address';

describe('iPAddress GeneralName octets', () => {
  it.each([
    ['10.0.0.1', '0a000001', '10.0.0.1'],
    ['2001:0DB8:0:0::1', '20010db8000000000000000000000001', '2001:db8::1'],
    ['::ffff:192.0.2.1', '00000000000000000000ffffc0000201', '::ffff:c000:201'],
  ])('%s ⇄ octets', (text, hex, back) => {
    expect(ipToBytes(text)?.toString('hex')).toBe(hex);
    expect(bytesToIp(Buffer.from(hex, 'hex'))).toBe(back);
  });

  it('refuses shorthand IPv4, zone indexes and garbage', () => {
    for (const t of ['127.1', '0x7f.0.0.1', 'fe80::1%eth0', '1::2::3', 'host.example']) expect(ipToBytes(t)).toBeNull();
  });
});
