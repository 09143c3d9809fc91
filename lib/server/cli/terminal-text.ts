/**
 * Data shown on a terminal is written with its control characters made visible. Values such as a SCEP operation
 * name or a user agent come from unauthenticated clients; raw, an ESC starts an escape sequence (colours, cursor
 * moves, a new window title, in some terminals a clipboard write) and a newline forges a log line of its own. The
 * escaping is the SCEP log's own (lib/server/scep/log-text.ts), so a value reads the same in both places.
 */
import { logText } from '../scep/log-text';

export function escapeControlCharacters(text: string): string {
  return logText(text, Number.POSITIVE_INFINITY);
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
