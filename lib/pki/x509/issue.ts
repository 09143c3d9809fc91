/**
 * The one way Tessera makes a certificate (RFC 5280 §4.1) — the CA, device identities, the profile signer, and the
 * RA and OCSP-signer certificates to come: a Tessera-built subject, a public key, a role that sets the basic
 * constraints and key usages, and any further extensions. Nothing is ever copied from a CSR but its key.
 */
import { createHash, createPublicKey, randomBytes, type KeyObject } from 'node:crypto';
import { hashByName, RSA_ENCRYPTION, signatureAlgorithm, signWith } from '../algorithms';
import { bitString, childrenOf, der, explicit, integer, parseBer, raw, readBitString, readOid, seq, time } from '../asn1';
import type { SanEntry } from '../csr-types';
import { IssueError } from '../errors';
import { OID } from '../oids';
import type { Certificate } from './certificate';
import {
  authorityKeyIdentifier,
  basicConstraints,
  decodeSubjectKeyIdentifier,
  encodeExtension,
  extKeyUsage,
  keyUsage,
  subjectAltName,
  subjectKeyIdentifier,
  type Extension,
  type KeyUsageName,
} from './extensions';
import { encodeName, formatName, parseDistinguishedName, type Rdn } from './name';

export type CertificateRole = 'ca' | 'leaf' | 'ra' | 'ocsp-signer' | 'profile-signer';

export interface Issuer {
  certificate: Certificate;
  privateKey: KeyObject;
}

export interface IssueRequest {
  role: CertificateRole;
  /** The signing CA, or null for a self-signed certificate (then `subjectKey` must be the private key). */
  issuer: Issuer | null;
  /** Built by Tessera: RDNs in DER order, or RFC 4514 text ("CN=alice,O=Example"). */
  subject: Rdn[] | string;
  /** The certified key: SubjectPublicKeyInfo DER, or a KeyObject. */
  subjectKey: Uint8Array | KeyObject;
  now: Date;
  /** Clamped to the issuer's notAfter. */
  validityDays: number;
  /** Unsigned big-endian serial; 16 random octets when omitted. */
  serial?: Uint8Array;
  sans?: readonly SanEntry[];
  /** Defaults per role (see ROLE_USAGES). */
  keyUsage?: readonly KeyUsageName[];
  extendedKeyUsage?: readonly string[];
  /** basicConstraints pathLenConstraint of a CA. */
  pathLen?: number;
  /** More extensions (CRL distribution points, authority information access, OCSP no-check, …). */
  extensions?: readonly Extension[];
}

export interface IssuedCertificate {
  der: Uint8Array;
  serialHex: string;
  notBefore: Date;
  notAfter: Date;
  /** RFC 4514 text of the subject as encoded. */
  subject: string;
  sha256Hex: string;
}

/**
 * Key usages per role. A SCEP CA that is its own RA signs CertReps (digitalSignature) and receives request envelopes
 * (keyEncipherment), RFC 8894 §2.1.2; iOS refuses a GetCACert answer without them ("-67731 The key usage is
 * incorrect"). A profile signer carries emailProtection so strict CMS verifiers (`openssl cms -verify`, whose
 * default purpose is S/MIME signing) accept it; Apple needs only digitalSignature.
 */
export const ROLE_USAGES: Record<CertificateRole, { keyUsage: readonly KeyUsageName[]; extendedKeyUsage: readonly string[] }> = {
  ca: { keyUsage: ['digitalSignature', 'keyEncipherment', 'keyCertSign', 'cRLSign'], extendedKeyUsage: [] },
  // keyEncipherment only makes sense for RSA (key transport): issue() drops it for other keys.
  leaf: { keyUsage: ['digitalSignature', 'keyEncipherment'], extendedKeyUsage: [OID.clientAuth] },
  ra: { keyUsage: ['digitalSignature', 'keyEncipherment'], extendedKeyUsage: [] },
  'ocsp-signer': { keyUsage: ['digitalSignature'], extendedKeyUsage: [OID.ocspSigning] },
  'profile-signer': { keyUsage: ['digitalSignature'], extendedKeyUsage: [OID.emailProtection] },
};

const DAY_MS = 86_400_000;
/** Backdating absorbs client clocks that run a little slow (micromdm backdates 10 minutes). */
export const CLOCK_SKEW_MS = 5 * 60_000;
const toSecond = (ms: number) => new Date(Math.floor(ms / 1000) * 1000);

/**
 * 16 random octets (128 bits, well above the CA/Browser Forum's 64-bit floor) with the first forced into 0x01..0x7f,
 * so the INTEGER is positive, needs no 0x00 pad and is always exactly 16 octets (RFC 5280 §4.1.2.2).
 */
export function randomSerialNumber(): Buffer {
  const serial = randomBytes(16);
  serial[0] = (serial[0]! % 0x7f) + 1;
  return serial;
}

// KeyObjects are immutable, so a key's SPKI can be remembered: every issuance checks the issuer key.
const spkiCache = new WeakMap<KeyObject, Uint8Array>();

export function spkiOfKey(key: KeyObject): Uint8Array {
  let spki = spkiCache.get(key);
  if (!spki) {
    spki = (key.type === 'private' ? createPublicKey(key) : key).export({ type: 'spki', format: 'der' });
    spkiCache.set(key, spki);
  }
  return spki;
}

