import type { BackendDecision, FailInfoName } from '../../scep/backend';
import type { ScepReasonCode } from '../../scep/reason-codes';

export const failure = (reason: string, failInfo: FailInfoName = 'badRequest', clientText?: string, code?: ScepReasonCode): BackendDecision => ({
  kind: 'failure',
  failInfo,
  reason,
  clientText,
  ...(code ? { code } : {}),
});

/** A badRequest refusal with its reason code; the client learns only that the request was rejected. */
export const refuse = (code: ScepReasonCode, reason: string): BackendDecision => failure(reason, 'badRequest', 'request rejected', code);

export const issued = (der: Uint8Array): BackendDecision => ({ kind: 'issued', certificateDer: der });
export const pending: BackendDecision = { kind: 'pending' };

/** The answer for a transaction Tessera already knows, whether the client is retransmitting or polling. */
export function decisionForStored(
  req: { status: string; failureReason: string | null; decisionReason: string | null; decidedBy: string | null; transactionId: string },
  certificateDer: Uint8Array | null,
): BackendDecision {
  switch (req.status) {
    case 'ISSUED':
      return certificateDer ? issued(certificateDer) : failure(`transaction ${req.transactionId} is marked issued but its certificate is missing`, 'badRequest', undefined, 'request-failed');
    case 'PENDING':
      return pending;
    case 'REJECTED':
      return failure(`request was rejected by ${req.decidedBy ?? 'an admin'}${req.decisionReason ? `: ${req.decisionReason}` : ''}`, 'badRequest', 'request rejected', 'rejected-by-admin');
    case 'EXPIRED':
      return failure('the pending request expired before an admin approved it; enroll again with a new challenge', 'badRequest', 'request expired', 'pending-expired');
    default:
      return failure(req.failureReason ?? `request is in state ${req.status}`);
  }
}
