/**
 * Approval creates the person's enrollment (auto approval, default template) in the same transaction that decides
 * the request; its link token is derived from the request (poll-token.ts), so the status page can offer it.
 */
import { recordAudit, type Actor } from '../audit/record-audit';
import { conflict } from '../errors';
import type { Runtime } from '../runtime';
import { prepareEnrollment, insertEnrollment, ZCreateEnrollmentSchema } from '../enrollments/create-enrollment';
import { loadPendingRequest } from './load-pending-request';
import { enrollmentTokenForRequest } from './poll-token';
import { toEnrollmentRequestView, type EnrollmentRequestView } from './request-view';

export async function approveEnrollmentRequest(runtime: Runtime, { id, actor }: { id: string; actor: Actor }): Promise<EnrollmentRequestView & { expiresAt: string }> {
  const req = await loadPendingRequest(runtime.db, id);
  const input = ZCreateEnrollmentSchema.parse({ email: req.email, displayName: req.name, approval: 'auto' });
  const template = await prepareEnrollment(runtime, input);
  const now = new Date();
  return runtime.db.$transaction(async (tx) => {
    // Only one decision wins, even when two admins click at once.
    const { count } = await tx.enrollmentRequest.updateMany({
      where: { id, status: 'PENDING' },
      data: { status: 'APPROVED', decidedBy: actor.id, decidedAt: now },
    });
    if (count !== 1) throw conflict('enrollment request was decided concurrently');
    const enrollment = await insertEnrollment(tx, runtime, input, template, actor, { token: enrollmentTokenForRequest(runtime.masterKey, req.pollTokenHash), now });
    const updated = await tx.enrollmentRequest.update({ where: { id }, data: { enrollmentId: enrollment.id } });
    await recordAudit(tx, actor, 'enrollment_request.approved', id, { email: req.email, enrollmentId: enrollment.id });
    return { ...toEnrollmentRequestView(updated), expiresAt: enrollment.expiresAt };
  });
}
