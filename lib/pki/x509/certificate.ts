/**
 * An X.509 certificate parsed once (RFC 5280 §4.1), keeping the raw bytes signatures and identifiers refer to:
 *
 *   Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue BIT STRING }
 *   TBSCertificate ::= SEQUENCE { version [0] EXPLICIT, serialNumber, signature, issuer, validity, subject,
 *                                 subjectPublicKeyInfo, issuerUniqueID [1], subjectUniqueID [2], extensions [3] }
 *
 * Pass the parsed object along instead of its DER: the public key is created on first use and kept.
 */
import { createPublicKey, type KeyObject } from 'node:crypto';
import { childrenOf, isContext, need, parseBer, rawOf, readBitString, readInteger, readOid, readSmallInteger, readTime, toDer, type Asn1Node } from '../asn1';
import { Asn1Error, CertificateError } from '../errors';
import { readExtensions, type Extension } from './extensions';

export interface Certificate {
  der: Uint8Array;
  tbsDer: Uint8Array;
  /** 1 for v1, 3 for v3 (the human number, not the encoded 0/2). */
  version: number;
  /** INTEGER content octets as encoded (two's complement). */
  serial: Uint8Array;
  /** Lower-case hex of `serial`: how Tessera stores and looks up serials. */
  serialHex: string;
  signatureAlgorithmOid: string;
  signature: Uint8Array;
  issuerDer: Uint8Array;
  subjectDer: Uint8Array;
  notBefore: Date;
  notAfter: Date;
  spkiDer: Uint8Array;
  extensions: Extension[];
  readonly publicKey: KeyObject;
  extension(oid: string): Extension | undefined;
}

function fields(root: Asn1Node) {
  const [tbs, sigAlg, sigValue] = childrenOf(root, 'Certificate');
  const f = childrenOf(tbs, 'TBSCertificate');
  const versioned = isContext(f[0], 0);
  const at = (i: number, what: string) => need(f[(versioned ? 1 : 0) + i], what);
  const [issuer, validity, subject, spki] = [at(2, 'issuer'), at(3, 'validity'), at(4, 'subject'), at(5, 'subjectPublicKeyInfo')];
  for (const [n, what] of [[issuer, 'issuer'], [subject, 'subject'], [spki, 'subjectPublicKeyInfo']] as const) childrenOf(n, what);
  const [notBefore, notAfter] = childrenOf(validity, 'Validity');
  const signatureAlgorithmOid = readOid(childrenOf(sigAlg, 'signatureAlgorithm')[0]);
  // RFC 5280 §4.1.1.2: the outer and inner algorithm identifiers MUST match.
  if (readOid(childrenOf(at(1, 'signature'), 'signature')[0]) !== signatureAlgorithmOid) throw new CertificateError('malformed', 'signature algorithm mismatch');
  const signature = readBitString(sigValue);
  if (signature.unusedBits !== 0) throw new CertificateError('malformed', 'signature BIT STRING has unused bits');
  const extNode = f.find((n) => isContext(n, 3));
  return {
    tbs: need(tbs, 'TBSCertificate'),
    version: versioned ? readSmallInteger(f[0]!.children[0]) + 1 : 1,
    serial: readInteger(at(0, 'serialNumber')),
    signatureAlgorithmOid,
    signature: signature.bytes,
    issuer,
    notBefore: readTime(notBefore),
    notAfter: readTime(notAfter),
    subject,
    spki,
    extensions: extNode ? readExtensions(extNode.children[0]) : [],
  };
}

/** Throws CertificateError for anything that is not a certificate. */
export function parseCertificate(input: Uint8Array): Certificate {
  const der = Buffer.from(input); // own copy: the parsed certificate outlives the caller's buffer
  let f: ReturnType<typeof fields>;
  try {
    f = fields(parseBer(der));
  } catch (e) {
    if (!(e instanceof Asn1Error)) throw e;
    throw new CertificateError('malformed', `not a valid X.509 certificate: ${e.message}`, { cause: e });
  }
  let key: KeyObject | undefined;
  const spkiDer = rawOf(f.spki);
  return {
    der,
    tbsDer: rawOf(f.tbs),
    version: f.version,
    serial: f.serial,
    serialHex: Buffer.from(f.serial).toString('hex'),
    signatureAlgorithmOid: f.signatureAlgorithmOid,
    signature: f.signature,
    issuerDer: rawOf(f.issuer),
    subjectDer: rawOf(f.subject),
    notBefore: f.notBefore,
    notAfter: f.notAfter,
    spkiDer,
    extensions: f.extensions,
    get publicKey() {
      key ??= createPublicKey({ key: Buffer.from(spkiDer), format: 'der', type: 'spki' });
      return key;
    },
    extension: (oid) => f.extensions.find((e) => e.oid === oid),
  };
}

/** INTEGER content without redundant sign octets, so "00 7f" and "7f" compare as the same value. */
function minimalInteger(b: Uint8Array): Uint8Array {
  let i = 0;
  while (i < b.length - 1 && ((b[i] === 0 && b[i + 1]! < 0x80) || (b[i] === 0xff && b[i + 1]! >= 0x80))) i++;
  return b.subarray(i);
}

const sameBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && Buffer.compare(a, b) === 0;

/** Two encodings of a Name are the same when their bytes, or their DER forms, are equal. */
function sameName(a: Uint8Array, b: Uint8Array): boolean {
  if (sameBytes(a, b)) return true;
  try {
    return sameBytes(toDer(parseBer(a)), toDer(parseBer(b)));
  } catch {
    return false;
  }
}

/** IssuerAndSerialNumber matching (RFC 5652 §10.2.4): the issuer Name and the serial's INTEGER value. */
export function matchesIssuerAndSerial(cert: Certificate, issuerDer: Uint8Array, serial: Uint8Array): boolean {
  return sameBytes(minimalInteger(serial), minimalInteger(cert.serial)) && sameName(issuerDer, cert.issuerDer);
}
