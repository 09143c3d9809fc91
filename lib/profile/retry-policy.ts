/**
 * SCEP polling policy written into the profile ([SCEP] `Retries`, `RetryDelay`).
 *
 * When the server answers PENDING, the device retries `Retries` times; [SCEP] says the first retry happens at once
 * and the following ones `RetryDelay` seconds apart. After the last PENDING it gives up and the profile install
 * fails (iOS reports a SCEP PENDING error), so the user must start over with a new challenge. The window in which an
 * administrator can still approve a request is therefore about (Retries − 1) × RetryDelay seconds.
 *
 * - auto: the CA answers SUCCESS or FAILURE at once; [SCEP]'s defaults (3 × 10 s) are written explicitly.
 * - manual: a person has to approve in the dashboard, so keep the install sheet waiting ≥ 10 minutes:
 *   21 retries × 30 s → 20 × 30 s = 600 s. A shorter delay would only add load; a much longer window leaves the user
 *   staring at a spinner with no feedback.
 */
export interface RetryPolicy {
  retries: number;
  retryDelaySeconds: number;
}

export type ApprovalMode = 'auto' | 'manual';

export const MANUAL_APPROVAL_WINDOW_SECONDS = 600;

export function retryPolicyFor(approval: ApprovalMode): RetryPolicy {
  return approval === 'auto' ? { retries: 3, retryDelaySeconds: 10 } : { retries: 21, retryDelaySeconds: 30 };
}

/** Seconds between the first PENDING answer and the device's last poll (first retry is immediate, per [SCEP]). */
export function pendingWindowSeconds(policy: RetryPolicy): number {
  return Math.max(0, policy.retries - 1) * policy.retryDelaySeconds;
}
