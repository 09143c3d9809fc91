import type { NextConfig } from 'next';
import { PERMISSIONS_POLICY } from './lib/http/content-security-policy';

// Content-Security-Policy is set per request in proxy.ts: it carries a fresh script nonce.
const securityHeaders = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'no-referrer' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Permissions-Policy', value: PERMISSIONS_POLICY },
];

/**
 * Server actions run only when Origin matches the Host (or a trusted proxy's X-Forwarded-Host, see proxy.ts) — or
 * the host of TESSERA_PUBLIC_URL, for proxies that rewrite Host without saying so. Read at `npm start`; the
 * standalone build (Docker) keeps the value it was built with.
 */
function publicHost(): string[] {
  try {
    return process.env.TESSERA_PUBLIC_URL ? [new URL(process.env.TESSERA_PUBLIC_URL).host] : [];
  } catch {
    return [];
  }
}

const nextConfig: NextConfig = {
  // The Docker image runs Next's standalone server; `npm start` uses `next start` on a normal build.
  output: process.env.TESSERA_STANDALONE === '1' ? 'standalone' : undefined,
  poweredByHeader: false,
  // Types are checked by `npm run typecheck` (in CI) over the whole tree, tests included; the build only compiles.
  typescript: { ignoreBuildErrors: true },
  serverExternalPackages: ['@electric-sql/pglite', '@electric-sql/pglite-socket'],
  experimental: { serverActions: { allowedOrigins: publicHost() } },
  async headers() {
    return [{ source: '/:path*', headers: securityHeaders }];
  },
};

export default nextConfig;
