/**
 * Creates Tessera's self-signed SCEP CA: the certificate returned by GetCACert, which both issues client identities
 * and (as the RA) signs CertReps and decrypts PKCSReq envelopes.
 */
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { signCertificate } from './certificate-builder';
import { encodeDistinguishedName } from './distinguished-name';
import { authorityKeyIdentifier, basicConstraints, keyUsage, subjectKeyIdentifier } from './extensions';
import { keyIdentifierFromSpki, spkiOfKey } from './key-identifier';
import { randomSerialNumber } from './serial-number';

export interface CreateCaOptions {
  /** RFC 4514 text, e.g. "CN=Tessera Enrollment CA,O=Example". */
  subject: string;
  keyBits?: 2048 | 3072 | 4096;
  /** Default 3650 (ten years): a CA roll-over means re-enrolling every device. */
  validityDays?: number;
  now?: Date;
}

export interface CreatedCa {
  certificateDer: Buffer;
  privateKey: KeyObject;
}

const DAY_MS = 86_400_000;
/** Backdating absorbs client clocks that run a little slow (micromdm backdates 10 minutes). */
export const CLOCK_SKEW_MS = 5 * 60_000;

export function createCaCertificate(opts: CreateCaOptions): CreatedCa {
  const keyBits = opts.keyBits ?? 2048;
  if (![2048, 3072, 4096].includes(keyBits)) throw new RangeError('keyBits must be 2048, 3072 or 4096');
  const validityDays = opts.validityDays ?? 3650;
  if (!Number.isFinite(validityDays) || validityDays <= 0) throw new RangeError('validityDays must be positive');
  const subjectDer = encodeDistinguishedName(opts.subject);
  if (subjectDer.length <= 2) throw new RangeError('the CA subject must not be empty'); // RFC 5280 §4.1.2.6

  // RSA only: Apple's SCEP client refuses non-RSA CA/RA recipients (checklist §7.1).
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: keyBits, publicExponent: 0x10001 });
  const spkiDer = spkiOfKey(privateKey);
  const keyId = keyIdentifierFromSpki(spkiDer);
  const now = opts.now ?? new Date();

  const certificateDer = signCertificate(
    {
      serial: randomSerialNumber(),
      issuerDer: subjectDer,
      subjectDer,
      notBefore: new Date(now.getTime() - CLOCK_SKEW_MS),
      notAfter: new Date(now.getTime() + validityDays * DAY_MS),
      spkiDer,
      extensions: [
        basicConstraints(true),
        // keyCertSign+cRLSign for the CA role; digitalSignature (signs CertRep) and keyEncipherment (PKCSReq envelopes
        // are encrypted to this key) because RFC 8894 §2.1.2 requires them of a CA that is its own RA, and iOS rejects
        // a GetCACert set without them ("-67731 The key usage is incorrect", checklist §7.1).
        keyUsage(['digitalSignature', 'keyEncipherment', 'keyCertSign', 'cRLSign']),
        subjectKeyIdentifier(keyId),
        // RFC 5280 §4.2.1.1 lets self-signed CAs omit AKI; including it (= SKI) helps chain builders such as certmonger.
        authorityKeyIdentifier(keyId),
      ],
    },
    privateKey,
  );
  return { certificateDer, privateKey };
}
