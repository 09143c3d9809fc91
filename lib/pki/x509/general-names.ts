/**
 * subjectAltName GeneralNames (RFC 5280 §4.2.1.6) ⇄ the SanEntry view shared with lib/scep.
 *
 *   GeneralName ::= CHOICE { otherName [0] OtherName, rfc822Name [1] IA5String, dNSName [2] IA5String, …,
 *                            uniformResourceIdentifier [6] IA5String, iPAddress [7] OCTET STRING, … }
 *   OtherName  ::= SEQUENCE { type-id OBJECT IDENTIFIER, value [0] EXPLICIT ANY }
 */
import type { SanEntry } from '../csr-types';
import { childrenOf, DerError, isContext, readOid, readString, sequenceChildren, TagClass, type DerNode } from './der-reader';
import { explicit, implicitPrimitive, isIa5, oid, utf8String, tlv } from './der-writer';
import { bytesToIp, ipToBytes } from './ip-address';
import { OID } from './oids';

export class SanEncodingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SanEncodingError';
  }
}

function ia5(entry: SanEntry): Buffer {
  if (!isIa5(entry.value)) throw new SanEncodingError(`${entry.type} SAN must be ASCII: ${JSON.stringify(entry.value)}`);
  return Buffer.from(entry.value, 'latin1');
}

export function encodeGeneralName(entry: SanEntry): Buffer {
  switch (entry.type) {
    case 'email':
      return implicitPrimitive(1, ia5(entry));
    case 'dns':
      return implicitPrimitive(2, ia5(entry));
    case 'uri':
      return implicitPrimitive(6, ia5(entry));
    case 'ip': {
      const bytes = ipToBytes(entry.value);
      if (!bytes) throw new SanEncodingError(`not an IP address: ${JSON.stringify(entry.value)}`);
      return implicitPrimitive(7, bytes);
    }
    case 'upn':
      // Microsoft UPN: otherName with a UTF8String value.
      return tlv(TagClass.context, true, 0, Buffer.concat([oid(OID.msUpn), explicit(0, utf8String(entry.value))]));
  }
}

/** GeneralNames SEQUENCE → SanEntry[]; names with no SanEntry form (directoryName, other otherNames) are skipped. */
export function decodeGeneralNames(generalNamesDer: DerNode): SanEntry[] {
  const out: SanEntry[] = [];
  for (const gn of sequenceChildren(generalNamesDer, 'GeneralNames')) {
    if (gn.tagClass !== TagClass.context) throw new DerError('GeneralName must be context-tagged');
    if (isContext(gn, 1)) out.push({ type: 'email', value: gn.content.toString('latin1') });
    else if (isContext(gn, 2)) out.push({ type: 'dns', value: gn.content.toString('latin1') });
    else if (isContext(gn, 6)) out.push({ type: 'uri', value: gn.content.toString('latin1') });
    else if (isContext(gn, 7)) out.push({ type: 'ip', value: bytesToIp(gn.content) });
    else if (isContext(gn, 0) && gn.constructed) {
      const [typeId, wrapped] = childrenOf(gn);
      if (readOid(typeId) === OID.msUpn && wrapped && isContext(wrapped, 0)) {
        const [value] = childrenOf(wrapped);
        out.push({ type: 'upn', value: readString(value) });
      }
    }
  }
  return out;
}
