/**
 * The identity a certificate carries: its subject (RFC 4514 text as Tessera's DN encoder formats it, so one spelling
 * per name) and its subjectAltNames. Challenges, requests and certificates store it in this shape.
 */
import { z } from 'zod';
import type { SanEntry } from '../../../pki/csr-types';
import { encodeName, formatName, parseDistinguishedName, type Rdn } from '../../../pki/x509/name';

export interface Identity {
  subject: string;
  sans: SanEntry[];
}

export const SAN_TYPES = ['email', 'dns', 'upn', 'uri', 'ip'] as const satisfies readonly SanEntry['type'][];

const ZStoredIdentitySchema = z.object({
  subject: z.string(),
  sans: z.array(z.object({ type: z.enum(SAN_TYPES), value: z.string() })),
});

/** A stored identity column, or null when there is none (or it is not one: a boundary like any other). */
export function readStoredIdentity(json: unknown): Identity | null {
  const parsed = ZStoredIdentitySchema.safeParse(json);
  return parsed.success ? parsed.data : null;
}

/** Tessera's one text form of a subject: encode, then format, so "CN=a, O=b" and "cn=a,o=b" read the same. */
export const canonicalSubject = (rdns: Rdn[]): string => formatName(encodeName(rdns));

export const sanLabel = (s: SanEntry): string => `${s.type}:${s.value}`;

/** Host names and mail domains compare without case (RFC 4343, RFC 5321 §2.4 for the domain part). */
export function sanMatchKey(s: SanEntry): string {
  return s.type === 'dns' || s.type === 'email' || s.type === 'upn' ? sanLabel({ ...s, value: s.value.toLowerCase() }) : sanLabel(s);
}

/** Request order kept, exact repeats dropped. */
export function uniqueSans(sans: SanEntry[]): SanEntry[] {
  const seen = new Set<string>();
  return sans.filter((s) => {
    const k = sanLabel(s);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/**
 * Exact, order-free fingerprint of an identity: two identities have the same key when they have the same subject
 * (RDN order included, it is part of the name) and the same set of SANs, spelled the same.
 */
export function identityKey(i: Identity): string {
  return JSON.stringify([i.subject, uniqueSans(i.sans).map(sanLabel).sort()]);
}

/** Each attribute of a subject on its own, as Tessera spells it ("O=Other Corp"). */
export function subjectAttributes(subject: string): { oid: string; value: string; label: string }[] {
  return parseDistinguishedName(subject)
    .flat()
    .map((a) => ({ oid: a.oid, value: a.value, label: canonicalSubject([[a]]) }));
}

const MAX_LISTED = 8;

/** For the SCEP log: `"CN=x,O=y" with SANs email:x, dns:y`, long lists shortened. */
export function describeIdentity(i: Identity): string {
  return `"${i.subject}" ${i.sans.length ? `with SANs ${listNames(i.sans.map(sanLabel))}` : 'and no SANs'}`;
}

/** Names listed for the log; long lists are shortened. */
export function listNames(labels: string[]): string {
  return labels.slice(0, MAX_LISTED).join(', ') + (labels.length > MAX_LISTED ? ` and ${labels.length - MAX_LISTED} more` : '');
}
