/**
 * IP addresses and CIDR ranges, for deciding where a request came from. Parsing is strict on purpose: only the
 * dotted-quad and RFC 4291 text forms (node:net) count as addresses, so "127.1", "0x7f.0.0.1" or a host name is not
 * one; ipaddr.js then normalises (IPv4-mapped IPv6 becomes plain IPv4) and matches ranges.
 */
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

export type IpAddress = ipaddr.IPv4 | ipaddr.IPv6;
export type CidrRange = [IpAddress, number];

// Long enough for any IPv6 text form with a zone; anything longer is not an address and is not worth parsing.
const MAX_ADDRESS_TEXT = 64;

/** The address in `text`, or null. Accepts a port suffix ("192.0.2.1:443", "[2001:db8::1]:443") as proxies write it. */
export function parseIpAddress(text: string | null | undefined): IpAddress | null {
  if (!text) return null;
  let s = text.trim();
  if (s.length === 0 || s.length > MAX_ADDRESS_TEXT) return null;
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(s);
  if (bracketed) s = bracketed[1]!;
  else if (/^[\d.]+:\d{1,5}$/.test(s)) s = s.slice(0, s.lastIndexOf(':'));
  if (isIP(s) === 0) return null;
  const address = ipaddr.process(s);
  // A zone ("fe80::1%eth0") names an interface of the machine that wrote it, not part of the client's identity.
  if (address.kind() === 'ipv6') (address as ipaddr.IPv6).zoneId = undefined;
  return address;
}

/** The canonical text of an address: dotted quad, or RFC 5952 for IPv6. */
export function formatIpAddress(address: IpAddress): string {
  return address.kind() === 'ipv6' ? (address as ipaddr.IPv6).toRFC5952String() : address.toString();
}

/** "10.0.0.0/8", "2001:db8::/32", or a bare address (one host). Null when it is neither. */
export function parseCidrRange(text: string): CidrRange | null {
  const s = text.trim();
  const slash = s.indexOf('/');
  const address = parseIpAddress(slash === -1 ? s : s.slice(0, slash));
  if (!address) return null;
  const max = address.kind() === 'ipv4' ? 32 : 128;
  if (slash === -1) return [address, max];
  const bitsText = s.slice(slash + 1);
  if (!/^\d{1,3}$/.test(bitsText)) return null;
  const bits = Number(bitsText);
  return bits <= max ? [address, bits] : null;
}

export function inAnyRange(address: IpAddress, ranges: readonly CidrRange[]): boolean {
  return ranges.some(([base, bits]) => base.kind() === address.kind() && address.match(base, bits));
}
