import { z } from 'zod';
import { recordAudit, type Actor } from '../audit/record-audit';
import { conflict } from '../errors';
import type { Runtime } from '../runtime';
import { loadPendingRequest } from './load-pending-request';
import { toEnrollmentRequestView, type EnrollmentRequestView } from './request-view';

export const ZRejectEnrollmentRequestSchema = z.object({
  /** Shown to the person on their status page. */
  reason: z.string().trim().max(500, 'must be at most 500 characters').optional(),
});
export type RejectEnrollmentRequestInput = z.input<typeof ZRejectEnrollmentRequestSchema>;

export async function rejectEnrollmentRequest(runtime: Runtime, { id, actor, ...input }: RejectEnrollmentRequestInput & { id: string; actor: Actor }): Promise<EnrollmentRequestView> {
  const { reason } = ZRejectEnrollmentRequestSchema.parse(input);
  await loadPendingRequest(runtime.db, id);
  const now = new Date();
  return runtime.db.$transaction(async (tx) => {
    const { count } = await tx.enrollmentRequest.updateMany({
      where: { id, status: 'PENDING' },
      data: { status: 'REJECTED', decidedBy: actor.id, decidedAt: now, decisionReason: reason || null },
    });
    if (count !== 1) throw conflict('enrollment request was decided concurrently');
    await recordAudit(tx, actor, 'enrollment_request.rejected', id, { reason: reason || null });
    return toEnrollmentRequestView(await tx.enrollmentRequest.findUniqueOrThrow({ where: { id } }));
  });
}
