import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeControlCharacters, escapeForTerminal } from './terminal-text';

describe('terminal text', () => {
  it('makes controls visible and leaves other text alone', () => {
    expect(escapeControlCharacters('\u001b]0;owned\u0007 tab\there\nnext\u0085 Zoë 😀')).toBe('\\x1b]0;owned\\x07 tab\\x09here\\x0anext\\x85 Zoë 😀');
    expect(escapeControlCharacters('lone \ud800')).toBe('lone \\ud800');
  });

  it('escapes every string in a command output, nested, and keeps other values', () => {
    const out = escapeForTerminal({ items: [{ reason: 'bad\u001b[2J', count: 3, ok: true, when: null }], total: 1 });
    expect(out).toEqual({ items: [{ reason: 'bad\\x1b[2J', count: 3, ok: true, when: null }], total: 1 });
  });

  it('never leaves a control character in its output', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (s) => {
        expect(escapeControlCharacters(s)).not.toMatch(/[\p{Cc}\p{Cs}]/u);
      }),
      { numRuns: 2000 },
    );
  });
});
