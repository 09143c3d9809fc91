/**
 * The bound-identity rule: a CSR may name less than its enrollment allows (scepclient and certmonger cannot send
 * SANs) but nothing else. The certificate then carries the allowed identity in full, so asking for less never changes
 * what is issued.
 */
import { sanLabel, sanMatchKey, subjectAttributes, type Identity } from './identity';

/** The requested names (as labels, "O=Other Corp", "dns:www.bank.example") that `allowed` does not contain. */
export function namesOutside(requested: Identity, allowed: Identity): string[] {
  const allowedAttributes = new Set(subjectAttributes(allowed.subject).map((a) => `${a.oid}=${a.value}`));
  const allowedSans = new Set(allowed.sans.map(sanMatchKey));
  return [
    ...subjectAttributes(requested.subject)
      .filter((a) => !allowedAttributes.has(`${a.oid}=${a.value}`))
      .map((a) => a.label),
    ...requested.sans.filter((s) => !allowedSans.has(sanMatchKey(s))).map(sanLabel),
  ];
}
