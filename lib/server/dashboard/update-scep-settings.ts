/** Saves the dashboard's SCEP policy form: stored as a Setting row, effective within the settings cache's lifetime. */
import { z } from 'zod';
import { getSetting, putSetting } from '../../store/settings';
import { recordAudit, type Actor } from '../audit/record-audit';
import type { Runtime } from '../runtime';
import { SCEP_SETTINGS_KEY, ZScepSettingsSchema, invalidateScepSettings, readScepSettings, type ScepSettings } from '../scep/scep-settings';

/** The fields the form edits; the rest of the stored policy is kept. Checkboxes arrive as "on" or not at all. */
const checkbox = z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean());
export const ZScepSettingsFormSchema = z.object({
  legacyCiphers: checkbox,
  emailProtection: checkbox,
  certValidityDays: z.coerce.number({ message: 'enter a number of days' }).int('whole days only').min(1, 'at least 1 day').max(3650, 'at most 3650 days'),
  pendingTtlHours: z.coerce.number({ message: 'enter a number of hours' }).int('whole hours only').min(1, 'at least 1 hour').max(24 * 90, 'at most 2160 hours (90 days)'),
});
export type ScepSettingsForm = z.infer<typeof ZScepSettingsFormSchema>;

export interface ScepSettingsView {
  effective: ScepSettings;
  /** TESSERA_SCEP_LEGACY_CIPHERS=1 forces legacy ciphers on whatever is stored. */
  legacyForcedByEnv: boolean;
}

export async function getScepSettingsView(runtime: Runtime): Promise<ScepSettingsView> {
  return { effective: await readScepSettings(runtime.db, runtime.env, 0), legacyForcedByEnv: runtime.env.TESSERA_SCEP_LEGACY_CIPHERS };
}

export async function updateScepSettings(runtime: Runtime, { actor, ...input }: z.input<typeof ZScepSettingsFormSchema> & { actor: Actor }): Promise<ScepSettings> {
  const form = ZScepSettingsFormSchema.parse(input);
  const before = await readScepSettings(runtime.db, runtime.env, 0);
  await runtime.db.$transaction(async (tx) => {
    const stored = ZScepSettingsSchema.partial().safeParse(await getSetting(tx, SCEP_SETTINGS_KEY));
    const next = ZScepSettingsSchema.partial().parse({ ...(stored.success ? stored.data : {}), ...form });
    await putSetting(tx, SCEP_SETTINGS_KEY, next, actor.id);
    const changed = Object.fromEntries(
      (Object.keys(form) as (keyof ScepSettingsForm)[]).filter((k) => before[k] !== form[k]).map((k) => [k, { from: before[k], to: form[k] }]),
    );
    await recordAudit(tx, actor, 'settings.scep_updated', SCEP_SETTINGS_KEY, changed);
  });
  invalidateScepSettings();
  return readScepSettings(runtime.db, runtime.env, 0);
}
