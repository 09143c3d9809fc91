/** IP address text ⇄ the octets of a GeneralName iPAddress (RFC 5280 §4.2.1.6: 4 octets for v4, 16 for v6). */
import { isIPv4, isIPv6 } from 'node:net';

function ipv4Bytes(text: string): number[] {
  return text.split('.').map(Number);
}

export function ipToBytes(text: string): Buffer | null {
  if (isIPv4(text)) return Buffer.from(ipv4Bytes(text));
  if (!isIPv6(text)) return null;
  let v6 = text;
  const lastColon = text.lastIndexOf(':');
  const tail = text.slice(lastColon + 1);
  if (tail.includes('.')) {
    // "::ffff:192.0.2.1": rewrite the dotted tail as two hex groups.
    const [a, b, c, d] = ipv4Bytes(tail);
    v6 = `${text.slice(0, lastColon + 1)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [left, right] = v6.includes('::') ? v6.split('::') : [v6, undefined];
  const leftGroups = left ? left.split(':') : [];
  const rightGroups = right ? right.split(':') : [];
  const zeros = right === undefined ? 0 : 8 - leftGroups.length - rightGroups.length;
  const groups = [...leftGroups, ...Array<string>(Math.max(zeros, 0)).fill('0'), ...rightGroups];
  if (groups.length !== 8) return null;
  const out = Buffer.alloc(16);
  groups.forEach((g, i) => out.writeUInt16BE(parseInt(g, 16), i * 2));
  return out;
}

/** RFC 5952 text for IPv6 (lower case, longest zero run compressed); dotted quad for IPv4. */
export function bytesToIp(bytes: Uint8Array): string {
  if (bytes.length === 4) return Array.from(bytes).join('.');
  if (bytes.length !== 16) return Buffer.from(bytes).toString('hex'); // name constraints carry addr+mask (32 octets)
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((bytes[i] << 8) | bytes[i + 1]);
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}
