/**
 * Next 16's request proxy (formerly middleware): sends signed-out visitors of /admin to the sign-in page and adds
 * HSTS to HTTPS responses. It is only a shortcut: every page, server action and route handler checks the session
 * itself. SCEP paths are left alone (binary protocol; clients do not care about HSTS).
 *
 * Pages get their Content-Security-Policy here, with a fresh script nonce per request (lib/http/content-security-
 * policy.ts). It also drops an X-Forwarded-Host that no trusted proxy wrote. Next's server-action CSRF check compares Origin
 * with X-Forwarded-Host before Host, so a forged X-Forwarded-Host matching a forged Origin would pass it.
 */
import { getToken } from 'next-auth/jwt';
import { NextResponse, type NextRequest } from 'next/server';
import { env } from './lib/env';
import { NONCE_HEADER, contentSecurityPolicy, newNonce } from './lib/http/content-security-policy';
import { trustedForwardedHost } from './lib/http/request-metadata';

export const HSTS_VALUE = 'max-age=31536000';
const SESSION_COOKIES = ['__Secure-next-auth.session-token', 'next-auth.session-token'];

function isHttps(req: NextRequest): boolean {
  const forwarded = req.headers.get('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase();
  return forwarded ? forwarded === 'https' : req.nextUrl.protocol === 'https:';
}

async function hasSession(req: NextRequest): Promise<boolean> {
  const secret = process.env.NEXTAUTH_SECRET ?? process.env.AUTH_SECRET;
  for (const cookieName of SESSION_COOKIES) {
    const present = req.cookies.has(cookieName) || req.cookies.getAll().some((c) => c.name.startsWith(`${cookieName}.`));
    if (!present || !secret) continue;
    const token = await getToken({ req, secret, cookieName, secureCookie: cookieName.startsWith('__Secure-') }).catch(() => null);
    if (token) return true;
  }
  return false;
}

export async function proxy(req: NextRequest): Promise<NextResponse> {
  const { pathname, search } = req.nextUrl;
  const nonce = newNonce();
  const csp = contentSecurityPolicy(nonce, { dev: process.env.NODE_ENV === 'development' });
  let res: NextResponse;
  if ((pathname === '/admin' || pathname.startsWith('/admin/')) && !(await hasSession(req))) {
    const login = new URL('/login', req.url);
    login.searchParams.set('callbackUrl', `${pathname}${search}`);
    res = NextResponse.redirect(login);
  } else {
    const headers = new Headers(req.headers);
    const forwardedHost = trustedForwardedHost(headers, env());
    if (forwardedHost) headers.set('x-forwarded-host', forwardedHost);
    else headers.delete('x-forwarded-host');
    headers.set(NONCE_HEADER, nonce);
    headers.set('content-security-policy', csp);
    res = NextResponse.next({ request: { headers } });
  }
  res.headers.set('Content-Security-Policy', csp);
  if (isHttps(req)) res.headers.set('Strict-Transport-Security', HSTS_VALUE);
  return res;
}

export const config = {
  matcher: ['/((?!_next/static|_next/image|favicon.ico|scep|cgi-bin).*)'],
};
