/**
 * The identity an enrollment profile asks for, read from the profile's own SCEP payload: the device sends exactly this
 * Subject and SubjectAltName, so the challenge in the same profile is bound to exactly this, with no second rendering
 * of the template that could disagree with the first.
 */
import type { SanEntry } from '../../../pki/csr-types';
import type { Rdn } from '../../../pki/x509/name';
import type { ScepPayloadContent } from '../../../profile/types';
import { canonicalSubject, type Identity } from './identity';

/** [SCEP] Subject: the short names iOS understands; every other type is written as a dotted OID. */
const SCEP_SHORT_NAMES: Record<string, string> = { C: '2.5.4.6', L: '2.5.4.7', ST: '2.5.4.8', O: '2.5.4.10', OU: '2.5.4.11', CN: '2.5.4.3' };
const DOTTED_OID = /^\d+(\.\d+)+$/;

function oidOf(type: string): string {
  const oid = SCEP_SHORT_NAMES[type] ?? (DOTTED_OID.test(type) ? type : undefined);
  if (!oid) throw new Error(`SCEP payload Subject uses attribute type "${type}", which is neither a short name nor an OID`);
  return oid;
}

export function identityFromScepPayload(content: Pick<ScepPayloadContent, 'Subject' | 'SubjectAltName'>): Identity {
  // [SCEP] Subject is in DER order: the first RDN of the array is the first RDN of the Name.
  const rdns: Rdn[] = content.Subject.map((rdn) => rdn.map(([type, value]) => ({ oid: oidOf(type), value })));
  const alt = content.SubjectAltName ?? {};
  const sans: SanEntry[] = [
    ...(alt.rfc822Name ? [{ type: 'email' as const, value: alt.rfc822Name }] : []),
    ...(alt.dNSName ? [{ type: 'dns' as const, value: alt.dNSName }] : []),
    ...(alt.uniformResourceIdentifier ? [{ type: 'uri' as const, value: alt.uniformResourceIdentifier }] : []),
    ...(alt.ntPrincipalName ? [{ type: 'upn' as const, value: alt.ntPrincipalName }] : []),
  ];
  return { subject: canonicalSubject(rdns), sans };
}
