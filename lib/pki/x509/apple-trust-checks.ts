/**
 * Checks an admin can read before deploying a certificate to Apple devices:
 *  - TLS server certificates: Apple's rules for iOS 13 / macOS 10.15+ (support.apple.com/103769) and the 398-day
 *    limit for publicly trusted certificates (support.apple.com/102028);
 *  - the SCEP CA: RSA, SHA-2, and the key usages iOS needs to sign and encrypt SCEP messages;
 *  - the profile signer: a key that may make digital signatures.
 */
import type { CertificateInfo } from './certificate-info';

export type TrustCheckStatus = 'pass' | 'warn' | 'fail';
export interface TrustCheck {
  id: string;
  label: string;
  status: TrustCheckStatus;
  detail: string;
}
export type TrustCheckKind = 'ca' | 'profile-signer' | 'tls-server';

const DAY_MS = 86_400_000;
const day = (d: Date) => d.toISOString().slice(0, 10);
/** Apple's 103769 rules apply to TLS certificates issued after this date. */
const APPLE_TLS_RULES_FROM = Date.UTC(2019, 6, 1);
const SHA2 = /^(sha(256|384|512)WithRSAEncryption|ecdsa-with-SHA(256|384|512)|rsassaPss|ED25519)$/;

function keyCheck(info: CertificateInfo, kind: TrustCheckKind): TrustCheck {
  const label = 'Key type and size';
  const id = 'key-size';
  if (info.keyType === 'RSA') {
    return info.keyBits >= 2048
      ? { id, label, status: 'pass', detail: `RSA ${info.keyBits}-bit key.` }
      : { id, label, status: 'fail', detail: `RSA ${info.keyBits}-bit key: Apple devices refuse RSA keys shorter than 2048 bits.` };
  }
  if (info.keyType === 'EC' && kind === 'tls-server') {
    return info.keyBits >= 256
      ? { id, label, status: 'pass', detail: `Elliptic-curve ${info.keyBits}-bit key.` }
      : { id, label, status: 'fail', detail: `Elliptic-curve ${info.keyBits}-bit key is too small; use P-256 or larger.` };
  }
  if (info.keyType === 'EC' && kind === 'ca') {
    return { id, label, status: 'fail', detail: 'Elliptic-curve key: Apple devices can only send SCEP requests to a CA with an RSA key. Use RSA 2048 or larger.' };
  }
  if (info.keyType === 'EC') {
    return { id, label, status: 'warn', detail: 'Elliptic-curve key: an RSA 2048-bit key is the safest choice for signing profiles on older devices.' };
  }
  return { id, label, status: 'fail', detail: 'Unsupported key type: use an RSA key of 2048 bits or more.' };
}

function signatureCheck(info: CertificateInfo): TrustCheck {
  const id = 'signature-algorithm';
  const label = 'Signature algorithm';
  if (SHA2.test(info.signatureAlgorithm)) return { id, label, status: 'pass', detail: `Signed with ${info.signatureAlgorithm}.` };
  if (info.subject === info.issuer) {
    return { id, label, status: 'warn', detail: `Signed with ${info.signatureAlgorithm}. Devices don't check a root's own signature, but re-issue it with SHA-256 when you can.` };
  }
  return { id, label, status: 'fail', detail: `Signed with ${info.signatureAlgorithm}: Apple devices no longer trust SHA-1 or MD5 signatures. Re-issue with SHA-256.` };
}

function validityCheck(info: CertificateInfo, now: Date): TrustCheck {
  const id = 'validity';
  const label = 'Validity period';
  if (now < info.notBefore) return { id, label, status: 'fail', detail: `Not valid until ${day(info.notBefore)}. Check the server clock or wait.` };
  if (now > info.notAfter) return { id, label, status: 'fail', detail: `Expired on ${day(info.notAfter)}. Devices will refuse it; replace it now.` };
  const daysLeft = Math.floor((info.notAfter.getTime() - now.getTime()) / DAY_MS);
  if (daysLeft < 30) return { id, label, status: 'warn', detail: `Expires on ${day(info.notAfter)} (in ${daysLeft} days). Plan its replacement.` };
  return { id, label, status: 'pass', detail: `Valid until ${day(info.notAfter)} (${daysLeft} days left).` };
}

