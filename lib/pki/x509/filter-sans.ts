/**
 * Policy filter for subjectAltNames requested in a CSR. The issuer copies only what survives, so a leaked challenge
 * cannot mint certificates for arbitrary names.
 */
import { isIa5 } from '../asn1';
import type { SanEntry } from '../csr-types';
import { ipToBytes } from './ip-address';

export interface SanPolicy {
  allowedTypes: SanEntry['type'][];
  /** DNS names must equal one of these or end in ".suffix". Omitted = any well-formed DNS name. */
  dnsSuffixes?: string[];
  /** Domain part of email and UPN SANs must equal one of these. Omitted = any domain. */
  emailDomains?: string[];
}

export interface SanFilterResult {
  allowed: SanEntry[];
  refused: SanEntry[];
}

/** LDH host name, 1–63 octet labels, ≤ 253 octets (RFC 1034 §3.1 / RFC 5280 §4.2.1.6 preferred name syntax). */
function isDnsName(value: string): boolean {
  if (value.length === 0 || value.length > 253) return false;
  return value.split('.').every((label) => /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/.test(label));
}

const domainOf = (mailbox: string): string | null => {
  const at = mailbox.lastIndexOf('@');
  return at > 0 && at < mailbox.length - 1 ? mailbox.slice(at + 1).toLowerCase() : null;
};

const normaliseSuffix = (s: string) => s.trim().replace(/^\*?\./, '').toLowerCase();

function wellFormed(entry: SanEntry): boolean {
  switch (entry.type) {
    case 'dns':
      return isDnsName(entry.value); // wildcards are refused: a device identity names one host
    case 'email':
      return isIa5(entry.value) && domainOf(entry.value) !== null && !/\s/.test(entry.value);
    case 'upn':
      return domainOf(entry.value) !== null && !/\s/.test(entry.value);
    case 'uri':
      return isIa5(entry.value) && /^[A-Za-z][A-Za-z0-9+.-]*:\S+$/.test(entry.value);
    case 'ip':
      return ipToBytes(entry.value) !== null;
  }
}

function permitted(entry: SanEntry, policy: SanPolicy): boolean {
  if (!policy.allowedTypes.includes(entry.type) || !wellFormed(entry)) return false;
  if (entry.type === 'dns' && policy.dnsSuffixes) {
    const name = entry.value.toLowerCase();
    return policy.dnsSuffixes.map(normaliseSuffix).some((s) => name === s || name.endsWith(`.${s}`));
  }
  if ((entry.type === 'email' || entry.type === 'upn') && policy.emailDomains) {
    const domain = domainOf(entry.value);
    return policy.emailDomains.some((d) => d.trim().toLowerCase() === domain);
  }
  return true;
}

/** Splits requested SANs into allowed (deduplicated, request order kept) and refused. */
export function filterSans(requested: SanEntry[], policy: SanPolicy): SanFilterResult {
  const allowed: SanEntry[] = [];
  const refused: SanEntry[] = [];
  const seen = new Set<string>();
  for (const entry of requested) {
    const key = `${entry.type}:${entry.type === 'dns' ? entry.value.toLowerCase() : entry.value}`;
    if (!permitted(entry, policy)) refused.push(entry);
    else if (!seen.has(key)) {
      seen.add(key);
      allowed.push(entry);
    }
  }
  return { allowed, refused };
}
