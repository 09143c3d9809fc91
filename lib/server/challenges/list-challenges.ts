import { z } from 'zod';
import { challengeState, challengeStateWhere } from '../../store/challenges';
import type { Db } from '../../store/prisma';
import type { Deps } from '../deps';
import { ZPageSchema, skipTake, type Page } from '../pagination';
import { readStoredIdentity, type Identity } from '../scep/identity/identity';

export const ZListChallengesSchema = ZPageSchema.extend({ state: z.enum(['unused', 'used', 'expired', 'revoked']).optional() });

export interface ChallengeView {
  id: string;
  state: 'unused' | 'used' | 'expired' | 'revoked';
  approval: 'auto' | 'manual';
  note: string | null;
  createdBy: string;
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
  usedByTransactionId: string | null;
  revokedAt: string | null;
  enrollmentId: string | null;
  /** What certificates from this challenge carry; null: the identity policy decides. */
  identity: Identity | null;
}

type Row = Awaited<ReturnType<Db['challenge']['findFirstOrThrow']>> & { usedByRequest?: { transactionId: string } | null };

export function challengeView(c: Row, now = new Date()): ChallengeView {
  return {
    id: c.id,
    state: challengeState(c, now),
    approval: c.approval === 'MANUAL' ? 'manual' : 'auto',
    note: c.note,
    createdBy: c.createdBy,
    createdAt: c.createdAt.toISOString(),
    expiresAt: c.expiresAt.toISOString(),
    usedAt: c.usedAt?.toISOString() ?? null,
    usedByTransactionId: c.usedByRequest?.transactionId ?? null,
    revokedAt: c.revokedAt?.toISOString() ?? null,
    enrollmentId: c.enrollmentId,
    identity: readStoredIdentity(c.identity),
  };
}

export async function listChallenges({ db }: Deps<'db'>, input: z.input<typeof ZListChallengesSchema> = {}): Promise<Page<ChallengeView>> {
  const q = ZListChallengesSchema.parse(input);
  const now = new Date();
  const where = q.state ? challengeStateWhere(q.state, now) : {};
  const [rows, total] = await Promise.all([
    db.challenge.findMany({ where, orderBy: { createdAt: 'desc' }, include: { usedByRequest: { select: { transactionId: true } } }, ...skipTake(q) }),
    db.challenge.count({ where }),
  ]);
  return { items: rows.map((r) => challengeView(r, now)), page: q.page, pageSize: q.pageSize, total };
}
