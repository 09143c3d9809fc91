/**
 * How the certificate that signed a pkiMessage relates to our CA (RFC 8894 §2.3, §2.5): a self-signed
 * throw-away certificate (first enrolment: iOS, sscep, micromdm), a certificate we issued (renewal: RenewalReq, or
 * PKCSReq from sscep/certmonger), or something else.
 */
import crypto from 'node:crypto';
import { sameBytes, type CertificateRef } from '../pki/cms';
import { ECDSA_SIGNATURE_DIGESTS, RSA_SIGNATURE_DIGESTS } from '../pki/x509/oids';
import { parseCertificate } from '../pki/x509/parse-certificate';
import { verifyIssuedBy } from '../pki/x509/verify-issued-by';

export type SignerRelation = 'self-signed' | 'issued-by-ca' | 'other';

/** Issuer = subject and the signature verifies with the certificate's own key (no chain building, RFC 8894 §2.3). */
function isSelfSigned(cert: CertificateRef): boolean {
  if (!sameBytes(cert.issuerDer, cert.subjectDer)) return false;
  try {
    const parsed = parseCertificate(cert.der);
    const digest = RSA_SIGNATURE_DIGESTS[parsed.signatureAlgorithmOid] ?? ECDSA_SIGNATURE_DIGESTS[parsed.signatureAlgorithmOid];
    return digest !== undefined && crypto.verify(digest, parsed.tbsDer, cert.publicKey, parsed.signature);
  } catch {
    return false;
  }
}

export function signerRelation(signer: CertificateRef, ca: CertificateRef): SignerRelation {
  if (isSelfSigned(signer)) return 'self-signed';
  return verifyIssuedBy(signer.der, ca.der) ? 'issued-by-ca' : 'other';
}
