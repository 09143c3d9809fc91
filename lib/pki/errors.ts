/**
 * The one error style of lib/pki, lib/scep and lib/profile: a stable `code` for the caller to branch on, a message
 * for people (never holding a key, challenge or password).
 */
export class CodedError<C extends string = string> extends Error {
  constructor(
    readonly code: C,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Bytes that are not the expected ASN.1 (`malformed`), or that exceed a parser limit (`too-large`). */
export class Asn1Error extends CodedError<'malformed' | 'too-large'> {}

export class PemError extends CodedError<'malformed'> {}

/** Not an X.509 certificate (RFC 5280 §4.1). */
export class CertificateError extends CodedError<'malformed'> {}

/** RFC 4514 text that cannot become a Name, or a Name that cannot be encoded. */
export class NameError extends CodedError<'invalid-name'> {}

/** Why a PKCS#10 request was refused (RFC 2986). lib/scep answers every code with FAILURE badRequest. */
export type CsrErrorCode =
  | 'malformed' // not a CertificationRequest
  | 'unsupported-version' // version other than 0 (RFC 2986) or 2 (seen from macOS)
  | 'unsupported-algorithm' // a signature algorithm we do not verify (MD5, PSS, …)
  | 'unsupported-key' // a public key we cannot verify with (neither RSA nor EC)
  | 'bad-signature' // the self-signature does not verify: corrupted or tampered
  | 'bad-attribute'; // challengePassword / extensionRequest present but malformed
export class CsrError extends CodedError<CsrErrorCode> {}

/** Typed CMS failures; lib/scep maps each code to a SCEP failInfo (RFC 8894 §3.2.1.4). */
export type CmsErrorCode =
  | 'malformed' // not the expected CMS structure
  | 'unsupported-algorithm' // a digest, signature, key-transport or content cipher we do not accept
  | 'legacy-algorithm' // implemented but only behind the legacy switch (single DES, MD5)
  | 'no-recipient' // no RecipientInfo addressed to our certificate
  | 'decrypt-failed'; // key transport or content decryption failed; deliberately undetailed (no padding oracle)
export class CmsError extends CodedError<CmsErrorCode> {}

/** A certificate that cannot be issued as asked (bad validity, serial, subject, or an issuer key that does not fit). */
export class IssueError extends CodedError<'invalid-request' | 'issuer-mismatch' | 'issuer-expired'> {}