function tlsChecks(info: CertificateInfo): TrustCheck[] {
  const dns = info.sans.filter((s) => s.type === 'dns').map((s) => s.value);
  const lifetimeDays = Math.round((info.notAfter.getTime() - info.notBefore.getTime()) / DAY_MS);
  const ruled = info.notBefore.getTime() >= APPLE_TLS_RULES_FROM;
  const checks: TrustCheck[] = [
    dns.length
      ? { id: 'san-dns', label: 'Host name in Subject Alternative Name', status: 'pass', detail: `Covers ${dns.join(', ')}.` }
      : { id: 'san-dns', label: 'Host name in Subject Alternative Name', status: 'fail', detail: 'No DNS name in the Subject Alternative Name extension. Apple devices ignore the Common Name, so the connection will fail.' },
    info.extendedKeyUsage.includes('serverAuth')
      ? { id: 'eku-server-auth', label: 'Allowed for TLS servers', status: 'pass', detail: 'Extended key usage includes serverAuth.' }
      : { id: 'eku-server-auth', label: 'Allowed for TLS servers', status: ruled ? 'fail' : 'warn', detail: 'Extended key usage does not include serverAuth (TLS Web Server Authentication), which Apple requires for server certificates.' },
  ];
  if (lifetimeDays > 825) {
    checks.push({ id: 'lifetime', label: 'Certificate lifetime', status: ruled ? 'fail' : 'warn', detail: `Valid for ${lifetimeDays} days. Apple devices reject TLS server certificates valid for more than 825 days, even from your own CA.` });
  } else if (lifetimeDays > 398) {
    checks.push({ id: 'lifetime', label: 'Certificate lifetime', status: 'warn', detail: `Valid for ${lifetimeDays} days. Fine for a certificate from your own CA, but a publicly trusted certificate may be valid for at most 398 days.` });
  } else {
    checks.push({ id: 'lifetime', label: 'Certificate lifetime', status: 'pass', detail: `Valid for ${lifetimeDays} days.` });
  }
  return checks;
}

function caChecks(info: CertificateInfo): TrustCheck[] {
  const ku = new Set(info.keyUsage);
  const noKu = info.keyUsage.length === 0;
  const missingScep = ['digitalSignature', 'keyEncipherment'].filter((k) => !ku.has(k));
  return [
    info.isCa
      ? { id: 'ca-basic-constraints', label: 'Marked as a CA', status: 'pass', detail: 'Basic constraints say this is a CA.' }
      : { id: 'ca-basic-constraints', label: 'Marked as a CA', status: 'fail', detail: 'This is not a CA certificate (basic constraints CA:FALSE or missing), so devices won\'t trust what it issues.' },
    noKu
      ? { id: 'ca-key-cert-sign', label: 'May issue certificates', status: 'warn', detail: 'No key usage extension. Most software allows everything then, but set keyCertSign explicitly.' }
      : ku.has('keyCertSign')
        ? { id: 'ca-key-cert-sign', label: 'May issue certificates', status: 'pass', detail: 'Key usage includes keyCertSign.' }
        : { id: 'ca-key-cert-sign', label: 'May issue certificates', status: 'fail', detail: 'Key usage lacks keyCertSign, so certificates it issues will not be trusted.' },
    noKu
      ? { id: 'ca-key-usage-scep', label: 'May sign and decrypt SCEP messages', status: 'warn', detail: 'No key usage extension; iOS expects digitalSignature and keyEncipherment on the SCEP CA.' }
      : missingScep.length === 0
        ? { id: 'ca-key-usage-scep', label: 'May sign and decrypt SCEP messages', status: 'pass', detail: 'Key usage includes digitalSignature and keyEncipherment.' }
        : { id: 'ca-key-usage-scep', label: 'May sign and decrypt SCEP messages', status: 'fail', detail: `Key usage lacks ${missingScep.join(' and ')}. iPhones and Macs stop before enrolling with "The key usage is incorrect".` },
  ];
}

function signerChecks(info: CertificateInfo): TrustCheck[] {
  const id = 'signer-key-usage';
  const label = 'May sign profiles';
  if (info.keyUsage.length === 0) return [{ id, label, status: 'pass', detail: 'No key usage restriction.' }];
  return info.keyUsage.includes('digitalSignature')
    ? [{ id, label, status: 'pass', detail: 'Key usage includes digitalSignature.' }]
    : [{ id, label, status: 'fail', detail: 'Key usage lacks digitalSignature, so devices will show the profile as unverified or refuse it.' }];
}

export function appleTrustChecks(info: CertificateInfo, kind: TrustCheckKind, now: Date): TrustCheck[] {
  const common = [keyCheck(info, kind), signatureCheck(info), validityCheck(info, now)];
  switch (kind) {
    case 'tls-server':
      return [...common, ...tlsChecks(info)];
    case 'ca':
      return [...common, ...caChecks(info)];
    case 'profile-signer':
      return [...common, ...signerChecks(info)];
  }
}
