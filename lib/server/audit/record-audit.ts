import type { DbOrTx } from '../../store/prisma';

export interface Actor {
  /** "admin:alice@example.com", "token:ci-bot", "cli:root" … */
  id: string;
  sourceAddress: string | null;
}

export async function recordAudit(db: DbOrTx, actor: Actor, action: string, target: string | null, details?: Record<string, unknown>): Promise<void> {
  await db.auditLog.create({
    data: { actor: actor.id, action, target, sourceAddress: actor.sourceAddress, details: details as object | undefined },
  });
}
