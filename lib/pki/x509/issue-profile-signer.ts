/**
 * Issues the certificate that signs .mobileconfig profiles (CMS SignedData over the plist).
 *
 * Apple verifies a profile signature with any RSA certificate whose keyUsage allows digitalSignature and shows
 * "Verified" only when the chain ends in a trusted root; there is no Apple-specific EKU for profile signing.
 * We add emailProtection because a profile signature is a CMS/S-MIME-style signature and strict CMS verifiers
 * (openssl smime/cms -verify with the default "smimesign" purpose) then accept it too. codeSigning is left out:
 * it would claim a purpose the certificate does not serve.
 */
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { signCertificate } from './certificate-builder';
import { CLOCK_SKEW_MS } from './create-ca';
import { encodeDistinguishedName } from './distinguished-name';
import {
  authorityKeyIdentifier,
  basicConstraints,
  decodeSubjectKeyIdentifier,
  extKeyUsage,
  keyUsage,
  subjectKeyIdentifier,
} from './extensions';
import { keyIdentifierFromSpki, spkiOfKey } from './key-identifier';
import { OID } from './oids';
import { parseCertificate } from './parse-certificate';
import { randomSerialNumber } from './serial-number';

export interface IssueProfileSignerOptions {
  caCertificateDer: Uint8Array;
  caKey: KeyObject;
  /** Default "CN=Tessera Profile Signing". */
  subject?: string;
  /** Default 825 days; clamped to the CA's notAfter. */
  validityDays?: number;
  now: Date;
}

export interface ProfileSigner {
  certificateDer: Buffer;
  privateKey: KeyObject;
}

const DAY_MS = 86_400_000;

export function issueProfileSigner(opts: IssueProfileSignerOptions): ProfileSigner {
  const validityDays = opts.validityDays ?? 825;
  if (!Number.isFinite(validityDays) || validityDays <= 0) throw new RangeError('validityDays must be positive');
  const ca = parseCertificate(opts.caCertificateDer);
  if (!spkiOfKey(opts.caKey).equals(ca.spkiDer)) throw new Error('the CA key does not match the CA certificate');

  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent: 0x10001 });
  const spkiDer = spkiOfKey(privateKey);
  const caSki = ca.extensions.find((e) => e.oid === OID.subjectKeyIdentifier);
  const notBefore = new Date(opts.now.getTime() - CLOCK_SKEW_MS);
  const notAfter = new Date(Math.min(opts.now.getTime() + validityDays * DAY_MS, ca.notAfter.getTime()));
  if (notAfter.getTime() <= notBefore.getTime()) throw new Error('the CA certificate has expired');

  const certificateDer = signCertificate(
    {
      serial: randomSerialNumber(),
      issuerDer: ca.subjectDer,
      subjectDer: encodeDistinguishedName(opts.subject ?? 'CN=Tessera Profile Signing'),
      notBefore,
      notAfter,
      spkiDer,
      extensions: [
        basicConstraints(false),
        keyUsage(['digitalSignature']),
        extKeyUsage([OID.emailProtection]),
        subjectKeyIdentifier(keyIdentifierFromSpki(spkiDer)),
        authorityKeyIdentifier(caSki ? decodeSubjectKeyIdentifier(caSki.value) : keyIdentifierFromSpki(ca.spkiDer)),
      ],
    },
    opts.caKey,
  );
  return { certificateDer, privateKey };
}
