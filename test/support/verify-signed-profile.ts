/**
 * Opens a signed profile (CMS SignedData with embedded content) and checks it the way a device does before trust:
 * the messageDigest matches the content and the signature verifies with the signer certificate it carries. Chain
 * trust is left to `openssl cms -verify` (see profile-checks.ts).
 */
import { OID } from '../../lib/pki/oids';
import { parseSignedData, verifySignerInfo } from '../../lib/pki/cms';
import { matchesIssuerAndSerial, parseCertificate } from '../../lib/pki/x509';

export interface VerifiedProfile {
  /** The embedded plist, decoded as UTF-8. */
  plistXml: string;
  /** The embedded bytes exactly as signed. */
  content: Uint8Array;
  signerCertificateDer: Uint8Array;
  /** Every certificate in SignedData.certificates (signer and chain). */
  certificatesDer: Uint8Array[];
}

/** Throws on any structural or cryptographic failure. */
export function verifySignedProfile(der: Uint8Array): VerifiedProfile {
  const sd = parseSignedData(der);
  if (sd.eContentType !== OID.data) throw new Error('eContentType is not id-data');
  if (!sd.eContent) throw new Error('content is detached; a profile must embed its plist');
  if (sd.signerInfos.length !== 1) throw new Error(`expected exactly one SignerInfo, found ${sd.signerInfos.length}`);
  const si = sd.signerInfos[0]!;
  const sid = si.sid;
  if (!('issuerDer' in sid)) throw new Error('only issuer-and-serial signer identifiers are supported');
  const signer = sd.certificates.map((c) => parseCertificate(c)).find((c) => matchesIssuerAndSerial(c, sid.issuerDer, sid.serial));
  if (!signer) throw new Error('signer certificate is not in SignedData.certificates');
  const check = verifySignerInfo(sd, si, signer.publicKey, { allowMd5: false });
  if (!check.ok) throw new Error(`signed profile does not verify: ${check.detail}`);
  return {
    plistXml: new TextDecoder('utf-8', { fatal: true }).decode(sd.eContent),
    content: sd.eContent,
    signerCertificateDer: signer.der,
    certificatesDer: sd.certificates,
  };
}
