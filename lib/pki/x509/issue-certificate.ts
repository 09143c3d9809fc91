/**
 * Issues a client identity certificate for a verified CSR (checklist §7): the CSR's key, the CSR's subject bytes (or
 * an override), policy-filtered SANs, and a fixed extension set. Nothing else is copied from the CSR, so a request for
 * CA:TRUE, keyCertSign or serverAuth has no effect.
 */
import { type KeyObject } from 'node:crypto';
import type { CsrSummary, SanEntry } from '../csr-types';
import { signCertificate } from './certificate-builder';
import { CLOCK_SKEW_MS } from './create-ca';
import { encodeDistinguishedName, formatName } from './distinguished-name';
import {
  authorityKeyIdentifier,
  basicConstraints,
  decodeSubjectKeyIdentifier,
  extKeyUsage,
  keyUsage,
  subjectAltName,
  subjectKeyIdentifier,
  type Extension,
} from './extensions';
import { sha256Hex } from './fingerprints';
import { keyIdentifierFromSpki, spkiOfKey } from './key-identifier';
import { OID } from './oids';
import { parseCertificate } from './parse-certificate';
import { randomSerialNumber, serialToHex } from './serial-number';

export interface IssueCertificateOptions {
  caCertificateDer: Uint8Array;
  caKey: KeyObject;
  /** Only the key (and, without subjectOverride, the subject bytes) are used. */
  csr: Pick<CsrSummary, 'publicKeySpki' | 'keyType'> & Partial<Pick<CsrSummary, 'subjectDer'>>;
  /** RFC 4514 text replacing the CSR subject (e.g. a subject template filled by policy). */
  subjectOverride?: string;
  /** Already policy-filtered by the caller (see filterSans). */
  sans: SanEntry[];
  validityDays: number;
  /** Adds emailProtection (S/MIME); then an email SAN should carry the mailbox. */
  emailProtection: boolean;
  now: Date;
  /** Unsigned big-endian serial; random 16 bytes when omitted. */
  serial?: Buffer;
}

export interface IssuedCertificate {
  der: Buffer;
  serialHex: string;
  notBefore: Date;
  notAfter: Date;
  subject: string;
  sha256Hex: string;
}

const DAY_MS = 86_400_000;
/** Certificates carry whole seconds; report the dates exactly as encoded. */
const toSecond = (ms: number) => new Date(Math.floor(ms / 1000) * 1000);

export class IssueError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IssueError';
  }
}

export function issueCertificate(opts: IssueCertificateOptions): IssuedCertificate {
  if (!Number.isFinite(opts.validityDays) || opts.validityDays <= 0) throw new IssueError('validityDays must be positive');
  const ca = parseCertificate(opts.caCertificateDer);
  if (!spkiOfKey(opts.caKey).equals(ca.spkiDer)) throw new IssueError('the CA key does not match the CA certificate');

  const serial = opts.serial ?? randomSerialNumber();
  // RFC 5280 §4.1.2.2: positive, at most 20 octets including any 0x00 sign octet.
  const magnitude = serial.subarray(serial.findIndex((b) => b !== 0));
  if (serial.every((b) => b === 0) || magnitude.length + (magnitude[0] & 0x80 ? 1 : 0) > 20) {
    throw new IssueError('serial must be positive and at most 20 octets');
  }

  const given = opts.subjectOverride !== undefined ? encodeDistinguishedName(opts.subjectOverride) : opts.csr.subjectDer;
  if (given === undefined) throw new IssueError('no subject: give subjectOverride or the CSR subject');
  const subjectDer = Buffer.from(given);
  const emptySubject = subjectDer.length <= 2; // SEQUENCE {}
  // An empty subject needs a SAN, which then MUST be critical (RFC 5280 §4.2.1.6); macOS MDM also ignores
  // identities with an empty subject (checklist §7), so callers should avoid it.
  if (emptySubject && opts.sans.length === 0) throw new IssueError('a certificate with an empty subject needs a SAN');

  const notBefore = toSecond(opts.now.getTime() - CLOCK_SKEW_MS);
  const notAfter = toSecond(Math.min(opts.now.getTime() + opts.validityDays * DAY_MS, ca.notAfter.getTime()));
  if (notAfter.getTime() <= notBefore.getTime()) throw new IssueError('the CA certificate has expired');

  const spkiDer = Buffer.from(opts.csr.publicKeySpki);
  const caSkiExt = ca.extensions.find((e) => e.oid === OID.subjectKeyIdentifier);
  // RFC 5280 §4.2.1.1: AKI keyIdentifier = the issuer's SKI; derive it the same way if the CA lacks one.
  const caKeyId = caSkiExt ? decodeSubjectKeyIdentifier(caSkiExt.value) : keyIdentifierFromSpki(ca.spkiDer);

  const extensions: Extension[] = [
    basicConstraints(false),
    // keyEncipherment only makes sense for RSA (key transport); an EC key gets digitalSignature alone.
    keyUsage(opts.csr.keyType === 'RSA' ? ['digitalSignature', 'keyEncipherment'] : ['digitalSignature']),
    extKeyUsage(opts.emailProtection ? [OID.clientAuth, OID.emailProtection] : [OID.clientAuth]),
    subjectKeyIdentifier(keyIdentifierFromSpki(spkiDer)),
    authorityKeyIdentifier(caKeyId),
    ...(opts.sans.length ? [subjectAltName(opts.sans, emptySubject)] : []),
  ];

  const der = signCertificate(
    { serial, issuerDer: ca.subjectDer, subjectDer, notBefore, notAfter, spkiDer, extensions },
    opts.caKey,
  );
  return {
    der,
    serialHex: serialToHex(parseCertificate(der).serial),
    notBefore,
    notAfter,
    subject: formatName(subjectDer),
    sha256Hex: sha256Hex(der),
  };
}
