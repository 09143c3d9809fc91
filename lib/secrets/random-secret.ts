/**
 * Secrets people may have to read or type: Crockford-style base32 without I, L, O, U (no 0/O or 1/l confusion),
 * grouped in fives. 26 characters carry 130 bits.
 */
import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function randomCopySafeSecret(chars = 26, groupSize = 5): string {
  const out: string[] = [];
  // Rejection-free: 32 symbols = 5 bits, so each byte's low 5 bits are uniform.
  const bytes = randomBytes(chars);
  for (let i = 0; i < chars; i++) out.push(ALPHABET[bytes[i]! & 31]!);
  const s = out.join('');
  return groupSize > 0 ? (s.match(new RegExp(`.{1,${groupSize}}`, 'g')) ?? []).join('-') : s;
}

/** Normalises what a person typed: case, spaces and dashes do not matter; O→0, I/L→1. */
export function normaliseCopySafeSecret(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

/** URL-safe token for links and API tokens (256 bits). */
export function randomUrlToken(prefix = ''): string {
  return prefix + randomBytes(32).toString('base64url');
}
