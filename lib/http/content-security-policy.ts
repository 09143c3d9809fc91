/**
 * The pages' Content-Security-Policy: scripts run only with this response's nonce ('strict-dynamic' lets those
 * scripts load Next's chunks), so an injected <script> or inline handler does not run even if some text reached the
 * HTML unescaped. proxy.ts makes a fresh nonce per request and puts the policy on the request too, where Next reads
 * the nonce and adds it to every script it renders; that needs dynamic rendering, which app/layout.tsx asks for.
 * Styles keep 'unsafe-inline': React writes style attributes, and a nonce cannot cover those.
 */
import { randomBytes } from 'node:crypto';

export const NONCE_HEADER = 'x-nonce';

export function newNonce(): string {
  return randomBytes(18).toString('base64');
}

export function contentSecurityPolicy(nonce: string, opts: { dev?: boolean } = {}): string {
  return [
    "default-src 'self'",
    // Next's dev server evaluates module updates with eval(); production never does.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${opts.dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Powerful browser features no Tessera page uses, switched off for the page and anything it might embed. */
export const PERMISSIONS_POLICY = [
  'accelerometer=()',
  'camera=()',
  'display-capture=()',
  'geolocation=()',
  'gyroscope=()',
  'hid=()',
  'magnetometer=()',
  'microphone=()',
  'midi=()',
  'payment=()',
  'serial=()',
  'usb=()',
].join(', ');
