/**
 * "Safe text": what Tessera accepts as a human-readable string from outside. Postgres refuses NUL in text (a 500
 * where there should be a 400); C0/C1 controls reach terminals (ESC sequences) and XML plists (invalid in XML 1.0,
 * so iOS refuses the whole profile); an unpaired UTF-16 surrogate has no UTF-8 form at all. Single-line values
 * (names, hosts, SSIDs) also refuse line breaks and tabs; multi-line free text (reasons, notes) keeps \n, \r and \t.
 *
 * Use `safeText()` in a schema for one field, and `findUnsafeText()` in the request wrappers to hold every string
 * of a body or query to at least the multi-line rule, whatever schema follows.
 */
import { z } from 'zod';

export type TextKind = 'single-line' | 'multi-line';

const UNSAFE: Record<TextKind, RegExp> = {
  'single-line': /[\p{Cc}\p{Cs}\u2028\u2029]/u,
  'multi-line': /[\p{Cs}\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/u,
};

const codePoint = (ch: string) => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** Why `value` is not safe text of this kind, or null when it is. */
export function unsafeTextReason(value: string, kind: TextKind = 'single-line'): string | null {
  const found = UNSAFE[kind].exec(value)?.[0];
  if (found === undefined) return null;
  return /\p{Cs}/u.test(found)
    ? `must be valid Unicode text (found an unpaired surrogate ${codePoint(found)})`
    : `must not contain control characters or line breaks (found ${codePoint(found)})`;
}

/** A zod string that refuses unsafe text; chain .trim()/.min()/.max() as usual (zod 4 keeps it a ZodString). */
export function safeText(kind: TextKind = 'single-line') {
  return z.string().superRefine((value, ctx) => {
    const reason = unsafeTextReason(value, kind);
    if (reason) ctx.addIssue({ code: 'custom', message: reason });
  });
}

export interface UnsafeTextFinding {
  /** Dotted path of the offending value ("wifi.trustedServerNames.0"), or of the key itself. */
  field: string;
  reason: string;
}

/** The first string (or object key) anywhere in a parsed JSON value or form that is not multi-line safe text. */
export function findUnsafeText(value: unknown, path: string[] = []): UnsafeTextFinding | null {
  if (typeof value === 'string') {
    const reason = unsafeTextReason(value, 'multi-line');
    return reason ? { field: path.join('.'), reason } : null;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findUnsafeText(value[i], [...path, String(i)]);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      const keyReason = unsafeTextReason(key, 'single-line');
      if (keyReason) return { field: [...path, JSON.stringify(key).slice(1, -1)].join('.'), reason: `field name ${keyReason}` };
      const found = findUnsafeText(v, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}
