import type { Deps } from '../deps';
import { recordAudit, type Actor } from '../audit/record-audit';
import { conflict, notFound } from '../errors';
import { challengeView, type ChallengeView } from './list-challenges';

/** Makes an unused challenge unusable. Conditional update: a challenge consumed a moment earlier stays "used". */
export async function revokeChallenge({ db }: Deps<'db'>, { id, actor }: { id: string; actor: Actor }): Promise<ChallengeView> {
  const existing = await db.challenge.findUnique({ where: { id } });
  if (!existing) throw notFound('challenge');
  const { count } = await db.challenge.updateMany({ where: { id, usedAt: null, revokedAt: null }, data: { revokedAt: new Date() } });
  if (count !== 1) throw conflict(existing.usedAt ? 'challenge was already used' : 'challenge is already revoked');
  await recordAudit(db, actor, 'challenge.revoked', id);
  const row = await db.challenge.findUniqueOrThrow({ where: { id }, include: { usedByRequest: { select: { transactionId: true } } } });
  return challengeView(row);
}
