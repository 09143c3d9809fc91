/**
 * Disabling, enabling and deleting admin accounts (dashboard and CLI). Guard rails: nobody disables or deletes
 * their own account, and the last enabled admin stays — otherwise nobody could sign in to undo it. The check and
 * the change run under one advisory lock, so two admins disabling each other at the same moment cannot both win.
 */
import { z } from 'zod';
import type { DbOrTx, Tx } from '../../store/prisma';
import { recordAudit, type Actor } from '../audit/record-audit';
import type { Deps } from '../deps';
import { conflict, notFound } from '../errors';

const ADMIN_GUARD_LOCK = 7_301_002;

export const ZAdminRefSchema = z.object({ email: z.email({ message: 'email must be an e-mail address' }).transform((e) => e.toLowerCase()) });
export type AdminRef = z.infer<typeof ZAdminRefSchema>;

export interface AdminStateView {
  email: string;
  disabled: boolean;
}

const isSelf = (actor: Actor, email: string) => actor.id === `admin:${email}`;

async function lockedAdmin(tx: Tx, ref: AdminRef) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${ADMIN_GUARD_LOCK})`;
  const admin = await tx.adminUser.findUnique({ where: { email: ref.email } });
  if (!admin) throw notFound(`admin ${ref.email}`);
  return admin;
}

async function assertOthersRemain(db: DbOrTx, adminId: string, verb: string): Promise<void> {
  const others = await db.adminUser.count({ where: { disabled: false, id: { not: adminId } } });
  if (others === 0) throw conflict(`cannot ${verb} the last enabled admin: add or enable another admin first`);
}

export async function disableAdmin({ db }: Deps<'db'>, { actor, ...ref }: AdminRef & { actor: Actor }): Promise<AdminStateView> {
  return db.$transaction(async (tx) => {
    const admin = await lockedAdmin(tx, ref);
    if (isSelf(actor, admin.email)) throw conflict('you cannot disable your own account; ask another admin');
    if (admin.disabled) return { email: admin.email, disabled: true };
    await assertOthersRemain(tx, admin.id, 'disable');
    // Raising the session version ends the sessions now, even those the admin signs in again with after re-enabling.
    await tx.adminUser.update({ where: { id: admin.id }, data: { disabled: true, sessionVersion: { increment: 1 } } });
    await recordAudit(tx, actor, 'admin.disabled', admin.email);
    return { email: admin.email, disabled: true };
  });
}

export async function enableAdmin({ db }: Deps<'db'>, { actor, ...ref }: AdminRef & { actor: Actor }): Promise<AdminStateView> {
  return db.$transaction(async (tx) => {
    const admin = await lockedAdmin(tx, ref);
    if (!admin.disabled) return { email: admin.email, disabled: false };
    await tx.adminUser.update({ where: { id: admin.id }, data: { disabled: false } });
    await recordAudit(tx, actor, 'admin.enabled', admin.email);
    return { email: admin.email, disabled: false };
  });
}

export async function deleteAdmin({ db }: Deps<'db'>, { actor, ...ref }: AdminRef & { actor: Actor }): Promise<{ email: string }> {
  return db.$transaction(async (tx) => {
    const admin = await lockedAdmin(tx, ref);
    if (isSelf(actor, admin.email)) throw conflict('you cannot delete your own account; ask another admin');
    if (!admin.disabled) await assertOthersRemain(tx, admin.id, 'delete');
    await tx.adminUser.delete({ where: { id: admin.id } });
    await recordAudit(tx, actor, 'admin.deleted', admin.email);
    return { email: admin.email };
  });
}
