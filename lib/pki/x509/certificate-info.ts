/** A plain-data description of a certificate for the dashboard, the API and Apple trust checks. */
import type { SanEntry } from '../csr-types';
import { formatName } from './distinguished-name';
import {
  decodeAuthorityKeyIdentifier,
  decodeBasicConstraints,
  decodeExtKeyUsage,
  decodeKeyUsage,
  decodeSubjectAltName,
  decodeSubjectKeyIdentifier,
} from './extensions';
import { sha1Hex, sha256Hex } from './fingerprints';
import { describePublicKey, type KeyType } from './key-identifier';
import { OID, SIGNATURE_ALGORITHM_NAMES } from './oids';
import { parseCertificate } from './parse-certificate';
import { serialToHex } from './serial-number';

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

/** Throws CertificateParseError for anything that is not a DER certificate. */
export function describeCertificate(der: Uint8Array): CertificateInfo {
  const cert = parseCertificate(der);
  const ext = (oid: string) => cert.extensions.find((e) => e.oid === oid)?.value;
  const san = ext(OID.subjectAltName);
  const ku = ext(OID.keyUsage);
  const eku = ext(OID.extKeyUsage);
  const bc = ext(OID.basicConstraints);
  const ski = ext(OID.subjectKeyIdentifier);
  const aki = ext(OID.authorityKeyIdentifier);
  const akiBytes = aki ? decodeAuthorityKeyIdentifier(aki) : null;
  const key = describePublicKey(cert.spkiDer);
  return {
    subject: formatName(cert.subjectDer),
    issuer: formatName(cert.issuerDer),
    serialHex: serialToHex(cert.serial),
    notBefore: cert.notBefore,
    notAfter: cert.notAfter,
    sha256Hex: sha256Hex(cert.der),
    sha1Hex: sha1Hex(cert.der),
    keyType: key.keyType,
    keyBits: key.keyBits,
    signatureAlgorithm: SIGNATURE_ALGORITHM_NAMES[cert.signatureAlgorithmOid] ?? cert.signatureAlgorithmOid,
    sans: san ? decodeSubjectAltName(san) : [],
    keyUsage: ku ? decodeKeyUsage(ku) : [],
    extendedKeyUsage: eku ? decodeExtKeyUsage(eku) : [],
    // A v1 certificate has no basicConstraints and is not a CA for any modern validator (RFC 5280 §4.2.1.9).
    isCa: bc ? decodeBasicConstraints(bc).ca : false,
    subjectKeyIdHex: ski ? decodeSubjectKeyIdentifier(ski).toString('hex') : null,
    authorityKeyIdHex: akiBytes ? akiBytes.toString('hex') : null,
    spkiSha256Hex: sha256Hex(cert.spkiDer),
  };
}
