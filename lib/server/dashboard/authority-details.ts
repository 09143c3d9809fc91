/** The CA and the profile signer as the settings page shows them, each with Apple's trust checks. */
import { appleTrustChecks, type TrustCheck, type TrustCheckKind } from '../../pki/x509/apple-trust-checks';
import type { CertificateInfo } from '../../pki/x509/certificate-info';
import { colonHex } from '../../pki/x509/fingerprints';
import { derToPem } from '../../pki/x509/pem';
import type { Runtime } from '../runtime';

export interface CertificateSummary {
  subject: string;
  issuer: string;
  serial: string;
  notBefore: string;
  notAfter: string;
  key: string;
  signatureAlgorithm: string;
  sha256: string;
  sha1: string;
  keyUsage: string[];
  extendedKeyUsage: string[];
  sans: string[];
}

export interface AuthorityDetails extends CertificateSummary {
  checks: TrustCheck[];
}

export function summariseCertificate(info: CertificateInfo): CertificateSummary {
  return {
    subject: info.subject,
    issuer: info.issuer,
    serial: info.serialHex,
    notBefore: info.notBefore.toISOString(),
    notAfter: info.notAfter.toISOString(),
    key: `${info.keyType}-${info.keyBits}`,
    signatureAlgorithm: info.signatureAlgorithm,
    sha256: colonHex(info.sha256Hex),
    sha1: colonHex(info.sha1Hex),
    keyUsage: info.keyUsage,
    extendedKeyUsage: info.extendedKeyUsage,
    sans: info.sans.map((s) => `${s.type}:${s.value}`),
  };
}

export const authorityDetails = (info: CertificateInfo, kind: TrustCheckKind, now: Date): AuthorityDetails => ({
  ...summariseCertificate(info),
  checks: appleTrustChecks(info, kind, now),
});

export async function getAuthorities(runtime: Runtime, { now = new Date() }: { now?: Date } = {}): Promise<{ ca: AuthorityDetails; profileSigner: AuthorityDetails }> {
  const [ca, signer] = await Promise.all([runtime.ca(), runtime.profileSigner()]);
  return { ca: authorityDetails(ca.info, 'ca', now), profileSigner: authorityDetails(signer.info, 'profile-signer', now) };
}

/** The CA certificate as PEM, for download (public information). */
export async function getCaCertificatePem(runtime: Runtime): Promise<string> {
  return derToPem((await runtime.ca()).certificateDer);
}
