/**
 * The template used when an enrollment names none. Created on first use from what Tessera already knows: the CA's
 * organisation and the public host, so a fresh install can hand out working profiles without any setup.
 */
import { parseDistinguishedName } from '../../pki/x509/name';
import { retryPolicyFor } from '../../profile/retry-policy';
import type { ProfileTemplate } from '../../profile/template-schema';
import type { Runtime } from '../runtime';
import { publicBaseUrl, type PublicUrlEnv } from '../enrollments/public-url';
import type { TemplateRow } from './template-view';
import { templateJson } from './template-json';

export const DEFAULT_TEMPLATE_NAME = 'Default';
const OID_O = '2.5.4.10';

/** "CN=Tessera CA,O=Example Corp" → "Example Corp"; "Tessera" when the subject has no O (or can't be read). */
export function organizationFromSubject(subject: string): string {
  try {
    const o = parseDistinguishedName(subject).flat().find((a) => a.oid === OID_O)?.value.trim();
    return o ? o.slice(0, 64) : 'Tessera';
  } catch {
    return 'Tessera';
  }
}

/**
 * The public host reversed ("tessera.example.com" → "com.example.tessera"). Hosts that reverse to nothing meaningful
 * (localhost, IP addresses) get "local.tessera": [TL] only needs a reverse-DNS-shaped, stable identifier.
 */
export function identifierPrefixFor(publicUrl: string): string {
  const host = new URL(publicUrl).hostname.toLowerCase();
  const isIp = /^[\d.]+$/.test(host) || host.includes(':') || host.startsWith('[');
  const labels = host
    .split('.')
    .map((l) => l.replace(/[^a-z0-9-]/g, '-').replace(/^-+|-+$/g, ''))
    .filter(Boolean);
  if (isIp || labels.length < 2) return 'local.tessera';
  return labels.reverse().join('.').slice(0, 200).replace(/[.-]+$/, '');
}

export function defaultTemplateConfig(env: PublicUrlEnv, caSubject: string): ProfileTemplate {
  const organization = organizationFromSubject(caSubject);
  return {
    name: DEFAULT_TEMPLATE_NAME,
    organization,
    identifierPrefix: identifierPrefixFor(publicBaseUrl(env)),
    displayName: `${organization} device certificate`,
    subjectTemplate: 'CN={email}',
    sanTemplate: { rfc822Name: '{email}' },
    // No Exchange host is known yet; with eas null the profile simply has no EAS payload.
    eas: null,
    wifi: null,
    ...retryPolicyFor('auto'),
  };
}

/** Serialises first-use creation across app instances (same pattern as the profile signer bootstrap). */
const DEFAULT_TEMPLATE_LOCK = 7_301_005;

/** The default template row, created (or an existing "Default" promoted) when there is none. */
export async function getDefaultTemplate(runtime: Runtime): Promise<TemplateRow> {
  const existing = await runtime.db.profileTemplate.findFirst({ where: { isDefault: true }, orderBy: { createdAt: 'asc' } });
  if (existing) return existing;
  const ca = await runtime.ca();
  const config = defaultTemplateConfig(runtime.env, ca.info.subject);
  // A lock instead of catching a unique violation: concurrent first uses wait and then find the winner's row.
  return runtime.db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${DEFAULT_TEMPLATE_LOCK})`;
    const again = await tx.profileTemplate.findFirst({ where: { isDefault: true }, orderBy: { createdAt: 'asc' } });
    if (again) return again;
    const named = await tx.profileTemplate.findUnique({ where: { name: DEFAULT_TEMPLATE_NAME } });
    if (named) return tx.profileTemplate.update({ where: { id: named.id }, data: { isDefault: true } });
    return tx.profileTemplate.create({ data: { name: DEFAULT_TEMPLATE_NAME, isDefault: true, config: templateJson(config) } });
  });
}
