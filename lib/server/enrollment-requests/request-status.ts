/**
 * What the person's status page shows, looked up by the poll token alone. Only this request's own fields: the
 * token is the only key, and nothing here lists or hints at other requests.
 */
import type { Runtime } from '../runtime';
import { enrollmentState, type EnrollmentState } from '../enrollments/enrollment-state';
import { enrollUrlFor, profileUrlFor } from '../enrollments/public-url';
import { enrollmentTokenForRequest, hashPollToken, looksLikePollToken } from './poll-token';
import { toRequestStatus, type RequestStatus } from './request-view';

export interface RequestStatusView {
  status: RequestStatus;
  name: string;
  email: string;
  submittedAt: Date;
  /** Rejected: the admin's reason, if given. */
  rejectionReason: string | null;
  /** Approved: the enrollment link and its state. */
  enrollment: { state: EnrollmentState; enrollUrl: string; profileUrl: string; expiresAt: Date } | null;
}

export async function findRequestStatus(runtime: Runtime, { pollToken, now = new Date() }: { pollToken: string; now?: Date }): Promise<RequestStatusView | null> {
  if (!looksLikePollToken(pollToken)) return null;
  const row = await runtime.db.enrollmentRequest.findUnique({ where: { pollTokenHash: hashPollToken(runtime.masterKey, pollToken) }, include: { enrollment: true } });
  if (!row) return null;
  let enrollment: RequestStatusView['enrollment'] = null;
  if (row.status === 'APPROVED' && row.enrollment) {
    const token = enrollmentTokenForRequest(runtime.masterKey, row.pollTokenHash);
    enrollment = {
      state: enrollmentState(row.enrollment, now),
      enrollUrl: enrollUrlFor(runtime.env, token),
      profileUrl: profileUrlFor(runtime.env, token),
      expiresAt: row.enrollment.expiresAt,
    };
  }
  return {
    status: toRequestStatus(row.status),
    name: row.name,
    email: row.email,
    submittedAt: row.createdAt,
    rejectionReason: row.status === 'REJECTED' ? row.decisionReason : null,
    enrollment,
  };
}
