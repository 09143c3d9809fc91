import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findUnsafeText, safeText, unsafeTextReason } from './safe-text';

describe('safe text', () => {
  it('refuses NUL, C0/C1 controls, DEL and unpaired surrogates, naming the code point', () => {
    expect(unsafeTextReason('a\u0000b')).toMatch(/U\+0000/);
    expect(unsafeTextReason('\u001b[31mred')).toMatch(/U\+001B/);
    expect(unsafeTextReason('x\u0085')).toMatch(/U\+0085/);
    expect(unsafeTextReason('x\u007f')).toMatch(/U\+007F/);
    expect(unsafeTextReason('\ud800')).toMatch(/unpaired surrogate U\+D800/);
    expect(unsafeTextReason('\udfff tail')).toMatch(/unpaired surrogate U\+DFFF/);
  });

  it('accepts any other Unicode, astral characters included', () => {
    expect(unsafeTextReason('Zoë 😀 東京 — ok')).toBeNull();
  });

  it('keeps line breaks and tabs only in multi-line text', () => {
    expect(unsafeTextReason('one\ntwo')).toMatch(/U\+000A/);
    expect(unsafeTextReason('one\u2028two')).toMatch(/U\+2028/);
    expect(unsafeTextReason('one\r\ntwo\tx', 'multi-line')).toBeNull();
    expect(unsafeTextReason('one\u000btwo', 'multi-line')).toMatch(/U\+000B/);
  });

  it('is a zod string that still chains', () => {
    const s = safeText().trim().max(5);
    expect(s.safeParse(' abc ').data).toBe('abc');
    expect(s.safeParse('abcdefg').success).toBe(false);
    expect(s.safeParse('a\u0000').error?.issues[0]?.message).toMatch(/U\+0000/);
  });

  it('finds the first unsafe string or key anywhere in a body, by path', () => {
    expect(findUnsafeText({ a: [{ b: 'fine' }, { c: 'bad\u0007' }] })).toEqual({ field: 'a.1.c', reason: expect.stringMatching(/U\+0007/) });
    expect(findUnsafeText({ 'k\u0000': 1 })?.field).toBe('k\\u0000');
    expect(findUnsafeText({ note: 'two\nlines', n: 5, ok: true, nothing: null })).toBeNull();
  });

  it('never lets a string through that Postgres or an XML plist would choke on', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (s) => {
        if (findUnsafeText(s) !== null) return;
        expect(s).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/);
        expect(Buffer.from(s, 'utf8').toString('utf8')).toBe(s); // round-trips: no lone surrogate
      }),
      { numRuns: 2000 },
    );
  });
});
