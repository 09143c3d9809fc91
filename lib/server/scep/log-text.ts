/**
 * Text as the SCEP log stores it. Whatever a client sent (an `operation=` with NUL or ESC, a CSR name with a lone
 * surrogate) must fit a Postgres text column and print safely in a terminal: C0/C1 controls become "\x1b", lone
 * surrogates "\ud800", and the length is capped without splitting a character or an escape.
 */
function printable(ch: string): string {
  const cp = ch.codePointAt(0) ?? 0;
  if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)) return `\\x${cp.toString(16).padStart(2, '0')}`;
  if (cp >= 0xd800 && cp <= 0xdfff) return `\\u${cp.toString(16)}`;
  return ch;
}

export function logText(value: string, max: number): string {
  let out = '';
  for (const ch of value) {
    const piece = printable(ch);
    if (out.length + piece.length > max) break;
    out += piece;
  }
  return out;
}

export const logTextOrNull = (value: string | null | undefined, max: number): string | null => (value == null ? null : logText(value, max));
