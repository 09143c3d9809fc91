/**
 * What a session JWT is worth: it names an admin and the session version current when it was issued. Every use
 * looks the admin up again, so a disabled or deleted admin loses access at once, and raising the version (sign-out,
 * disable, new password) ends every session issued before, copies of the cookie included.
 */
import type { DbOrTx } from '../../store/prisma';

export interface SessionClaims {
  adminId: string;
  sessionVersion: number;
}

export interface SessionAdmin extends SessionClaims {
  email: string;
  name: string | null;
}

/** The claims to put in a new session for this admin, or null when there is no such enabled admin. */
export async function sessionClaimsFor(db: DbOrTx, email: string): Promise<SessionClaims | null> {
  const admin = await db.adminUser.findUnique({ where: { email: email.toLowerCase() }, select: { id: true, disabled: true, sessionVersion: true } });
  return admin && !admin.disabled ? { adminId: admin.id, sessionVersion: admin.sessionVersion } : null;
}

/** The admin a session speaks for, if they still exist, are enabled and the session's version is current. */
export async function activeSessionAdmin(db: DbOrTx, claims: Record<string, unknown>): Promise<SessionAdmin | null> {
  if (typeof claims.adminId !== 'string' || typeof claims.sessionVersion !== 'number') return null;
  const admin = await db.adminUser
    .findUnique({ where: { id: claims.adminId }, select: { id: true, email: true, name: true, disabled: true, sessionVersion: true } })
    // A malformed id in a forged-but-signed token is impossible; a database hiccup must not sign anyone in.
    .catch(() => null);
  if (!admin || admin.disabled || admin.sessionVersion !== claims.sessionVersion) return null;
  return { adminId: admin.id, sessionVersion: admin.sessionVersion, email: admin.email, name: admin.name };
}

/** Ends every session of this admin issued so far. With `onlyIf`, only when that version is still the current one. */
export async function endAdminSessions(db: DbOrTx, adminId: string, onlyIf?: number): Promise<boolean> {
  const { count } = await db.adminUser.updateMany({
    where: { id: adminId, ...(onlyIf === undefined ? {} : { sessionVersion: onlyIf }) },
    data: { sessionVersion: { increment: 1 } },
  });
  return count > 0;
}
