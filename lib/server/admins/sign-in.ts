import { verifyPassword } from '../../secrets/password';
import { recordAudit } from '../audit/record-audit';
import { SIGN_IN_FAILURES, SIGN_IN_FAILURES_PER_ADDRESS, clearFailures, releaseAttempt, takeAttempt } from '../throttle';
import type { Deps } from '../deps';

// Spent on unknown e-mails too, so response time does not reveal which accounts exist.
const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

export const signInThrottleKey = (email: string) => `signin:email:${email}`;

export class SignInThrottledError extends Error {
  override name = 'SignInThrottledError';
}

/**
 * Checks an admin's password. Repeated failures for one e-mail (or from one address) lock sign-in for that key for
 * 15 minutes; failures and successes are audited. Each attempt is counted before its password is checked (see
 * lib/server/throttle.ts), so parallel guesses get no more checks than sequential ones; a success clears the
 * account's count and gives its place at the address back.
 */
export async function signInWithPassword({ db }: Deps<'db'>, input: { email: string; password: string; address: string | null }) {
  const email = input.email.trim().toLowerCase();
  // Per account (5 failures) and, more loosely, per address (several people may share a NAT or proxy).
  const limits = [
    { key: signInThrottleKey(email), policy: SIGN_IN_FAILURES },
    ...(input.address ? [{ key: `signin:addr:${input.address}`, policy: SIGN_IN_FAILURES_PER_ADDRESS }] : []),
  ];
  const actor = { id: `anonymous`, sourceAddress: input.address };
  let allowed = true;
  for (const { key, policy } of limits) allowed = (await takeAttempt(db, key, policy)) && allowed;
  if (!allowed) {
    await recordAudit(db, actor, 'admin.sign_in_throttled', email);
    throw new SignInThrottledError('Too many failed sign-ins. Try again in 15 minutes.');
  }
  const admin = await db.adminUser.findUnique({ where: { email } });
  const ok = await verifyPassword(input.password, admin?.passwordHash ?? DUMMY_HASH);
  if (!admin || !ok || admin.disabled) {
    await recordAudit(db, actor, 'admin.sign_in_failed', email);
    return null;
  }
  await clearFailures(db, limits[0]!.key);
  for (const { key } of limits.slice(1)) await releaseAttempt(db, key);
  await db.adminUser.update({ where: { id: admin.id }, data: { lastLoginAt: new Date() } });
  await recordAudit(db, { id: `admin:${email}`, sourceAddress: input.address }, 'admin.signed_in', email, { via: 'password' });
  return { id: admin.id, email: admin.email, name: admin.name };
}
