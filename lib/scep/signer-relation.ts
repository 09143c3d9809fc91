/**
 * How the certificate that signed a pkiMessage relates to our CA (RFC 8894 §2.3, §2.5): a self-signed throw-away
 * certificate (first enrollment: iOS, sscep, micromdm), a certificate we issued (renewal: RenewalReq, or PKCSReq from
 * sscep/certmonger), or something else.
 */
import { isIssuedBy, isSelfSigned, type Certificate } from '../pki/x509';

export type SignerRelation = 'self-signed' | 'issued-by-ca' | 'other';

export function signerRelation(signer: Certificate, ca: Certificate): SignerRelation {
  if (isSelfSigned(signer)) return 'self-signed';
  return isIssuedBy(signer, ca) ? 'issued-by-ca' : 'other';
}
