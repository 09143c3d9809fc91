/**
 * A copy of a PKCS#10 request whose challengePassword value (PKCS#9, RFC 2985 §5.4.1) is overwritten, so a stored
 * request never keeps the one-time secret. Lengths and tags stay as they are, so the copy still parses; its signature
 * no longer verifies, which is why callers keep what they need from the verified request (key, names) beside it.
 */
import { childrenOf, isContext, parseBer, readOid, UTag } from '../asn1';
import { OID } from '../oids';

/** Per string type, one character unit of "x" that is valid in it (PrintableString has no "*"). */
function filler(tagNumber: number): Buffer {
  if (tagNumber === UTag.bmpString) return Buffer.from([0x00, 0x78]);
  if (tagNumber === UTag.universalString) return Buffer.from([0x00, 0x00, 0x00, 0x78]);
  return Buffer.from([0x78]);
}

/** The request with every challengePassword value blanked; the input itself is left untouched. */
export function blankChallengePassword(csrDer: Uint8Array): Buffer<ArrayBuffer> {
  const copy = Buffer.from(csrDer);
  const [info] = childrenOf(parseBer(copy), 'CertificationRequest');
  const attributes = childrenOf(info, 'CertificationRequestInfo')[3];
  if (!attributes || !isContext(attributes, 0)) return copy;
  for (const attribute of attributes.children) {
    const [type, values] = childrenOf(attribute, 'Attribute');
    if (!values || readOid(type) !== OID.challengePassword) continue;
    for (const value of childrenOf(values, 'attribute values', UTag.set)) {
      if (value.constructed) continue;
      const unit = filler(value.tag);
      for (let i = value.contentStart; i + unit.length <= value.contentEnd; i += unit.length) unit.copy(copy, i);
    }
  }
  return copy;
}
