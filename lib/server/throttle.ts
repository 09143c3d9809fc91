/**
 * Counters shared by every app instance (stored in the Throttle table): wrong SCEP challenges per client address,
 * sign-in attempts per e-mail and address, self-service requests. Nothing is slowed down; over the limit, the
 * attempt is refused until the window ends.
 *
 * A check that reads the count and a later write that raises it can be raced: 40 parallel guesses all read "0
 * failures" before any of them is recorded. `takeAttempt` therefore raises the count and reads it in one statement,
 * before the secret is checked; `releaseAttempt` gives the place back when the attempt turned out fine.
 */
import type { DbOrTx } from '../store/prisma';

export interface ThrottlePolicy {
  /** Attempts (or, for recordFailure/isThrottled, failures) allowed within the window. */
  limit: number;
  windowMs: number;
}

export const CHALLENGE_FAILURES: ThrottlePolicy = { limit: 10, windowMs: 10 * 60_000 };
export const SIGN_IN_FAILURES: ThrottlePolicy = { limit: 5, windowMs: 15 * 60_000 };
export const SIGN_IN_FAILURES_PER_ADDRESS: ThrottlePolicy = { limit: 30, windowMs: 15 * 60_000 };

/** Records one failure; returns the count within the current window (after this one). */
export async function recordFailure(db: DbOrTx, key: string, policy: ThrottlePolicy, now = new Date()): Promise<number> {
  const windowFloor = new Date(now.getTime() - policy.windowMs);
  const rows = await db.$queryRaw<{ count: number }[]>`
    INSERT INTO "Throttle" ("key", "count", "windowStart") VALUES (${key}, 1, ${now})
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN "Throttle"."windowStart" < ${windowFloor} THEN 1 ELSE "Throttle"."count" + 1 END,
      "windowStart" = CASE WHEN "Throttle"."windowStart" < ${windowFloor} THEN ${now} ELSE "Throttle"."windowStart" END
    RETURNING "count"`;
  return Number(rows[0]?.count ?? 1);
}

/**
 * Counts one attempt and says whether it is within the policy (the limit-th attempt is, the next is not). Atomic:
 * concurrent callers each see their own count.
 */
export async function takeAttempt(db: DbOrTx, key: string, policy: ThrottlePolicy, now = new Date()): Promise<boolean> {
  return (await recordFailure(db, key, policy, now)) <= policy.limit;
}

/** Undoes one takeAttempt (never below zero), for an attempt that succeeded and should not count against its key. */
export async function releaseAttempt(db: DbOrTx, key: string): Promise<void> {
  await db.$executeRaw`UPDATE "Throttle" SET "count" = GREATEST("count" - 1, 0) WHERE "key" = ${key}`;
}

export async function isThrottled(db: DbOrTx, key: string, policy: ThrottlePolicy, now = new Date()): Promise<boolean> {
  const row = await db.throttle.findUnique({ where: { key } });
  return !!row && row.windowStart.getTime() > now.getTime() - policy.windowMs && row.count >= policy.limit;
}

export async function clearFailures(db: DbOrTx, key: string): Promise<void> {
  await db.throttle.deleteMany({ where: { key } });
}
