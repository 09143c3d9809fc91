import { z } from 'zod';
import type { Runtime } from '../runtime';
import { ENROLLMENT_STATES, enrollmentStateWhere } from './enrollment-state';
import { ENROLLMENT_VIEW_INCLUDE, toEnrollmentView, type EnrollmentView } from './enrollment-view';

export const ZListEnrollmentsSchema = z.object({
  state: z.enum(ENROLLMENT_STATES).optional(),
  email: z.string().trim().max(320).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type ListEnrollmentsInput = z.input<typeof ZListEnrollmentsSchema>;

/** Newest first; `email` matches case-insensitively anywhere in the address. */
export async function listEnrollments(runtime: Runtime, input: ListEnrollmentsInput = {}): Promise<EnrollmentView[]> {
  const { state, email, limit } = ZListEnrollmentsSchema.parse(input);
  const now = new Date();
  const rows = await runtime.db.enrollment.findMany({
    where: { ...(state ? enrollmentStateWhere(state, now) : {}), ...(email ? { email: { contains: email, mode: 'insensitive' as const } } : {}) },
    include: ENROLLMENT_VIEW_INCLUDE,
    orderBy: { createdAt: 'desc' },
    take: limit,
  });
  return rows.map((r) => toEnrollmentView(r, now));
}
