import { z } from 'zod';
import type { Runtime } from '../runtime';
import { fromRequestStatus, REQUEST_STATUSES, toEnrollmentRequestView, type EnrollmentRequestView } from './request-view';

export const ZListEnrollmentRequestsSchema = z.object({
  status: z.enum(REQUEST_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type ListEnrollmentRequestsInput = z.input<typeof ZListEnrollmentRequestsSchema>;

/** Pending requests oldest first (a queue); decided ones newest first. */
export async function listEnrollmentRequests(runtime: Runtime, input: ListEnrollmentRequestsInput = {}): Promise<EnrollmentRequestView[]> {
  const { status, limit } = ZListEnrollmentRequestsSchema.parse(input);
  const rows = await runtime.db.enrollmentRequest.findMany({
    where: status ? { status: fromRequestStatus(status) } : {},
    orderBy: { createdAt: status === 'pending' ? 'asc' : 'desc' },
    take: limit,
  });
  return rows.map(toEnrollmentRequestView);
}
