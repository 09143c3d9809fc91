/**
 * Failure counters shared by every app instance (stored in the Throttle table): wrong SCEP challenges per client
 * address, failed sign-ins per e-mail and address. Only failures are counted and only failures are slowed down:
 * a correct challenge or password is never delayed.
 */
import type { DbOrTx } from '../store/prisma';

export interface ThrottlePolicy {
  /** Failures allowed within the window before `isThrottled` turns true. */
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

export async function isThrottled(db: DbOrTx, key: string, policy: ThrottlePolicy, now = new Date()): Promise<boolean> {
  const row = await db.throttle.findUnique({ where: { key } });
  return !!row && row.windowStart.getTime() > now.getTime() - policy.windowMs && row.count >= policy.limit;
}

export async function clearFailures(db: DbOrTx, key: string): Promise<void> {
  await db.throttle.deleteMany({ where: { key } });
}
