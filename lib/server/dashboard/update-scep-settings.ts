/** The dashboard's SCEP policy form: flat form fields turned into a settings patch (patch-scep-settings.ts). */
import { z } from 'zod';
import type { Actor } from '../audit/record-audit';
import type { Runtime } from '../runtime';
import { SAN_TYPES } from '../scep/identity/identity';
import { ZDomainSchema } from '../scep/identity/identity-policy';
import { patchScepSettings } from '../scep/patch-scep-settings';
import { shownPercent } from '../scep/renewal-window';
import { readScepSettings, type ScepSettings } from '../scep/scep-settings';

export { getScepSettingsView, type ScepSettingsView } from '../scep/patch-scep-settings';

/** Checkboxes arrive as "on" or not at all. */
const checkbox = z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean());

/** A textarea of domains, one per line or comma-separated; an error names the first bad entry. */
const domainList = z.string().optional().transform((text = '', ctx) => {
  const list = text.split(/[\s,]+/).filter(Boolean);
  const parsed = z.array(ZDomainSchema).max(100, 'at most 100 domains').safeParse(list);
  if (parsed.success) return [...new Set(parsed.data)];
  const issue = parsed.error.issues[0];
  const bad = typeof issue?.path[0] === 'number' ? `"${list[issue.path[0]]}" ` : '';
  ctx.addIssue({ code: 'custom', message: `${bad}${issue?.message ?? 'invalid'}` });
  return z.NEVER;
});

export const ZScepSettingsFormSchema = z.object({
  legacyCiphers: checkbox,
  emailProtection: checkbox,
  certValidityDays: z.coerce.number({ message: 'enter a number of days' }).int('whole days only').min(1, 'at least 1 day').max(3650, 'at most 3650 days'),
  pendingTtlHours: z.coerce.number({ message: 'enter a number of hours' }).int('whole hours only').min(1, 'at least 1 hour').max(24 * 90, 'at most 2160 hours (90 days)'),
  renewalWindowPercent: z.coerce.number({ message: 'enter a percentage' }).min(1, 'at least 1 %').max(100, 'at most 100 %'),
  maxSans: z.coerce.number({ message: 'enter a number' }).int('a whole number').min(0, 'at least 0').max(100, 'at most 100'),
  'san.email': checkbox,
  'san.dns': checkbox,
  'san.upn': checkbox,
  'san.uri': checkbox,
  'san.ip': checkbox,
  emailDomains: domainList,
  dnsSuffixes: domainList,
  upnDomains: domainList,
});

/** `fields`: the form's fields as submitted (checkboxes present only when ticked). */
export async function updateScepSettings(runtime: Runtime, { actor, ...fields }: Record<string, unknown> & { actor: Actor }): Promise<ScepSettings> {
  const form = ZScepSettingsFormSchema.parse(fields);
  const current = await readScepSettings(runtime.db, runtime.env, 0);
  // An untouched field (shown rounded) keeps the exact stored value, e.g. 100/3.
  const renewalWindowPercent = form.renewalWindowPercent === shownPercent(current.renewalWindowPercent) ? current.renewalWindowPercent : form.renewalWindowPercent;
  const view = await patchScepSettings(
    runtime,
    {
      legacyCiphers: form.legacyCiphers,
      emailProtection: form.emailProtection,
      certValidityDays: form.certValidityDays,
      pendingTtlHours: form.pendingTtlHours,
      renewalWindowPercent,
      identityPolicy: {
        allowedSanTypes: SAN_TYPES.filter((t) => form[`san.${t}`]),
        emailDomains: form.emailDomains,
        dnsSuffixes: form.dnsSuffixes,
        upnDomains: form.upnDomains,
        maxSans: form.maxSans,
      },
    },
    actor,
  );
  return view.settings;
}
