/**
 * The JSON API's CSRF rule. Bearer tokens are never sent by a browser on its own, so they need nothing more. The
 * dashboard's session cookie is: a page on another site can make the admin's browser send it with a form post, a
 * link or an image. So a cookie-authenticated call that changes something must prove it comes from the dashboard's
 * own pages — `Sec-Fetch-Site: same-origin` (set by the browser, not by page scripts), or, from browsers that do not
 * send Fetch Metadata, an `Origin` equal to TESSERA_PUBLIC_URL's — and a body must be `application/json`, which no
 * cross-site form can send without a CORS preflight that Tessera never grants. A request with neither header is not
 * from a browser page and should use a token.
 */
import { AppError } from '../server/errors';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

export const changesState = (method: string, sideEffects: boolean | undefined) => sideEffects ?? !SAFE_METHODS.has(method.toUpperCase());

export function checkCookieAuthenticatedCall(req: Request, publicOrigin: string, opts: { sideEffects?: boolean } = {}): AppError | null {
  if (!changesState(req.method, opts.sideEffects)) return null;
  const fetchSite = req.headers.get('sec-fetch-site');
  const origin = req.headers.get('origin');
  const sameOrigin = fetchSite !== null ? fetchSite === 'same-origin' : origin === publicOrigin;
  if (!sameOrigin) {
    return new AppError(
      'forbidden',
      'with the dashboard session, calls that change something must come from the dashboard’s own pages (same-origin); integrations use an API token (Authorization: Bearer …)',
    );
  }
  if (BODY_METHODS.has(req.method.toUpperCase())) {
    const type = (req.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/json') return new AppError('unsupported_media_type', 'body: send Content-Type: application/json', { field: 'body' });
  }
  return null;
}
