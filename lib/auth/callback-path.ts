/**
 * Where sign-in (and sign-out) may send a browser afterwards. The value comes from the URL, so it is parsed the way
 * the browser will parse it — WHATWG URL, which drops tabs and newlines and reads "\" as "/" — against the site's
 * own origin: "/\t/evil.example" becomes "//evil.example", another host, and is refused. Only dashboard paths and
 * the sign-in page qualify; the result is the URL's serialised path, so it can never break a Location header.
 */
export const DEFAULT_CALLBACK_PATH = '/admin';

const ALLOWED = [/^\/admin(?:\/|$)/, /^\/login$/];

export function safeCallbackPath(value: string | null | undefined, baseUrl: string): string {
  if (!value) return DEFAULT_CALLBACK_PATH;
  let target: URL;
  try {
    target = new URL(value, baseUrl);
  } catch {
    return DEFAULT_CALLBACK_PATH;
  }
  if (target.origin !== new URL(baseUrl).origin || !ALLOWED.some((re) => re.test(target.pathname))) return DEFAULT_CALLBACK_PATH;
  return `${target.pathname}${target.search}${target.hash}`;
}
