/**
 * subjectAltName GeneralNames (RFC 5280 §4.2.1.6) ⇄ the SanEntry view shared with lib/scep.
 *
 *   GeneralName ::= CHOICE { otherName [0] OtherName, rfc822Name [1] IA5String, dNSName [2] IA5String, …,
 *                            uniformResourceIdentifier [6] IA5String, iPAddress [7] OCTET STRING, … }
 *   OtherName  ::= SEQUENCE { type-id OBJECT IDENTIFIER, value [0] EXPLICIT ANY }
 */
import type { SanEntry } from '../csr-types';
import { childrenOf, contentOf, contextCons, contextPrim, explicit, isContext, isIa5, oid, readOid, readString, utf8String, type Asn1, type Asn1Node } from '../asn1';
import { Asn1Error, NameError } from '../errors';
import { OID } from '../oids';
import { bytesToIp, ipToBytes } from './ip-address';

function ia5(entry: SanEntry): Uint8Array {
  if (!isIa5(entry.value)) throw new NameError('invalid-name', `${entry.type} SAN must be ASCII: ${JSON.stringify(entry.value)}`);
  return Buffer.from(entry.value, 'latin1');
}

const IA5_TAGS = { email: 1, dns: 2, uri: 6 } as const;

export function encodeGeneralName(entry: SanEntry): Asn1 {
  switch (entry.type) {
    case 'email':
    case 'dns':
    case 'uri':
      return contextPrim(IA5_TAGS[entry.type], ia5(entry));
    case 'ip': {
      const bytes = ipToBytes(entry.value);
      if (!bytes) throw new NameError('invalid-name', `not an IP address: ${JSON.stringify(entry.value)}`);
      return contextPrim(7, bytes);
    }
    case 'upn':
      // Microsoft UPN: otherName with a UTF8String value.
      return contextCons(0, [oid(OID.msUpn), explicit(0, utf8String(entry.value))]);
  }
}

const latin1 = (n: Asn1Node) => Buffer.from(contentOf(n)).toString('latin1');

/** GeneralNames SEQUENCE → SanEntry[]; names with no SanEntry form (directoryName, other otherNames) are skipped. */
export function decodeGeneralNames(n: Asn1Node): SanEntry[] {
  const out: SanEntry[] = [];
  for (const gn of childrenOf(n, 'GeneralNames')) {
    if (gn.cls !== 2) throw new Asn1Error('malformed', 'GeneralName must be context-tagged');
    if (isContext(gn, 1)) out.push({ type: 'email', value: latin1(gn) });
    else if (isContext(gn, 2)) out.push({ type: 'dns', value: latin1(gn) });
    else if (isContext(gn, 6)) out.push({ type: 'uri', value: latin1(gn) });
    else if (isContext(gn, 7)) out.push({ type: 'ip', value: bytesToIp(contentOf(gn)) });
    else if (isContext(gn, 0) && gn.constructed) {
      const [typeId, wrapped] = gn.children;
      if (readOid(typeId) === OID.msUpn && isContext(wrapped, 0) && wrapped.constructed) out.push({ type: 'upn', value: readString(wrapped.children[0]) });
    }
  }
  return out;
}
