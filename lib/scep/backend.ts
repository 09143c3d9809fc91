/**
 * The port between the SCEP protocol library (lib/scep, pure) and whatever decides and stores enrollments
 * (lib/server, backed by Postgres). lib/scep parses, verifies and decrypts; it then asks the backend what to
 * answer and turns that answer into a signed CertRep. Nothing here imports Prisma or Next.
 */

/** RFC 8894 §3.2.1.4 failInfo values, by name. */
export type FailInfoName = 'badAlg' | 'badMessageCheck' | 'badRequest' | 'badTime' | 'badCertId';

import type { CsrSummary } from '../pki/csr-types';
import type { ScepReasonCode } from './reason-codes';

export type { CsrSummary, SanEntry } from '../pki/csr-types';

export interface ScepClientInfo {
  address: string | null;
  userAgent: string | null;
}

export type BackendDecision =
  | { kind: 'issued'; certificateDer: Uint8Array }
  | { kind: 'pending' }
  /**
   * `code` and `reason` go to Tessera's SCEP log (`reason` in plain English, no secrets); `clientText` is the
   * failInfoText sent to the client. `code` is a stable name for the cause (lib/scep/reason-codes.ts), for the log,
   * the dashboard's explanations and metrics.
   */
  | { kind: 'failure'; failInfo: FailInfoName; reason: string; clientText?: string; code?: ScepReasonCode };

export interface EnrollInput {
  transactionId: string;
  messageType: 'PKCSReq' | 'RenewalReq';
  csr: CsrSummary;
  /** DER of the certificate that signed the pkiMessage (self-signed for a first enrollment). */
  signerCertDer: Uint8Array;
  /** hex SHA-256 of the signer certificate's SubjectPublicKeyInfo. */
  signerPublicKeySha256: string;
  /**
   * Set when the request was signed by a certificate this CA issued (RenewalReq, or a PKCSReq renewal by sscep/certmonger).
   * The protocol layer has verified the signer certificate's signature against the CA key; the backend still checks
   * that it is known, valid and not revoked.
   */
  renewalOfSerialHex: string | null;
  client: ScepClientInfo;
}

export interface PollInput {
  transactionId: string;
  signerPublicKeySha256: string;
  client: ScepClientInfo;
}

export interface ScepBackend {
  /**
   * PKCSReq / RenewalReq. Must be idempotent on (transactionId, CSR key): a retransmit of an issued transaction returns
   * the same certificate, a retransmit of a pending one is a poll, the same transactionId with another key is a failure.
   */
  enroll(input: EnrollInput): Promise<BackendDecision>;
  /** CertPoll / GetCertInitial: matched by transactionId and signer key. Unknown transaction → badCertId. */
  poll(input: PollInput): Promise<BackendDecision>;
  /** GetCert (21): the certificate with this serial issued by our CA, or null. */
  getCertificate(serialHex: string): Promise<Uint8Array | null>;
}
