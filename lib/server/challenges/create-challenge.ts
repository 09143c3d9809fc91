import { z } from 'zod';
import type { Db, DbOrTx } from '../../store/prisma';
import { insertChallenge } from '../../store/challenges';
import type { MasterKey } from '../../secrets/master-key';
import { recordAudit, type Actor } from '../audit/record-audit';
import { hashChallenge, newChallengeSecret } from './challenge-secret';

export const ZCreateChallengeSchema = z.object({
  ttlSeconds: z.coerce.number().int().min(60, 'ttlSeconds must be at least 60').max(30 * 86400, 'ttlSeconds must be at most 30 days').optional(),
  approval: z.enum(['auto', 'manual']).default('auto'),
  note: z.string().trim().max(500, 'note must be at most 500 characters').optional(),
});
export type CreateChallengeInput = z.input<typeof ZCreateChallengeSchema>;

export interface CreatedChallenge {
  id: string;
  /** Shown once; only its hash is stored. */
  challenge: string;
  expiresAt: string;
  approval: 'auto' | 'manual';
  note: string | null;
}

export async function createChallenge(
  { db, masterKey }: { db: Db | DbOrTx; masterKey: MasterKey },
  { actor, defaultTtlSeconds, enrollmentId, now: at, ...rawInput }: CreateChallengeInput & { actor: Actor; defaultTtlSeconds: number; enrollmentId?: string; now?: Date },
): Promise<CreatedChallenge> {
  const input = ZCreateChallengeSchema.parse(rawInput);
  const opts = { defaultTtlSeconds, enrollmentId, now: at };
  const secret = newChallengeSecret();
  const now = opts.now ?? new Date();
  const expiresAt = new Date(now.getTime() + (input.ttlSeconds ?? opts.defaultTtlSeconds) * 1000);
  const row = await insertChallenge(db, {
    secretHash: hashChallenge(masterKey, secret),
    approval: input.approval === 'manual' ? 'MANUAL' : 'AUTO',
    note: input.note || null,
    createdBy: actor.id,
    expiresAt,
    enrollmentId: opts.enrollmentId ?? null,
  });
  await recordAudit(db, actor, 'challenge.created', row.id, { approval: input.approval, expiresAt: expiresAt.toISOString(), note: input.note ?? null });
  return { id: row.id, challenge: secret, expiresAt: expiresAt.toISOString(), approval: input.approval, note: row.note };
}
