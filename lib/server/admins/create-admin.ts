import { z } from 'zod';
import { ZAdminPassword, hashPassword } from '../../secrets/password';
import type { DbOrTx } from '../../store/prisma';
import { safeText } from '../../validation/safe-text';
import { recordAudit, type Actor } from '../audit/record-audit';
import { conflict } from '../errors';

export const ZCreateAdminSchema = z.object({
  email: z.email({ message: 'email must be an e-mail address' }).transform((e) => e.toLowerCase()),
  password: ZAdminPassword,
  name: safeText().trim().max(200).optional(),
});
export type CreateAdminInput = z.infer<typeof ZCreateAdminSchema>;

export async function createAdmin({ db }: { db: DbOrTx }, { actor, ...input }: CreateAdminInput & { actor: Actor }) {
  const exists = await db.adminUser.findUnique({ where: { email: input.email } });
  if (exists) throw conflict(`an admin with e-mail ${input.email} already exists`);
  const admin = await db.adminUser.create({
    data: { email: input.email, name: input.name, passwordHash: await hashPassword(input.password) },
    select: { id: true, email: true, name: true, createdAt: true },
  });
  await recordAudit(db, actor, 'admin.created', admin.email);
  return admin;
}
