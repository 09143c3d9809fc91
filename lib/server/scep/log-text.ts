/**
 * Text as the SCEP log stores it. Whatever a client sent (an `operation=` with NUL or ESC, a CSR name with a lone
 * surrogate) must fit a Postgres text column and print safely in a terminal: C0/C1 controls become "\x1b", lone
 * surrogates "\ud800", and the length is capped.
 */
export function logText(value: string, max: number): string {
  let out = '';
  for (const ch of value) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)) out += `\\x${cp.toString(16).padStart(2, '0')}`;
    else if (cp >= 0xd800 && cp <= 0xdfff) out += `\\u${cp.toString(16)}`;
    else out += ch;
    if (out.length >= max) break;
  }
  return out.length > max ? out.slice(0, max) : out;
}

export const logTextOrNull = (value: string | null | undefined, max: number): string | null => (value == null ? null : logText(value, max));
