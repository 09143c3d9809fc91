/**
 * Data shown on a terminal is written with its control characters made visible. Values such as a SCEP operation
 * name or a user agent come from unauthenticated clients; raw, an ESC starts an escape sequence (colours, cursor
 * moves, a new window title, in some terminals a clipboard write) and a newline forges a log line of its own.
 */
const CONTROL = /[\p{Cc}\p{Cs}\u2028\u2029]/gu;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function visible(ch: string): string {
  if (NAMED[ch]) return NAMED[ch];
  const cp = ch.codePointAt(0)!;
  return cp <= 0xff ? `\\x${cp.toString(16).padStart(2, '0')}` : `\\u${cp.toString(16).padStart(4, '0')}`;
}

export function escapeControlCharacters(text: string): string {
  return text.replace(CONTROL, visible);
}

/** A copy of a command's output with every string escaped, so its text formatter cannot print raw controls. */
export function escapeForTerminal<T>(value: T): T {
  if (typeof value === 'string') return escapeControlCharacters(value) as T;
  if (Array.isArray(value)) return value.map((v) => escapeForTerminal(v)) as T;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, escapeForTerminal(v)])) as T;
  }
  return value;
}
