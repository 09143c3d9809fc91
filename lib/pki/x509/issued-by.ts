/**
 * Chain facts about one certificate: is it self-signed (a SCEP client's throw-away signer, RFC 8894 §2.3), and did a
 * given CA issue it (a RenewalReq signed by a Tessera certificate). Names and signatures only; validity, revocation
 * and policy are the caller's.
 */
import { signatureDigest, verifySignature } from '../algorithms';
import { OID } from '../oids';
import type { Certificate } from './certificate';
import { decodeAuthorityKeyIdentifier, decodeSubjectKeyIdentifier } from './extensions';
import { formatName } from './name';

const signedBy = (cert: Certificate, issuer: Certificate): boolean =>
  verifySignature(signatureDigest(cert.signatureAlgorithmOid, issuer.publicKey), issuer.publicKey, cert.tbsDer, cert.signature);

/** RFC 5280 §7.1 compares names after normalisation: byte equality, else the RFC 4514 text case-folded. */
function namesMatch(a: Uint8Array, b: Uint8Array): boolean {
  if (Buffer.compare(a, b) === 0) return true;
  try {
    return formatName(a).toLowerCase() === formatName(b).toLowerCase();
  } catch {
    return false;
  }
}

function keyIdsConflict(cert: Certificate, ca: Certificate): boolean {
  const aki = cert.extension(OID.authorityKeyIdentifier);
  const ski = ca.extension(OID.subjectKeyIdentifier);
  if (!aki || !ski) return false;
  try {
    const akiId = decodeAuthorityKeyIdentifier(aki.value);
    return akiId !== null && Buffer.compare(akiId, decodeSubjectKeyIdentifier(ski.value)) !== 0;
  } catch {
    return true;
  }
}

/** Issuer = subject byte for byte and the signature verifies with the certificate's own key (no chain building). */
export function isSelfSigned(cert: Certificate): boolean {
  try {
    return Buffer.compare(cert.issuerDer, cert.subjectDer) === 0 && signedBy(cert, cert);
  } catch {
    return false; // an unusable public key
  }
}

/** True when `cert` names `ca`'s subject as issuer, its AKI does not contradict the CA's SKI, and `ca` signed it. */
export function isIssuedBy(cert: Certificate, ca: Certificate): boolean {
  try {
    return namesMatch(cert.issuerDer, ca.subjectDer) && !keyIdsConflict(cert, ca) && signedBy(cert, ca);
  } catch {
    return false;
  }
}
