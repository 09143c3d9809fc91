import type { ApprovalMode, Prisma } from './generated/client';
import type { DbOrTx } from './prisma';

export type ChallengeState = 'unused' | 'used' | 'expired' | 'revoked';

export function insertChallenge(
  db: DbOrTx,
  data: {
    secretHash: string;
    approval: ApprovalMode;
    note: string | null;
    createdBy: string;
    expiresAt: Date;
    enrollmentId?: string | null;
    identity?: Prisma.InputJsonValue;
    identityKey?: string | null;
  },
) {
  return db.challenge.create({ data });
}

export { consumeChallenge } from './consume-challenge';

/** With the enrollment's e-mail, to name the person when a request is refused. */
export function findChallengeByHash(db: DbOrTx, secretHash: string) {
  return db.challenge.findUnique({ where: { secretHash }, include: { enrollment: { select: { email: true } } } });
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
