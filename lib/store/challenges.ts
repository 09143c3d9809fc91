import type { ApprovalMode, Prisma } from './generated/client';
import type { DbOrTx } from './prisma';

export type ChallengeState = 'unused' | 'used' | 'expired' | 'revoked';

export function insertChallenge(
  db: DbOrTx,
  data: { secretHash: string; approval: ApprovalMode; note: string | null; createdBy: string; expiresAt: Date; enrollmentId?: string | null },
) {
  return db.challenge.create({ data });
}

/**
 * Marks the challenge used by `requestId` if, at this instant, it is unused, unrevoked and unexpired.
 * One UPDATE with the conditions in its WHERE clause: Postgres row locking makes concurrent consumers (on any number
 * of app instances) serialise on the row, and every loser re-checks `usedAt IS NULL` and updates nothing.
 */
export async function consumeChallenge(tx: DbOrTx, secretHash: string, requestId: string, now: Date) {
  const { count } = await tx.challenge.updateMany({
    where: { secretHash, usedAt: null, revokedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now, usedByRequestId: requestId },
  });
  return count === 1 ? tx.challenge.findUnique({ where: { secretHash } }) : null;
}

export function findChallengeByHash(db: DbOrTx, secretHash: string) {
  return db.challenge.findUnique({ where: { secretHash } });
}

export function challengeStateWhere(state: ChallengeState, now: Date): Prisma.ChallengeWhereInput {
  switch (state) {
    case 'used':
      return { usedAt: { not: null } };
    case 'revoked':
      return { revokedAt: { not: null }, usedAt: null };
    case 'expired':
      return { usedAt: null, revokedAt: null, expiresAt: { lte: now } };
    case 'unused':
      return { usedAt: null, revokedAt: null, expiresAt: { gt: now } };
  }
}

export function challengeState(c: { usedAt: Date | null; revokedAt: Date | null; expiresAt: Date }, now: Date): ChallengeState {
  if (c.usedAt) return 'used';
  if (c.revokedAt) return 'revoked';
  return c.expiresAt <= now ? 'expired' : 'unused';
}
