import { z } from 'zod';
import { recordAudit } from '../../audit/record-audit';
import { SCEP_SETTINGS_KEY, ZScepSettingsSchema, invalidateScepSettings, readScepSettings } from '../../scep/scep-settings';
import { putSetting } from '../../../store/settings';
import { defineCommand } from '../command';

const ZOnOff = z.enum(['on', 'off', 'true', 'false']).transform((v) => v === 'on' || v === 'true');

export const settingsScep = defineCommand({
  name: 'settings scep',
  summary: 'Show or change SCEP policy (legacy ciphers, certificate validity, pending lifetime).',
  flags: [
    { name: 'legacy-ciphers', description: 'on|off — accept single DES / MD5 requests (Debian scepclient, micromdm, old Cisco); never advertised' },
    { name: 'cert-validity-days', description: 'validity of issued certificates' },
    { name: 'pending-ttl-hours', description: 'how long a pending request waits for an admin' },
    { name: 'email-protection', description: 'on|off — add the emailProtection EKU (S/MIME)' },
  ],
  schema: z.object({
    'legacy-ciphers': ZOnOff.optional(),
    'cert-validity-days': z.coerce.number().int().min(1).max(3650).optional(),
    'pending-ttl-hours': z.coerce.number().int().min(1).max(2160).optional(),
    'email-protection': ZOnOff.optional(),
  }),
  async run(input, { runtime, actor }) {
    const current = await readScepSettings(runtime.db, runtime.env, 0);
    const changes = {
      ...(input['legacy-ciphers'] !== undefined ? { legacyCiphers: input['legacy-ciphers'] } : {}),
      ...(input['cert-validity-days'] !== undefined ? { certValidityDays: input['cert-validity-days'] } : {}),
      ...(input['pending-ttl-hours'] !== undefined ? { pendingTtlHours: input['pending-ttl-hours'] } : {}),
      ...(input['email-protection'] !== undefined ? { emailProtection: input['email-protection'] } : {}),
    };
    if (Object.keys(changes).length === 0) return { changed: false, settings: current };
    const next = ZScepSettingsSchema.parse({ ...current, ...changes });
    await putSetting(runtime.db, SCEP_SETTINGS_KEY, next, actor.id);
    invalidateScepSettings();
    await recordAudit(runtime.db, actor, 'settings.scep_updated', SCEP_SETTINGS_KEY, changes);
    return { changed: true, settings: await readScepSettings(runtime.db, runtime.env, 0) };
  },
  text: (o) =>
    [
      o.changed ? 'SCEP settings updated:' : 'SCEP settings:',
      `  legacy ciphers (DES/MD5): ${o.settings.legacyCiphers ? 'ON' : 'off'}`,
      `  certificate validity:     ${o.settings.certValidityDays} days`,
      `  pending lifetime:         ${o.settings.pendingTtlHours} h`,
      `  emailProtection EKU:      ${o.settings.emailProtection ? 'on' : 'off'}`,
      `  renewal:                  ${o.settings.renewal ? 'on' : 'off'}`,
    ].join('\n'),
});
