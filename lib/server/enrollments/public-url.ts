/**
 * Absolute URLs for links we hand out. They come from TESSERA_PUBLIC_URL, never from the request's Host header: a
 * link (or the SCEP URL inside a signed profile) built from a spoofable header could send a device elsewhere.
 */
import type { TesseraEnv } from '../../env';

export type PublicUrlEnv = Pick<TesseraEnv, 'TESSERA_PUBLIC_URL' | 'PORT'>;

/** "https://pki.example.com" (no trailing slash); `http://localhost:${PORT}` when TESSERA_PUBLIC_URL is unset. */
export function publicBaseUrl(env: PublicUrlEnv): string {
  return (env.TESSERA_PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, '');
}

export function enrollUrlFor(env: PublicUrlEnv, token: string): string {
  return `${publicBaseUrl(env)}/enroll/${encodeURIComponent(token)}`;
}

export function profileUrlFor(env: PublicUrlEnv, token: string): string {
  return `${enrollUrlFor(env, token)}/profile`;
}

export function requestStatusUrlFor(env: PublicUrlEnv, pollToken: string): string {
  return `${publicBaseUrl(env)}/enroll/request/${encodeURIComponent(pollToken)}`;
}
