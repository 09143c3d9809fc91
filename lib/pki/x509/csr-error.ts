/** Why a PKCS#10 request was refused. lib/scep maps every code to FAILURE badRequest (RFC 8894 §3.3.2.2). */
export type CsrErrorCode =
  | 'malformed' // not DER / not a CertificationRequest
  | 'unsupported-version' // version other than 0 (RFC 2986) or 2 (seen from macOS)
  | 'unsupported-algorithm' // signature algorithm we do not verify (MD5, PSS, …)
  | 'unsupported-key' // public key we cannot use to verify (neither RSA nor EC)
  | 'bad-signature' // the self-signature does not verify: corrupted or tampered
  | 'bad-attribute'; // challengePassword / extensionRequest present but malformed

export class CsrError extends Error {
  readonly code: CsrErrorCode;
  constructor(code: CsrErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CsrError';
    this.code = code;
  }
}
