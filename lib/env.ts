/**
 * Tessera's configuration, read from the environment once and validated with zod. Everything else receives values
 * from here (or from lib/server/runtime.ts); nothing else reads process.env.
 */
import path from 'node:path';
import { z } from 'zod';
import { parseCidrRange, type CidrRange } from './net/ip';
import { ZAdminPassword } from './secrets/password';

const ZBool = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off', ''])
  .transform((v) => ['1', 'true', 'yes', 'on'].includes(v));

const ZOptionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

/** Comma-separated CIDR ranges (or single addresses) of the reverse proxies whose X-Forwarded-For is believed. */
const ZTrustedProxies = z
  .string()
  .optional()
  .transform((value, ctx): CidrRange[] => {
    const ranges: CidrRange[] = [];
    for (const item of (value ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
      const range = parseCidrRange(item);
      if (range) ranges.push(range);
      else ctx.addIssue({ code: 'custom', message: `"${item.slice(0, 60)}" is not an IP address or CIDR range (e.g. 10.0.0.0/8, 2001:db8::/32)` });
    }
    return ranges;
  });

export const ZEnvSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOSTNAME: z.string().default('0.0.0.0'),
  DATABASE_URL: ZOptionalString,
  TESSERA_DATA_DIR: z.string().default('./.data'),
  TESSERA_MASTER_KEY: ZOptionalString,
  TESSERA_PUBLIC_URL: ZOptionalString.pipe(z.url({ message: 'TESSERA_PUBLIC_URL must be an absolute http(s) URL' }).optional()),
  ADMIN_EMAIL: ZOptionalString.pipe(z.email({ message: 'must be an e-mail address' }).optional()),
  // The same rule as `admin create`: the bootstrap admin is no weaker than one made by hand.
  ADMIN_PASSWORD: ZOptionalString.pipe(ZAdminPassword.optional()),
  // HS256/JWE key material for sessions: anything shorter is guessable offline from one stolen cookie.
  AUTH_SECRET: ZOptionalString.refine((v) => v === undefined || Buffer.byteLength(v, 'utf8') >= 32, {
    message: 'must be at least 32 bytes (e.g. `openssl rand -base64 32`); unset, Tessera generates one in the data directory',
  }),
  /** next-auth's own name for AUTH_SECRET; `npm start` sets both. */
  NEXTAUTH_SECRET: ZOptionalString,
  /** The local CLI's credential for /api/internal/cli, set by `npm start` for the server it starts. */
  TESSERA_CLI_TOKEN: ZOptionalString,
  /** Where prisma/ lives when the process does not run from the project directory (defaults to the working directory). */
  TESSERA_ROOT: ZOptionalString,
  /** Set by npm for `npm start`; reported by /api/health. */
  npm_package_version: z.string().default('0.1.0'),
  TESSERA_CA_SUBJECT: z.string().default('CN=Tessera Enrollment CA'),
  TESSERA_CA_KEY_BITS: z.coerce.number().pipe(z.union([z.literal(2048), z.literal(3072), z.literal(4096)])).default(2048),
  TESSERA_CA_VALIDITY_DAYS: z.coerce.number().int().min(30).max(36500).default(3650),
  TESSERA_CERT_VALIDITY_DAYS: z.coerce.number().int().min(1).max(3650).default(365),
  TESSERA_SCEP_LEGACY_CIPHERS: ZBool.default(false),
  TESSERA_CHALLENGE_TTL_SECONDS: z.coerce.number().int().min(60).max(30 * 86400).default(3600),
  TESSERA_PENDING_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 90).default(24),
  TESSERA_OIDC_ISSUER: ZOptionalString,
  TESSERA_OIDC_CLIENT_ID: ZOptionalString,
  TESSERA_OIDC_CLIENT_SECRET: ZOptionalString,
  TESSERA_TRUSTED_PROXIES: ZTrustedProxies,
  TESSERA_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
});

export type TesseraEnv = z.infer<typeof ZEnvSchema> & { dataDir: string };

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function parseEnv(source: Record<string, string | undefined> = process.env): TesseraEnv {
  const result = ZEnvSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return { ...result.data, dataDir: path.resolve(result.data.TESSERA_DATA_DIR) };
}

let cached: TesseraEnv | undefined;
export function env(): TesseraEnv {
  cached ??= parseEnv();
  return cached;
}
