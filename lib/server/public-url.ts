import type { TesseraEnv } from '../env';

/** The base URL devices reach (profiles, links): TESSERA_PUBLIC_URL, never the request's Host header. */
export function publicBaseUrl(env: TesseraEnv): string {
  return (env.TESSERA_PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, '');
}

export const scepUrl = (env: TesseraEnv): string => `${publicBaseUrl(env)}/scep`;
