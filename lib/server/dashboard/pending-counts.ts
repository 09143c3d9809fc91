import type { Db } from '../../store/prisma';

/** What waits for an admin's decision, for the navigation badges. */
export async function pendingCounts(db: Db, now = new Date()): Promise<{ scepRequests: number; enrollmentRequests: number }> {
  const [scepRequests, enrollmentRequests] = await Promise.all([
    db.scepRequest.count({ where: { status: 'PENDING', OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] } }),
    db.enrollmentRequest.count({ where: { status: 'PENDING' } }),
  ]);
  return { scepRequests, enrollmentRequests };
}
