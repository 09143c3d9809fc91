import type { BackendDecision, FailInfoName } from '../../scep/backend';
import type { ScepReasonCode } from '../../scep/reason-codes';

export const failure = (code: ScepReasonCode, reason: string, failInfo: FailInfoName = 'badRequest', clientText?: string): BackendDecision => ({
  kind: 'failure',
  code,
  failInfo,
  reason,
  clientText,
});

export const issued = (der: Uint8Array): BackendDecision => ({ kind: 'issued', certificateDer: der });
export const pending: BackendDecision = { kind: 'pending' };

/** The answer for a transaction Tessera already knows, whether the client is retransmitting or polling. */
export function decisionForStored(
  req: { status: string; failureReason: string | null; decisionReason: string | null; decidedBy: string | null; transactionId: string },
  certificateDer: Uint8Array | null,
): BackendDecision {
  switch (req.status) {
    case 'ISSUED':
      return certificateDer ? issued(certificateDer) : failure('request-failed', `transaction ${req.transactionId} is marked issued but its certificate is missing`);
    case 'PENDING':
      return pending;
    case 'REJECTED':
      return failure('rejected-by-admin', `request was rejected by ${req.decidedBy ?? 'an admin'}${req.decisionReason ? `: ${req.decisionReason}` : ''}`, 'badRequest', 'request rejected');
    case 'EXPIRED':
      return failure('pending-expired', 'the pending request expired before an admin approved it; enroll again with a new challenge', 'badRequest', 'request expired');
    default:
      return failure('request-failed', req.failureReason ?? `request is in state ${req.status}`);
  }
}
