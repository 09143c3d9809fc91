/**
 * Runtime SCEP policy: environment defaults, overridable from the dashboard (Setting rows). Read through a short cache
 * so a busy SCEP endpoint does not query settings on every request, while a change still takes effect within seconds.
 */
import { z } from 'zod';
import type { TesseraEnv } from '../../env';
import type { DbOrTx } from '../../store/prisma';
import { getSetting } from '../../store/settings';
import { DEFAULT_IDENTITY_POLICY, ZIdentityPolicySchema } from './identity/identity-policy';

/** The last third of a certificate's validity. */
export const DEFAULT_RENEWAL_WINDOW_PERCENT = 100 / 3;

export const ZScepSettingsSchema = z.object({
  legacyCiphers: z.boolean(),
  renewal: z.boolean(),
  certValidityDays: z.number().int('whole days only').min(1, 'at least 1 day').max(3650, 'at most 3650 days'),
  pendingTtlHours: z.number().int('whole hours only').min(1, 'at least 1 hour').max(24 * 90, 'at most 2160 hours (90 days)'),
  emailProtection: z.boolean(),
  minRsaBits: z.union([z.literal(2048), z.literal(3072), z.literal(4096)]),
  /** What an unbound challenge may issue. */
  identityPolicy: ZIdentityPolicySchema,
  /** Renewal is accepted in the last this-many percent of the renewed certificate's validity. */
  renewalWindowPercent: z.number().min(1, 'at least 1 %').max(100, 'at most 100 %'),
});
export type ScepSettings = z.infer<typeof ZScepSettingsSchema>;

export const SCEP_SETTINGS_KEY = 'scep';

export function defaultScepSettings(env: TesseraEnv): ScepSettings {
  return {
    legacyCiphers: env.TESSERA_SCEP_LEGACY_CIPHERS,
    renewal: true,
    certValidityDays: env.TESSERA_CERT_VALIDITY_DAYS,
    pendingTtlHours: env.TESSERA_PENDING_TTL_HOURS,
    emailProtection: false,
    minRsaBits: 2048,
    identityPolicy: DEFAULT_IDENTITY_POLICY,
    renewalWindowPercent: DEFAULT_RENEWAL_WINDOW_PERCENT,
  };
}

let cache: { at: number; value: ScepSettings } | undefined;

export async function readScepSettings(db: DbOrTx, env: TesseraEnv, maxAgeMs = 3000): Promise<ScepSettings> {
  if (cache && Date.now() - cache.at < maxAgeMs) return cache.value;
  const stored = ZScepSettingsSchema.partial().safeParse(await getSetting(db, SCEP_SETTINGS_KEY));
  const value = { ...defaultScepSettings(env), ...(stored.success ? stored.data : {}) };
  // The environment switch forces legacy ciphers on (CI and test rigs with Debian's DES-only scepclient).
  if (env.TESSERA_SCEP_LEGACY_CIPHERS) value.legacyCiphers = true;
  cache = { at: Date.now(), value };
  return value;
}

export function invalidateScepSettings(): void {
  cache = undefined;
}
