/** The identity policy in words, for the CLI and the dashboard: one [label, value] row per rule. */
import type { IdentityPolicy } from './identity-policy';
import { MAX_CN_LENGTH } from './requested-identity';

const listOrAny = (list: string[], type: string, allowed: boolean) => (!allowed ? `(${type} SANs not allowed)` : list.length ? list.join(', ') : 'any');

export function describeIdentityPolicy(p: IdentityPolicy): [string, string][] {
  return [
    ['SAN types allowed', p.allowedSanTypes.length ? p.allowedSanTypes.join(', ') : 'none (subject only)'],
    ['e-mail domains', listOrAny(p.emailDomains, 'email', p.allowedSanTypes.includes('email'))],
    ['DNS suffixes', listOrAny(p.dnsSuffixes, 'dns', p.allowedSanTypes.includes('dns'))],
    ['UPN realms', listOrAny(p.upnDomains, 'upn', p.allowedSanTypes.includes('upn'))],
    ['most SANs per request', String(p.maxSans)],
    ['subject', `CN at most ${MAX_CN_LENGTH} characters; no control characters, NUL or lone surrogates anywhere`],
  ];
}
