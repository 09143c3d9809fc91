/**
 * SCEP over HTTP (RFC 8894 §4.1, §4.3): the operation and the GET `message` read from the raw query string.
 *
 * Form decoding (URLSearchParams, querystring) turns `+` into a space and Buffer.from(…, 'base64') silently drops
 * invalid characters, so neither is used. What clients actually send:
 *   iOS/macOS   `+` and `/` raw, `=` as %3D
 *   sscep/Cisco %0A every 64 characters, %2B, %3D (and %2F on Cisco)
 *   micromdm    base64url (`-`, `_`) before 2026, %3D padding
 */

export const OPERATIONS = ['GetCACaps', 'GetCACert', 'GetNextCACert', 'PKIOperation'] as const;
export type Operation = (typeof OPERATIONS)[number];

/** The raw (still percent-encoded) value of the first `name` parameter, matched case-insensitively. */
export function rawQueryParam(rawQuery: string, name: string): string | null {
  const wanted = name.toLowerCase();
  for (const pair of rawQuery.split('&')) {
    const eq = pair.indexOf('=');
    const key = eq < 0 ? pair : pair.slice(0, eq);
    if (percentDecode(key)?.toLowerCase() === wanted) return eq < 0 ? '' : pair.slice(eq + 1);
  }
  return null;
}

/** RFC 3986 percent-decoding into bytes read as Latin-1; `+` stays `+`. Null on a malformed escape. */
export function percentDecode(value: string): string | null {
  if (!/^(?:[^%]|%[0-9A-Fa-f]{2})*$/.test(value)) return null;
  return value.replace(/%([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

export interface DecodedOperation {
  /** The canonical name, or null when missing or unknown. */
  operation: Operation | null;
  /** What the client sent (decoded, truncated for logs), or null when the parameter is absent. */
  given: string | null;
}

/** Reads `operation`, case-insensitively (RFC 8894 defines exact names; leniency costs nothing). */
export function decodeOperation(rawQuery: string): DecodedOperation {
  const raw = rawQueryParam(rawQuery, 'operation');
  if (raw === null) return { operation: null, given: null };
  const given = (percentDecode(raw) ?? raw).slice(0, 64);
  const operation = OPERATIONS.find((op) => op.toLowerCase() === given.trim().toLowerCase()) ?? null;
  return { operation, given };
}

export type MessageDecodeResult = { ok: true; bytes: Uint8Array } | { ok: false; reason: string };

const STANDARD = /^[A-Za-z0-9+/]*$/;
const URL_SAFE = /^[A-Za-z0-9\-_]*$/;

/**
 * Decodes the GET `message` parameter to the pkiMessage bytes. Rejects (never drops) characters outside the
 * base64 alphabets; tolerates missing padding, line breaks, double escaping and, as a last resort, base64url.
 */
export function decodeGetMessage(rawValue: string): MessageDecodeResult {
  let text = percentDecode(rawValue);
  if (text === null) return { ok: false, reason: 'message parameter has a malformed percent-escape' };
  // Twice-escaped input (%253D): decode once more only when the first pass left escapes behind.
  if (/%[0-9A-Fa-f]{2}/.test(text)) {
    const again = percentDecode(text);
    if (again !== null) text = again;
  }
  // sscep/Cisco line breaks; a space can only be a `+` that something upstream form-decoded.
  text = text.replace(/[\r\n\t]/g, '').replace(/ /g, '+');
  const body = text.replace(/=+$/, '');
  const padding = text.length - body.length;
  if (body.length === 0) return { ok: false, reason: 'message parameter is empty' };
  if (padding > 2 || body.length % 4 === 1) return { ok: false, reason: 'message parameter has an impossible base64 length' };
  if (padding > 0 && (body.length + padding) % 4 !== 0) return { ok: false, reason: 'message parameter has wrong base64 padding' };
  let encoding: 'base64' | 'base64url';
  if (STANDARD.test(body)) encoding = 'base64';
  else if (URL_SAFE.test(body)) encoding = 'base64url';
  else return { ok: false, reason: 'message parameter is not base64' };
  const bytes = Buffer.from(body, encoding);
  if (bytes.length !== Math.floor((body.length * 3) / 4)) return { ok: false, reason: 'message parameter is not base64' };
  return { ok: true, bytes };
}
