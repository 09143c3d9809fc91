/**
 * Runtime SCEP policy: environment defaults, overridable from the dashboard (Setting rows). Read through a short cache
 * so a busy SCEP endpoint does not query settings on every request, while a change still takes effect within seconds.
 */
import { z } from 'zod';
import type { TesseraEnv } from '../../env';
import type { DbOrTx } from '../../store/prisma';
import { getSetting } from '../../store/settings';

export const ZScepSettingsSchema = z.object({
  legacyCiphers: z.boolean(),
  renewal: z.boolean(),
  certValidityDays: z.number().int().min(1).max(3650),
  pendingTtlHours: z.number().int().min(1).max(24 * 90),
  emailProtection: z.boolean(),
  minRsaBits: z.union([z.literal(2048), z.literal(3072), z.literal(4096)]),
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
