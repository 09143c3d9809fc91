/**
 * The certificate that signs .mobileconfig profiles (CMS SignedData over the plist). Apple verifies a profile with any
 * RSA certificate allowing digitalSignature and shows "Verified" when the chain ends in a trusted root; there is no
 * Apple-specific EKU (see ROLE_USAGES for why emailProtection, and why not codeSigning).
 */
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { issueCertificate, type Issuer } from './issue';

export interface ProfileSignerIdentity {
  certificateDer: Uint8Array;
  privateKey: KeyObject;
}

/** A fresh RSA-2048 key certified by `ca` for `validityDays` (default 825), clamped to the CA's notAfter. */
export function issueProfileSigner(opts: { ca: Issuer; subject?: string; validityDays?: number; now: Date }): ProfileSignerIdentity {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent: 0x10001 });
  const issued = issueCertificate({
    role: 'profile-signer',
    issuer: opts.ca,
    subject: opts.subject ?? 'CN=Tessera Profile Signing',
    subjectKey: privateKey,
    now: opts.now,
    validityDays: opts.validityDays ?? 825,
  });
  return { certificateDer: issued.der, privateKey };
}
