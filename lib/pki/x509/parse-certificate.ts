/**
 * Splits a DER certificate into its RFC 5280 §4.1 fields, keeping raw bytes (issuer/subject Names, SPKI, the
 * TBSCertificate the signature covers). The typed, human-facing view is certificate-info.ts.
 */
import {
  DerError,
  isContext,
  readBitString,
  readDer,
  readIntegerBytes,
  readOid,
  readSmallInteger,
  readTime,
  sequenceChildren,
  childrenOf,
} from './der-reader';
import { readExtensions, type Extension } from './extensions';

export interface ParsedCertificate {
  der: Buffer;
  tbsDer: Buffer;
  /** 1 for v1, 3 for v3 (the human number, not the encoded 0/2). */
  version: number;
  serial: Buffer;
  signatureAlgorithmOid: string;
  signature: Buffer;
  issuerDer: Buffer;
  subjectDer: Buffer;
  notBefore: Date;
  notAfter: Date;
  spkiDer: Buffer;
  extensions: Extension[];
}

export class CertificateParseError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CertificateParseError';
  }
}

export function parseCertificate(input: Uint8Array): ParsedCertificate {
  try {
    const root = readDer(input);
    const [tbs, sigAlg, sigValue] = sequenceChildren(root, 'Certificate');
    const fields = sequenceChildren(tbs, 'TBSCertificate');
    let i = 0;
    let version = 1;
    if (fields[0] && isContext(fields[0], 0)) {
      version = readSmallInteger(childrenOf(fields[0])[0]) + 1;
      i = 1;
    }
    const serial = readIntegerBytes(fields[i]);
    const innerSigAlg = readOid(sequenceChildren(fields[i + 1], 'signature')[0]);
    const issuer = fields[i + 2];
    const [notBefore, notAfter] = sequenceChildren(fields[i + 3], 'Validity');
    const subject = fields[i + 4];
    const spki = fields[i + 5];
    sequenceChildren(issuer, 'issuer');
    sequenceChildren(subject, 'subject');
    sequenceChildren(spki, 'subjectPublicKeyInfo');
    const extNode = fields.slice(i + 6).find((f) => isContext(f, 3));
    const signatureAlgorithmOid = readOid(sequenceChildren(sigAlg, 'signatureAlgorithm')[0]);
    // RFC 5280 §4.1.1.2: the outer and inner algorithm identifiers MUST match.
    if (signatureAlgorithmOid !== innerSigAlg) throw new DerError('signature algorithm mismatch inside certificate');
    const { unusedBits, bytes } = readBitString(sigValue);
    if (unusedBits !== 0) throw new DerError('signature BIT STRING has unused bits');
    return {
      der: root.raw,
      tbsDer: tbs.raw,
      version,
      serial,
      signatureAlgorithmOid,
      signature: bytes,
      issuerDer: issuer.raw,
      subjectDer: subject.raw,
      notBefore: readTime(notBefore),
      notAfter: readTime(notAfter),
      spkiDer: spki.raw,
      extensions: extNode ? readExtensions(childrenOf(extNode)[0]) : [],
    };
  } catch (e) {
    if (e instanceof CertificateParseError) throw e;
    throw new CertificateParseError(`not a valid X.509 certificate: ${(e as Error).message}`, { cause: e });
  }
}
