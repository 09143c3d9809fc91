/**
 * Assembles and signs an X.509 v3 certificate (RFC 5280 §4.1) with Node's native RSA (crypto.sign), never pure-JS RSA.
 *
 *   Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm AlgorithmIdentifier, signatureValue BIT STRING }
 *   TBSCertificate ::= SEQUENCE { version [0] EXPLICIT v3, serialNumber, signature, issuer, validity, subject,
 *                                 subjectPublicKeyInfo, extensions [3] EXPLICIT Extensions }
 */
import { sign, type KeyObject } from 'node:crypto';
import { readDer, sequenceChildren } from './der-reader';
import { bitString, explicit, nullValue, oid, sequence, smallInteger, time, unsignedInteger } from './der-writer';
import { encodeExtension, type Extension } from './extensions';
import { OID } from './oids';

export interface CertificateFields {
  /** Unsigned big-endian serial magnitude (see serial-number.ts). */
  serial: Uint8Array;
  issuerDer: Uint8Array;
  subjectDer: Uint8Array;
  notBefore: Date;
  notAfter: Date;
  spkiDer: Uint8Array;
  extensions: Extension[];
}

/** sha256WithRSAEncryption with the explicit NULL parameters RFC 4055 §5 requires. */
const SHA256_WITH_RSA = sequence(oid(OID.sha256WithRSAEncryption), nullValue());

export function signCertificate(fields: CertificateFields, issuerKey: KeyObject): Buffer {
  if (issuerKey.type !== 'private' || issuerKey.asymmetricKeyType !== 'rsa') {
    throw new TypeError('the issuing key must be an RSA private key');
  }
  if (fields.notAfter.getTime() <= fields.notBefore.getTime()) throw new RangeError('notAfter must be after notBefore');
  // Fail early on malformed inputs rather than emitting a certificate nobody can parse.
  sequenceChildren(readDer(fields.issuerDer), 'issuer Name');
  sequenceChildren(readDer(fields.subjectDer), 'subject Name');
  sequenceChildren(readDer(fields.spkiDer), 'SubjectPublicKeyInfo');

  const tbs = sequence(
    explicit(0, smallInteger(2)), // v3
    unsignedInteger(fields.serial),
    SHA256_WITH_RSA,
    Buffer.from(fields.issuerDer),
    sequence(time(fields.notBefore), time(fields.notAfter)),
    Buffer.from(fields.subjectDer),
    Buffer.from(fields.spkiDer),
    ...(fields.extensions.length ? [explicit(3, sequence(...fields.extensions.map(encodeExtension)))] : []),
  );
  // For RSA keys crypto.sign uses RSASSA-PKCS1-v1_5 (RFC 8017 §8.2), which is what sha256WithRSAEncryption means.
  const signature = sign('sha256', tbs, issuerKey);
  return sequence(tbs, SHA256_WITH_RSA, bitString(signature));
}
