/**
 * Where a request came from, decided in one place for every caller (throttles, the SCEP log, the audit log,
 * enrollment pages, sign-in). X-Forwarded-For is whatever the client wrote unless a proxy we trust wrote it, so the
 * address starts from the TCP peer, which Tessera's own HTTP server passes in PEER_ADDRESS_HEADER after deleting
 * any client copy. While the current hop is a trusted proxy (TESSERA_TRUSTED_PROXIES), the walk steps one entry
 * left in X-Forwarded-For; the answer is the right-most hop that is not a trusted proxy. Text that is not an IP
 * address is never returned: no peer header means "unknown" (null).
 */
import { headers } from 'next/headers';
import type { TesseraEnv } from '../env';
import { formatIpAddress, inAnyRange, parseIpAddress, type IpAddress } from '../net/ip';
import { PEER_ADDRESS_HEADER } from './peer-address-header';

export interface RequestMetadata {
  /** The client's IP address in canonical form, or null when unknown. */
  address: string | null;
  /** The User-Agent header, without control characters and cut to MAX_USER_AGENT characters. */
  userAgent: string | null;
}

/** A Fetch `Headers` (route handlers, `headers()` in pages and actions) or a plain object (next-auth's `req.headers`). */
export type HeaderSource = { get(name: string): string | null } | Record<string, string | string[] | undefined>;

export const MAX_USER_AGENT = 512;
// A chain of proxies longer than this is not a deployment; stop walking rather than parse an attacker's 8 KB header.
const MAX_HOPS = 16;

function header(source: HeaderSource, name: string): string | null {
  if (typeof source.get === 'function') return (source as { get(name: string): string | null }).get(name);
  const v = (source as Record<string, string | string[] | undefined>)[name];
  return Array.isArray(v) ? v.join(', ') : (v ?? null);
}

function clientAddress(source: HeaderSource, trusted: TesseraEnv['TESSERA_TRUSTED_PROXIES']): IpAddress | null {
  let current = parseIpAddress(header(source, PEER_ADDRESS_HEADER));
  if (!current || trusted.length === 0) return current;
  const hops = (header(source, 'x-forwarded-for') ?? '').split(',');
  for (let walked = 0; walked < MAX_HOPS && inAnyRange(current, trusted) && hops.length > 0; walked++) {
    const next = parseIpAddress(hops.pop());
    // Not an address: the entries further left cannot be attributed to anyone, so the last real hop stands.
    if (!next) break;
    current = next;
  }
  return current;
}

/**
 * The X-Forwarded-Host to believe: the right-most value (the nearest proxy's) when the peer is a trusted proxy,
 * otherwise none — then the Host header, which a browser always sets to the site it talks to, is what counts.
 */
export function trustedForwardedHost(source: HeaderSource, env: Pick<TesseraEnv, 'TESSERA_TRUSTED_PROXIES'>): string | null {
  const peer = parseIpAddress(header(source, PEER_ADDRESS_HEADER));
  if (!peer || !inAnyRange(peer, env.TESSERA_TRUSTED_PROXIES)) return null;
  return (header(source, 'x-forwarded-host') ?? '').split(',').pop()?.trim() || null;
}

function cleanUserAgent(value: string | null): string | null {
  if (!value) return null;
  const clean = value.replace(/[\p{Cc}\p{Cs}]/gu, '').trim().slice(0, MAX_USER_AGENT);
  return clean || null;
}

export function requestMetadata(source: Request | HeaderSource, env: Pick<TesseraEnv, 'TESSERA_TRUSTED_PROXIES'>): RequestMetadata {
  const headers = source instanceof Request ? source.headers : source;
  const address = clientAddress(headers, env.TESSERA_TRUSTED_PROXIES);
  return { address: address ? formatIpAddress(address) : null, userAgent: cleanUserAgent(header(headers, 'user-agent')) };
}

/** The same, for pages and server actions, which see the request only through next/headers. */
export async function incomingRequestMetadata(env: Pick<TesseraEnv, 'TESSERA_TRUSTED_PROXIES'>): Promise<RequestMetadata> {
  return requestMetadata(await headers(), env);
}
