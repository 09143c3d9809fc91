/**
 * Revokes an enrollment link: no further downloads. Challenges it minted that are still unused are revoked too, so a
 * profile already downloaded but not yet installed can no longer enroll. Certificates already issued stay valid.
 */
import { recordAudit, type Actor } from '../audit/record-audit';
import { conflict, notFound } from '../errors';
import type { Runtime } from '../runtime';
import { ENROLLMENT_VIEW_INCLUDE, toEnrollmentView, type EnrollmentView } from './enrollment-view';
import { requireUuid } from './ids';

export async function revokeEnrollment(runtime: Runtime, { id, actor }: { id: string; actor: Actor }): Promise<EnrollmentView> {
  requireUuid(id, 'enrollment');
  const now = new Date();
  const row = await runtime.db.$transaction(async (tx) => {
    const current = await tx.enrollment.findUnique({ where: { id } });
    if (!current) throw notFound('enrollment');
    const { count } = await tx.enrollment.updateMany({ where: { id, status: { not: 'REVOKED' } }, data: { status: 'REVOKED', revokedAt: now } });
    if (count !== 1) throw conflict('enrollment is already revoked');
    const challenges = await tx.challenge.updateMany({ where: { enrollmentId: id, usedAt: null, revokedAt: null }, data: { revokedAt: now } });
    await recordAudit(tx, actor, 'enrollment.revoked', id, { email: current.email, challengesRevoked: challenges.count });
    return tx.enrollment.findUniqueOrThrow({ where: { id }, include: ENROLLMENT_VIEW_INCLUDE });
  });
  return toEnrollmentView(row, now);
}
