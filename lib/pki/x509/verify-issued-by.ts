/**
 * "Did this CA issue this certificate?" — used for RenewalReq, where the request is signed by a certificate Tessera
 * issued earlier. Checks the issuer name and the signature only; validity, revocation and policy are the caller's job.
 */
import { createPublicKey, verify } from 'node:crypto';
import { formatName } from './distinguished-name';
import { decodeAuthorityKeyIdentifier, decodeSubjectKeyIdentifier } from './extensions';
import { ECDSA_SIGNATURE_DIGESTS, OID, RSA_SIGNATURE_DIGESTS } from './oids';
import { parseCertificate, type ParsedCertificate } from './parse-certificate';

/** RFC 5280 §7.1 compares names after normalisation; byte equality is the common case, RFC 4514 text (case-folded) covers string-type differences. */
function namesMatch(a: Buffer, b: Buffer): boolean {
  return a.equals(b) || formatName(a).toLowerCase() === formatName(b).toLowerCase();
}

function keyIdsConflict(cert: ParsedCertificate, ca: ParsedCertificate): boolean {
  const aki = cert.extensions.find((e) => e.oid === OID.authorityKeyIdentifier);
  const ski = ca.extensions.find((e) => e.oid === OID.subjectKeyIdentifier);
  if (!aki || !ski) return false;
  const akiId = decodeAuthorityKeyIdentifier(aki.value);
  return akiId !== null && !akiId.equals(decodeSubjectKeyIdentifier(ski.value));
}

/** True when `certDer` names `caCertDer`'s subject as issuer and its signature verifies with the CA public key. */
export function verifyIssuedBy(certDer: Uint8Array, caCertDer: Uint8Array): boolean {
  try {
    const cert = parseCertificate(certDer);
    const ca = parseCertificate(caCertDer);
    if (!namesMatch(cert.issuerDer, ca.subjectDer) || keyIdsConflict(cert, ca)) return false;
    const caKey = createPublicKey({ key: ca.spkiDer, format: 'der', type: 'spki' });
    const digest =
      caKey.asymmetricKeyType === 'rsa'
        ? RSA_SIGNATURE_DIGESTS[cert.signatureAlgorithmOid]
        : caKey.asymmetricKeyType === 'ec'
          ? ECDSA_SIGNATURE_DIGESTS[cert.signatureAlgorithmOid]
          : undefined;
    if (!digest) return false;
    return verify(digest, cert.tbsDer, caKey, cert.signature);
  } catch {
    return false; // unparseable input is simply "not issued by this CA"
  }
}
