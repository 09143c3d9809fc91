/**
 * GetCACaps reply (RFC 8894 §3.5.2): exact-case keywords, one per line, no padding spaces.
 * Apple reads only AES, DES3, POSTPKIOperation and SHA-* (SCEPStandard alone is not enough), and aborts with
 * 22006 when no SHA-* keyword is present; DES and MD5 are never advertised even with the legacy switch on
 * (RFC 8894 §2.9, §7.5: advertising them invites downgrades).
 */
import { CodedError } from '../pki/errors';

export const CAPABILITY_KEYWORDS = [
  'AES',
  'DES3',
  'GetNextCACert',
  'POSTPKIOperation',
  'Renewal',
  'SCEPStandard',
  'SHA-1',
  'SHA-256',
  'SHA-512',
] as const;
export type Capability = (typeof CAPABILITY_KEYWORDS)[number];

export class CapabilitiesConfigError extends CodedError<'unknown-keyword' | 'no-sha'> {}

/** The list Tessera serves: what it implements, strongest-first choices left to the client. */
export function capabilitiesFor(opts: { renewal: boolean }): Capability[] {
  const caps: Capability[] = ['AES', 'POSTPKIOperation', 'SCEPStandard', 'SHA-256', 'SHA-512'];
  if (opts.renewal) caps.push('Renewal');
  return caps;
}

/** Throws CapabilitiesConfigError for a list iOS would refuse (no SHA-*) or one with unknown keywords. */
export function validateCapabilities(caps: readonly string[]): void {
  const unknown = caps.filter((c) => !(CAPABILITY_KEYWORDS as readonly string[]).includes(c));
  if (unknown.length) throw new CapabilitiesConfigError('unknown-keyword', `unknown SCEP capability keyword(s): ${unknown.join(', ')}`);
  if (!caps.some((c) => c.startsWith('SHA-'))) {
    throw new CapabilitiesConfigError('no-sha', 'SCEP capabilities must include SHA-1, SHA-256 or SHA-512 (iOS fails with 22006 otherwise)');
  }
}

/** The GetCACaps body: keywords joined by "\n", no trailing spaces. */
export function renderCapabilities(caps: readonly string[]): string {
  validateCapabilities(caps);
  return caps.join('\n');
}
