import type { DbOrTx } from './prisma';

export interface ConsumedChallenge {
  id: string;
  approval: 'AUTO' | 'MANUAL';
  enrollmentId: string | null;
}

/**
 * Marks the challenge used by `requestId` if, at this instant, it is unused, unrevoked and unexpired — one
 * UPDATE … RETURNING with the conditions in its WHERE clause. Postgres row locking makes concurrent consumers (on any
 * number of app instances) serialise on the row; every loser re-checks `usedAt IS NULL` and updates nothing.
 */
export async function consumeChallenge(tx: DbOrTx, secretHash: string, requestId: string, now: Date): Promise<ConsumedChallenge | null> {
  const rows = await tx.$queryRaw<ConsumedChallenge[]>`
    UPDATE "Challenge" SET "usedAt" = ${now}, "usedByRequestId" = ${requestId}::uuid
    WHERE "secretHash" = ${secretHash} AND "usedAt" IS NULL AND "revokedAt" IS NULL AND "expiresAt" > ${now}
    RETURNING "id"::text AS "id", "approval"::text AS "approval", "enrollmentId"::text AS "enrollmentId"`;
  return rows[0] ?? null;
}
