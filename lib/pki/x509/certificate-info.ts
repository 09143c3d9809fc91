/** A plain-data description of a certificate for the dashboard, the API and the Apple trust checks. */
import { createHash } from 'node:crypto';
import { describeKey, signatureAlgorithmName, type KeyType } from '../algorithms';
import type { SanEntry } from '../csr-types';
import { OID } from '../oids';
import { parseCertificate, type Certificate } from './certificate';
import { decodeAuthorityKeyIdentifier, decodeBasicConstraints, decodeExtKeyUsage, decodeKeyUsage, decodeSubjectAltName, decodeSubjectKeyIdentifier } from './extensions';
import { formatName } from './name';

export interface CertificateInfo {
  /** RFC 4514 text, e.g. "CN=device,O=Example". */
  subject: string;
  issuer: string;
  /** Lower-case hex of the serial INTEGER octets as encoded. */
  serialHex: string;
  notBefore: Date;
  notAfter: Date;
  sha256Hex: string;
  sha1Hex: string;
  keyType: KeyType;
  keyBits: number;
  /** openssl's name ("sha256WithRSAEncryption", "ecdsa-with-SHA256"), or the dotted OID when unknown. */
  signatureAlgorithm: string;
  sans: SanEntry[];
  keyUsage: string[];
  /** Purpose names ("clientAuth", "serverAuth", …) or dotted OIDs. */
  extendedKeyUsage: string[];
  isCa: boolean;
  subjectKeyIdHex: string | null;
  authorityKeyIdHex: string | null;
  /** hex SHA-256 of the SubjectPublicKeyInfo DER (same value as CsrSummary.publicKeySha256 for the same key). */
  spkiSha256Hex: string;
}

const hex = (algorithm: string, data: Uint8Array) => createHash(algorithm).update(data).digest('hex');

function keyFacts(cert: Certificate): { keyType: KeyType; keyBits: number } {
  try {
    return describeKey(cert.publicKey);
  } catch {
    return { keyType: 'other', keyBits: 0 }; // a key algorithm Node cannot read
  }
}

/** Throws CertificateError / Asn1Error for anything that is not a readable certificate. */
export function describeCertificate(input: Uint8Array | Certificate): CertificateInfo {
  const cert = input instanceof Uint8Array ? parseCertificate(input) : input;
  const ext = (oid: string) => cert.extension(oid)?.value;
  const [san, ku, eku, bc, ski, aki] = [OID.subjectAltName, OID.keyUsage, OID.extKeyUsage, OID.basicConstraints, OID.subjectKeyIdentifier, OID.authorityKeyIdentifier].map(ext);
  const akiBytes = aki ? decodeAuthorityKeyIdentifier(aki) : null;
  return {
    subject: formatName(cert.subjectDer),
    issuer: formatName(cert.issuerDer),
    serialHex: cert.serialHex,
    notBefore: cert.notBefore,
    notAfter: cert.notAfter,
    sha256Hex: hex('sha256', cert.der),
    sha1Hex: hex('sha1', cert.der),
    ...keyFacts(cert),
    signatureAlgorithm: signatureAlgorithmName(cert.signatureAlgorithmOid),
    sans: san ? decodeSubjectAltName(san) : [],
    keyUsage: ku ? decodeKeyUsage(ku) : [],
    extendedKeyUsage: eku ? decodeExtKeyUsage(eku) : [],
    // A v1 certificate has no basicConstraints and is not a CA for any modern validator (RFC 5280 §4.2.1.9).
    isCa: bc ? decodeBasicConstraints(bc).ca : false,
    subjectKeyIdHex: ski ? Buffer.from(decodeSubjectKeyIdentifier(ski)).toString('hex') : null,
    authorityKeyIdHex: akiBytes ? Buffer.from(akiBytes).toString('hex') : null,
    spkiSha256Hex: hex('sha256', cert.spkiDer),
  };
}
