/**
 * Why a SCEP exchange ended as it did, as a stable code: stored with every SCEP log row and keyed on by the
 * dashboard's explanations (and metrics); the English `reason` beside it is for people only. Codes are stored in the
 * database, so never rename one: add new ones to the group they belong to.
 */

/** Answers that are not refusals. */
export const SCEP_ANSWER_CODES = ['capabilities-served', 'ca-certificate-served', 'certificate-issued', 'certificate-returned', 'pending-approval'] as const;

/** Refusals decided by the protocol layer (lib/scep), as HTTP errors or signed FAILURE CertReps. */
export const SCEP_PROTOCOL_CODES = [
  'method-not-allowed',
  'unknown-operation',
  'missing-message',
  'undecodable-message',
  'body-too-large',
  'malformed-message',
  'internal-error',
  'message-check-failed',
  'unsupported-algorithm',
  'legacy-algorithm',
  'unsupported-message-type',
  'not-for-this-ca',
  /** Anything between the RSA unwrap and a parsed, signature-checked messageData: one code, one answer. */
  'undecryptable',
  'key-not-allowed',
  'subject-not-encodable',
  'renewal-disabled',
  'renewal-signer-not-issued',
  'unknown-certificate',
] as const;

/** Refusals decided by the backend (lib/server/scep): challenges, approvals, renewals, polls. */
export const SCEP_BACKEND_CODES = [
  'challenge-missing',
  'challenge-unknown',
  'challenge-used',
  'challenge-expired',
  'challenge-revoked',
  'challenge-throttled',
  'challenge-conflict',
  'transaction-key-mismatch',
  'rejected-by-admin',
  'pending-expired',
  'poll-unknown-transaction',
  'poll-signer-mismatch',
  'renewal-signer-unknown',
  'renewal-signer-revoked',
  'renewal-signer-expired',
  'renewal-same-key',
  'concurrent-conflict',
  'request-failed',
  'transaction-id-invalid',
  'transaction-id-reused',
  'identity-mismatch',
  'subject-invalid',
  'san-invalid',
  'san-not-allowed',
  'renewal-identity-mismatch',
  'renewal-outside-window',
  'renewal-key-reused',
  'renewal-superseded',
] as const;

export const SCEP_REASON_CODES = [...SCEP_ANSWER_CODES, ...SCEP_PROTOCOL_CODES, ...SCEP_BACKEND_CODES] as const;
export type ScepReasonCode = (typeof SCEP_REASON_CODES)[number];

export const isScepReasonCode = (value: unknown): value is ScepReasonCode => (SCEP_REASON_CODES as readonly unknown[]).includes(value);
