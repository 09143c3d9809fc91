/**
 * The identity policy for challenges that name nobody (created without a subject, by an API client, the CLI or the
 * dashboard): which SAN types a CSR may ask for and under which domains, and how many. The subject itself is already
 * limited for every CSR (see requested-identity.ts). The default allows no SANs at all.
 */
import { z } from 'zod';
import type { SanEntry } from '../../../pki/csr-types';
import { filterSans, type SanPolicy } from '../../../pki/x509/filter-sans';
import { listNames, sanLabel, SAN_TYPES, type Identity } from './identity';
import type { IdentityRefusal } from './requested-identity';

const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** "Example.COM", ".example.com" and "*.example.com" all mean example.com. */
export const ZDomainSchema = z
  .string()
  .trim()
  .toLowerCase()
  .transform((d) => d.replace(/^\*?\./, ''))
  .pipe(z.string().regex(DOMAIN, 'must be a domain name such as example.com'));

const domains = z.array(ZDomainSchema).max(100, 'at most 100 domains').transform((list) => [...new Set(list)]);

export const ZIdentityPolicySchema = z.object({
  allowedSanTypes: z
    .array(z.enum(SAN_TYPES))
    .max(SAN_TYPES.length)
    .transform((list) => [...new Set(list)]),
  /** E-mail SANs: the domain after "@" must be one of these. Empty: any domain. */
  emailDomains: domains,
  /** DNS SANs: the name must be one of these or end in ".<suffix>". Empty: any name. */
  dnsSuffixes: domains,
  /** UPN SANs: the realm after "@" must be one of these (compared without case). Empty: any realm. */
  upnDomains: domains,
  maxSans: z.number().int('must be a whole number').min(0).max(100, 'at most 100'),
});
export type IdentityPolicy = z.output<typeof ZIdentityPolicySchema>;

export const DEFAULT_IDENTITY_POLICY: IdentityPolicy = { allowedSanTypes: [], emailDomains: [], dnsSuffixes: [], upnDomains: [], maxSans: 10 };

const optionalList = (list: string[]) => (list.length ? list : undefined);

/** filterSans' rule for one SAN type, with or without this policy's domains. */
function sanPolicyFor(type: SanEntry['type'], policy: IdentityPolicy, withDomains: boolean): SanPolicy {
  if (!withDomains) return { allowedTypes: [type] };
  if (type === 'dns') return { allowedTypes: [type], dnsSuffixes: optionalList(policy.dnsSuffixes) };
  if (type === 'email') return { allowedTypes: [type], emailDomains: optionalList(policy.emailDomains) };
  if (type === 'upn') return { allowedTypes: [type], emailDomains: optionalList(policy.upnDomains) };
  return { allowedTypes: [type] };
}

function domainsFor(type: SanEntry['type'], policy: IdentityPolicy): string[] {
  return type === 'dns' ? policy.dnsSuffixes : type === 'email' ? policy.emailDomains : type === 'upn' ? policy.upnDomains : [];
}

/** Why this SAN is refused under the policy, or null. */
function sanRefusal(san: SanEntry, policy: IdentityPolicy): string | null {
  if (!policy.allowedSanTypes.includes(san.type)) return `${sanLabel(san)} (${san.type} SANs are not allowed)`;
  if (filterSans([san], sanPolicyFor(san.type, policy, false)).refused.length) return `${sanLabel(san)} (not a well-formed ${san.type} name)`;
  if (filterSans([san], sanPolicyFor(san.type, policy, true)).refused.length) return `${sanLabel(san)} (not under ${domainsFor(san.type, policy).join(', ')})`;
  return null;
}

/** Null when an unbound challenge may issue `requested`; otherwise what the policy refuses. */
export function checkIdentityPolicy(requested: Identity, policy: IdentityPolicy): IdentityRefusal | null {
  if (requested.subject === '' && requested.sans.length === 0) return { code: 'subject-invalid', reason: 'the CSR names nothing: an empty subject and no SANs' };
  const refusals = requested.sans.map((s) => sanRefusal(s, policy)).filter((r): r is string => r !== null);
  if (refusals.length === 0) return null;
  const types = policy.allowedSanTypes.length ? `allows only ${policy.allowedSanTypes.join(', ')} SANs` : 'allows no SANs';
  return {
    code: 'san-not-allowed',
    reason: `the challenge names no identity, and the identity policy (${types}) refuses ${listNames(refusals)}; bind the challenge to a subject and SANs, or change Settings → SCEP policy`,
  };
}
