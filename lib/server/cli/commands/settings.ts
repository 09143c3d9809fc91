import { z } from 'zod';
import { describeIdentityPolicy } from '../../scep/identity/describe-policy';
import { patchScepSettings, type ScepSettingsPatch } from '../../scep/patch-scep-settings';
import { readScepSettings, type ScepSettings } from '../../scep/scep-settings';
import { formatPercent } from '../../scep/renewal-window';
import { defineCommand } from '../command';

const ZOnOff = z.enum(['on', 'off', 'true', 'false']).transform((v) => v === 'on' || v === 'true');
/** "a,b c" → ["a","b","c"]; "" or "none" → []. Entries are validated by the settings schema. */
const ZList = z.string().transform((v) => (v.trim().toLowerCase() === 'none' ? [] : v.split(/[\s,]+/).filter(Boolean)));

/** Flag → settings field; the values are validated by the settings patch schema. */
const SETTING_FLAGS = {
  'legacy-ciphers': 'legacyCiphers',
  'cert-validity-days': 'certValidityDays',
  'pending-ttl-hours': 'pendingTtlHours',
  'email-protection': 'emailProtection',
  'renewal-window-percent': 'renewalWindowPercent',
} as const;
const POLICY_FLAGS = { 'san-types': 'allowedSanTypes', 'email-domains': 'emailDomains', 'dns-suffixes': 'dnsSuffixes', 'upn-domains': 'upnDomains', 'max-sans': 'maxSans' } as const;

const pick = (input: Record<string, unknown>, flags: Record<string, string>) =>
  Object.fromEntries(Object.entries(flags).flatMap(([flag, key]) => (input[flag] === undefined ? [] : [[key, input[flag]]])));

export const settingsScep = defineCommand({
  name: 'settings scep',
  summary: 'Show or change SCEP policy (legacy ciphers, validity, pending lifetime, identity policy, renewal window).',
  flags: [
    { name: 'legacy-ciphers', description: 'on|off — accept single DES / MD5 requests (Debian scepclient, micromdm, old Cisco); never advertised' },
    { name: 'cert-validity-days', description: 'validity of issued certificates' },
    { name: 'pending-ttl-hours', description: 'how long a pending request waits for an admin' },
    { name: 'email-protection', description: 'on|off — add the emailProtection EKU (S/MIME)' },
    { name: 'san-types', description: 'SAN types unbound challenges may issue: email,dns,upn,uri,ip or none' },
    { name: 'email-domains', description: 'e-mail SAN domains for unbound challenges (comma-separated; none = any)' },
    { name: 'dns-suffixes', description: 'DNS SAN suffixes for unbound challenges (comma-separated; none = any)' },
    { name: 'upn-domains', description: 'UPN realms for unbound challenges (comma-separated; none = any)' },
    { name: 'max-sans', description: 'most SANs in one request (every request)' },
    { name: 'renewal-window-percent', description: 'renewal is accepted in the last N % of the validity (default 33.3)' },
  ],
  schema: z.object({
    'legacy-ciphers': ZOnOff.optional(),
    'cert-validity-days': z.coerce.number().optional(),
    'pending-ttl-hours': z.coerce.number().optional(),
    'email-protection': ZOnOff.optional(),
    'san-types': ZList.optional(),
    'email-domains': ZList.optional(),
    'dns-suffixes': ZList.optional(),
    'upn-domains': ZList.optional(),
    'max-sans': z.coerce.number().optional(),
    'renewal-window-percent': z.coerce.number().optional(),
  }),
  async run(input, { runtime, actor }) {
    const policy = pick(input, POLICY_FLAGS);
    const patch = { ...pick(input, SETTING_FLAGS), ...(Object.keys(policy).length ? { identityPolicy: policy } : {}) } as ScepSettingsPatch;
    if (Object.keys(patch).length === 0) return { changed: false, settings: await readScepSettings(runtime.db, runtime.env, 0) };
    return { changed: true, settings: (await patchScepSettings(runtime, patch, actor)).settings };
  },
  text: (o: { changed: boolean; settings: ScepSettings }) =>
    [
      o.changed ? 'SCEP settings updated:' : 'SCEP settings:',
      `  legacy ciphers (DES/MD5): ${o.settings.legacyCiphers ? 'ON' : 'off'}`,
      `  certificate validity:     ${o.settings.certValidityDays} days`,
      `  pending lifetime:         ${o.settings.pendingTtlHours} h`,
      `  emailProtection EKU:      ${o.settings.emailProtection ? 'on' : 'off'}`,
      `  renewal:                  ${o.settings.renewal ? 'on' : 'off'}, renewal window: last ${formatPercent(o.settings.renewalWindowPercent)} % of the validity`,
      'Identity policy (challenges created without a subject):',
      ...describeIdentityPolicy(o.settings.identityPolicy).map(([label, value]) => `  ${`${label}:`.padEnd(26)}${value}`),
    ].join('\n'),
});
