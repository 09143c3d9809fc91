/** A new password for an admin (CLI `admin password`): sessions signed in with the old one end, the lockout resets. */
import { z } from 'zod';
import { ZAdminPassword, hashPassword } from '../../secrets/password';
import { recordAudit, type Actor } from '../audit/record-audit';
import type { Deps } from '../deps';
import { notFound } from '../errors';
import { clearFailures } from '../throttle';
import { ZAdminRefSchema } from './manage-admins';
import { signInThrottleKey } from './sign-in';

export const ZSetAdminPasswordSchema = ZAdminRefSchema.extend({ password: ZAdminPassword });
export type SetAdminPasswordInput = z.infer<typeof ZSetAdminPasswordSchema>;

export async function setAdminPassword({ db }: Deps<'db'>, { actor, ...input }: SetAdminPasswordInput & { actor: Actor }): Promise<{ email: string }> {
  const passwordHash = await hashPassword(input.password);
  return db.$transaction(async (tx) => {
    const admin = await tx.adminUser.findUnique({ where: { email: input.email } });
    if (!admin) throw notFound(`admin ${input.email}`);
    await tx.adminUser.update({ where: { id: admin.id }, data: { passwordHash, sessionVersion: { increment: 1 } } });
    await clearFailures(tx, signInThrottleKey(admin.email));
    await recordAudit(tx, actor, 'admin.password_changed', admin.email);
    return { email: admin.email };
  });
}
