/**
 * Creates Tessera's self-signed SCEP CA: the certificate GetCACert returns, which issues client identities and, as
 * its own RA, signs CertReps and decrypts PKCSReq envelopes.
 */
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { IssueError } from '../errors';
import { issueCertificate } from './issue';

export interface CreateCaOptions {
  /** RFC 4514 text, e.g. "CN=Tessera Enrollment CA,O=Example". */
  subject: string;
  keyBits?: 2048 | 3072 | 4096;
  /** Default 3650 (ten years): a CA roll-over means re-enrolling every device. */
  validityDays?: number;
  now?: Date;
}

export interface CreatedCa {
  certificateDer: Uint8Array;
  privateKey: KeyObject;
}

export function createCaCertificate(opts: CreateCaOptions): CreatedCa {
  const keyBits = opts.keyBits ?? 2048;
  if (![2048, 3072, 4096].includes(keyBits)) throw new IssueError('invalid-request', 'keyBits must be 2048, 3072 or 4096');
  // RSA only: Apple's SCEP client encrypts requests to the CA and refuses non-RSA recipients.
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: keyBits, publicExponent: 0x10001 });
  const issued = issueCertificate({
    role: 'ca',
    issuer: null,
    subject: opts.subject,
    subjectKey: privateKey,
    now: opts.now ?? new Date(),
    validityDays: opts.validityDays ?? 3650,
  });
  return { certificateDer: issued.der, privateKey };
}
