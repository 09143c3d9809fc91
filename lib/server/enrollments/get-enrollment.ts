import { notFound } from '../errors';
import type { Runtime } from '../runtime';
import { ENROLLMENT_VIEW_INCLUDE, toEnrollmentView, type EnrollmentView } from './enrollment-view';
import { requireUuid } from './ids';

export async function getEnrollment(runtime: Runtime, { id }: { id: string }): Promise<EnrollmentView> {
  const row = await runtime.db.enrollment.findUnique({ where: { id: requireUuid(id, 'enrollment') }, include: ENROLLMENT_VIEW_INCLUDE });
  if (!row) throw notFound('enrollment');
  return toEnrollmentView(row);
}
