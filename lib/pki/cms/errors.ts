/** Typed CMS failures; lib/scep maps each code to a SCEP failInfo (RFC 8894 §3.2.1.4). */
export type CmsErrorCode =
  /** The bytes are not the expected CMS structure. */
  | 'malformed'
  /** A digest, signature, key-transport or content-encryption algorithm we do not accept. */
  | 'unsupported-algorithm'
  /** An algorithm we implement but only behind the legacy switch (single DES, MD5). */
  | 'legacy-algorithm'
  /** No RecipientInfo addressed to our certificate. */
  | 'no-recipient'
  /** Key transport or content decryption failed; deliberately undetailed (no padding oracle). */
  | 'decrypt-failed';

export class CmsError extends Error {
  constructor(
    readonly code: CmsErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CmsError';
  }
}
