/** IP address text ⇄ the octets of a GeneralName iPAddress (RFC 5280 §4.2.1.6: 4 octets for v4, 16 for v6), via ipaddr.js. */
import ipaddr from 'ipaddr.js';

/** Dotted-quad IPv4 or IPv6 (no zone index); null for anything else, including "127.1" and hex forms. */
export function ipToBytes(text: string): Buffer | null {
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) return Buffer.from(ipaddr.IPv4.parse(text).toByteArray());
  if (!ipaddr.IPv6.isValid(text)) return null;
  const v6 = ipaddr.IPv6.parse(text);
  return v6.zoneId ? null : Buffer.from(v6.toByteArray());
}

/** RFC 5952 text for IPv6, dotted quad for IPv4; other lengths (name-constraint address+mask) as hex. */
export function bytesToIp(bytes: Uint8Array): string {
  if (bytes.length === 4) return Array.from(bytes).join('.');
  if (bytes.length === 16) return (ipaddr.fromByteArray(Array.from(bytes)) as ipaddr.IPv6).toRFC5952String();
  return Buffer.from(bytes).toString('hex');
}
