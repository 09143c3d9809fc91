/**
 * Text that must never reach a certificate name: control characters (NUL above all: C strings stop there, so
 * "bob@example.test\0.evil.example" reads as bob to some relying parties), bidirectional overrides (which make a name
 * display as another), and lone UTF-16 surrogates (not Unicode at all; Postgres refuses them in JSON).
 */
const BIDI_OVERRIDE = /[\u202A-\u202E\u2066-\u2069]/u;

const codePoint = (ch: string) => `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

/** Why `value` cannot be a name, in words that finish "CN …" or "email SAN …"; null when it can. */
export function unsafeText(value: string): string | null {
  if (!value.isWellFormed()) return 'is not valid Unicode (it holds a lone UTF-16 surrogate)';
  const control = /\p{Cc}/u.exec(value);
  if (control) return control[0] === '\u0000' ? 'contains a NUL byte' : `contains a control character (${codePoint(control[0])})`;
  const bidi = BIDI_OVERRIDE.exec(value);
  if (bidi) return `contains a bidirectional override (${codePoint(bidi[0])})`;
  return null;
}
