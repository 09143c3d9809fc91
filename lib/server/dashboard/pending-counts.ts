import type { Deps } from '../deps';

/** What waits for an admin's decision, for the navigation badges. */
export async function pendingCounts({ db }: Deps<'db'>, { now = new Date() }: { now?: Date } = {}): Promise<{ scepRequests: number; enrollmentRequests: number }> {
  const [scepRequests, enrollmentRequests] = await Promise.all([
    db.scepRequest.count({ where: { status: 'PENDING', OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] } }),
    db.enrollmentRequest.count({ where: { status: 'PENDING' } }),
  ]);
  return { scepRequests, enrollmentRequests };
}