/** The key identifier (RFC 5280 §4.2.1.2 method 1: SHA-1 of the subjectPublicKey bits) and whether the key is RSA. */
function spkiFacts(spkiDer: Uint8Array): { keyId: Buffer; rsa: boolean } {
  const [algorithm, bits] = childrenOf(parseBer(spkiDer), 'SubjectPublicKeyInfo');
  return { keyId: createHash('sha1').update(readBitString(bits).bytes).digest(), rsa: readOid(childrenOf(algorithm, 'algorithm')[0]) === RSA_ENCRYPTION };
}

function checkSerial(serial: Uint8Array): void {
  // RFC 5280 §4.1.2.2: positive, at most 20 octets including any 0x00 sign octet.
  const magnitude = serial.subarray(Math.max(0, serial.findIndex((b) => b !== 0)));
  if (serial.every((b) => b === 0) || magnitude.length + (magnitude[0]! & 0x80 ? 1 : 0) > 20) {
    throw new IssueError('invalid-request', 'serial must be positive and at most 20 octets');
  }
}

export function issueCertificate(req: IssueRequest): IssuedCertificate {
  if (!Number.isFinite(req.validityDays) || req.validityDays <= 0) throw new IssueError('invalid-request', 'validityDays must be positive');
  const signingKey = req.issuer ? req.issuer.privateKey : req.subjectKey;
  if (signingKey instanceof Uint8Array || signingKey.type !== 'private') {
    throw new IssueError('invalid-request', 'a self-signed certificate needs the subject private key');
  }
  const spkiDer = req.subjectKey instanceof Uint8Array ? req.subjectKey : spkiOfKey(req.subjectKey);
  if (req.issuer && Buffer.compare(spkiOfKey(req.issuer.privateKey), req.issuer.certificate.spkiDer) !== 0) {
    throw new IssueError('issuer-mismatch', 'the CA key does not match the CA certificate');
  }
  const serial = req.serial ?? randomSerialNumber();
  checkSerial(serial);
  const subjectDer = encodeName(typeof req.subject === 'string' ? parseDistinguishedName(req.subject) : req.subject);
  const emptySubject = subjectDer.length <= 2; // SEQUENCE {}
  const sans = req.sans ?? [];
  // An empty subject needs a SAN, which then MUST be critical (RFC 5280 §4.2.1.6); macOS MDM ignores such identities.
  if (emptySubject && (sans.length === 0 || req.role === 'ca')) throw new IssueError('invalid-request', 'a certificate with an empty subject needs a SAN');

  const notBefore = toSecond(req.now.getTime() - CLOCK_SKEW_MS);
  const limit = req.issuer ? req.issuer.certificate.notAfter.getTime() : Infinity;
  const notAfter = toSecond(Math.min(req.now.getTime() + req.validityDays * DAY_MS, limit));
  if (notAfter.getTime() <= notBefore.getTime()) throw new IssueError('issuer-expired', 'the CA certificate has expired');

  const { keyId, rsa } = spkiFacts(spkiDer);
  const issuerSki = req.issuer?.certificate.extension(OID.subjectKeyIdentifier);
  // RFC 5280 §4.2.1.1: AKI keyIdentifier = the issuer's SKI, derived the same way when the issuer has none. Self-signed
  // CAs may omit it; including it (= SKI) helps chain builders such as certmonger.
  const authorityKeyId = !req.issuer ? keyId : issuerSki ? decodeSubjectKeyIdentifier(issuerSki.value) : spkiFacts(req.issuer.certificate.spkiDer).keyId;
  const usages = ROLE_USAGES[req.role];
  const ku = req.keyUsage ?? usages.keyUsage.filter((k) => rsa || k !== 'keyEncipherment');
  const eku = req.extendedKeyUsage ?? usages.extendedKeyUsage;
  const extensions: Extension[] = [
    basicConstraints(req.role === 'ca', req.role === 'ca' ? req.pathLen : undefined),
    keyUsage(ku),
    ...(eku.length ? [extKeyUsage(eku)] : []),
    subjectKeyIdentifier(keyId),
    authorityKeyIdentifier(authorityKeyId),
    ...(sans.length ? [subjectAltName(sans, emptySubject)] : []),
    ...(req.extensions ?? []),
  ];

  const hash = hashByName('SHA-256');
  const algorithm = signatureAlgorithm(signingKey, hash);
  const tbs = der(
    seq(
      explicit(0, integer(2)), // v3
      integer(serial),
      algorithm,
      raw(req.issuer ? req.issuer.certificate.subjectDer : subjectDer),
      seq(time(notBefore), time(notAfter)),
      raw(subjectDer),
      raw(spkiDer),
      explicit(3, seq(...extensions.map(encodeExtension))),
    ),
  );
  const certificate = der(seq(raw(tbs), algorithm, bitString(signWith(signingKey, 'SHA-256', tbs))));
  return {
    der: certificate,
    serialHex: Buffer.from(der(integer(serial)).subarray(2)).toString('hex'), // the INTEGER's content octets
    notBefore,
    notAfter,
    subject: formatName(subjectDer),
    sha256Hex: createHash('sha256').update(certificate).digest('hex'),
  };
}
