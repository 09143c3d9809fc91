/**
 * Just enough of an X.509 certificate (RFC 5280 §4.1) for CMS: the names and serial that make up an
 * IssuerAndSerialNumber (RFC 5652 §10.2.4) and the public key. Full certificate handling lives in lib/pki/x509.
 */
import crypto from 'node:crypto';
import { BerError, expectSequence, isContext, parseBer, rawOf, readIntegerBytes, type BerNode } from './ber';
import { raw, seq, integer, type Asn1 } from './der';
import { CmsError } from './errors';

export interface CertificateRef {
  der: Uint8Array;
  issuerDer: Uint8Array;
  subjectDer: Uint8Array;
  /** INTEGER content octets as encoded (two's complement). */
  serial: Uint8Array;
  /** Lower-case hex of the INTEGER content octets as encoded (lib/pki/x509's convention). */
  serialHex: string;
  spkiDer: Uint8Array;
  publicKey: crypto.KeyObject;
}

export const serialToHex = (serial: Uint8Array): string => Buffer.from(serial).toString('hex');

/** Serial magnitude without leading 00 octets, so "00ff" (DER) and "ff" (a sloppy encoder) compare equal. */
function serialMagnitude(serial: Uint8Array): string {
  let i = 0;
  while (i < serial.length - 1 && serial[i] === 0) i++;
  return Buffer.from(serial.subarray(i)).toString('hex');
}

export function readCertificateRef(der: Uint8Array): CertificateRef {
  try {
    const root = parseBer(der);
    const [tbs] = expectSequence(root, 'Certificate');
    const fields = expectSequence(tbs, 'TBSCertificate');
    const f = isContext(fields[0], 0) ? fields.slice(1) : fields;
    // serialNumber, signature, issuer, validity, subject, subjectPublicKeyInfo
    const serial = readIntegerBytes(der, f[0]);
    const issuer = need(f[2], 'issuer');
    const subject = need(f[4], 'subject');
    const spki = need(f[5], 'subjectPublicKeyInfo');
    const spkiDer = rawOf(der, spki);
    const publicKey = crypto.createPublicKey({ key: Buffer.from(spkiDer), format: 'der', type: 'spki' });
    return {
      der,
      issuerDer: rawOf(der, issuer),
      subjectDer: rawOf(der, subject),
      serial,
      serialHex: serialToHex(serial),
      spkiDer,
      publicKey,
    };
  } catch (e) {
    throw new CmsError('malformed', `unreadable certificate: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function need(node: BerNode | undefined, what: string): BerNode {
  if (!node) throw new BerError(`missing ${what}`);
  return node;
}

/** IssuerAndSerialNumber ::= SEQUENCE { issuer Name, serialNumber CertificateSerialNumber } */
export function issuerAndSerialNumber(cert: CertificateRef): Asn1 {
  return seq(raw(cert.issuerDer), integer(cert.serial));
}

export function matchesIssuerAndSerial(cert: CertificateRef, issuerDer: Uint8Array, serial: Uint8Array): boolean {
  return serialMagnitude(serial) === serialMagnitude(cert.serial) && Buffer.compare(issuerDer, cert.issuerDer) === 0;
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.compare(a, b) === 0;
}

export const sha256Hex = (bytes: Uint8Array): string => crypto.createHash('sha256').update(bytes).digest('hex');
