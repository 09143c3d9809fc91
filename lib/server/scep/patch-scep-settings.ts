/**
 * The one way SCEP policy changes (API PUT /api/v1/settings/scep, CLI `settings scep`, the dashboard form): a partial
 * update merged into what is stored, validated whole, audited with what changed, effective at once on this instance
 * and within the settings cache's lifetime on the others.
 */
import { z } from 'zod';
import { getSetting, putSetting } from '../../store/settings';
import { recordAudit, type Actor } from '../audit/record-audit';
import { invalidInput } from '../errors';
import type { Runtime } from '../runtime';
import { ZIdentityPolicySchema } from './identity/identity-policy';
import { SCEP_SETTINGS_KEY, ZScepSettingsSchema, invalidateScepSettings, readScepSettings, type ScepSettings } from './scep-settings';

const s = ZScepSettingsSchema.shape;

export const ZScepSettingsPatchSchema = z
  .object({
    legacyCiphers: s.legacyCiphers.optional(),
    renewal: s.renewal.optional(),
    certValidityDays: s.certValidityDays.optional(),
    pendingTtlHours: s.pendingTtlHours.optional(),
    emailProtection: s.emailProtection.optional(),
    minRsaBits: s.minRsaBits.optional(),
    /** Fields given replace the stored ones; the others are kept. */
    identityPolicy: ZIdentityPolicySchema.partial().strict().optional(),
    renewalWindowPercent: s.renewalWindowPercent.optional(),
  })
  .strict();
export type ScepSettingsPatch = z.input<typeof ZScepSettingsPatchSchema>;

export interface ScepSettingsView {
  settings: ScepSettings;
  /** TESSERA_SCEP_LEGACY_CIPHERS=1 forces legacy ciphers on whatever is stored. */
  legacyForcedByEnv: boolean;
}

export async function getScepSettingsView(runtime: Runtime): Promise<ScepSettingsView> {
  return { settings: await readScepSettings(runtime.db, runtime.env, 0), legacyForcedByEnv: runtime.env.TESSERA_SCEP_LEGACY_CIPHERS };
}

function changes(before: ScepSettings, after: ScepSettings): Record<string, { from: unknown; to: unknown }> {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  for (const k of Object.keys(after) as (keyof ScepSettings)[]) {
    if (JSON.stringify(before[k]) !== JSON.stringify(after[k])) out[k] = { from: before[k], to: after[k] };
  }
  return out;
}

export async function patchScepSettings(runtime: Runtime, rawPatch: ScepSettingsPatch, actor: Actor): Promise<ScepSettingsView> {
  const parsed = ZScepSettingsPatchSchema.safeParse(rawPatch);
  if (!parsed.success) throw invalidInput(parsed.error, 'settings');
  const patch = parsed.data;
  const before = await readScepSettings(runtime.db, runtime.env, 0);
  await runtime.db.$transaction(async (tx) => {
    const stored = ZScepSettingsSchema.partial().safeParse(await getSetting(tx, SCEP_SETTINGS_KEY));
    const { identityPolicy, ...rest } = patch;
    const next = ZScepSettingsSchema.partial().parse({
      ...(stored.success ? stored.data : {}),
      ...rest,
      ...(identityPolicy ? { identityPolicy: { ...before.identityPolicy, ...identityPolicy } } : {}),
    });
    await putSetting(tx, SCEP_SETTINGS_KEY, next, actor.id);
    await recordAudit(tx, actor, 'settings.scep_updated', SCEP_SETTINGS_KEY, changes(before, { ...before, ...next }));
  });
  invalidateScepSettings();
  return getScepSettingsView(runtime);
}
