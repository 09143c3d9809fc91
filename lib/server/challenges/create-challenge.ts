import { z } from 'zod';
import type { Db, DbOrTx } from '../../store/prisma';
import { insertChallenge } from '../../store/challenges';
import type { MasterKey } from '../../secrets/master-key';
import { recordAudit, type Actor } from '../audit/record-audit';
import { invalidInput } from '../errors';
import { identityKey, type Identity } from '../scep/identity/identity';
import { hashChallenge, newChallengeSecret } from './challenge-secret';
import { expectedIdentity, expectedIdentityFields, expectedIdentityIssue } from './expected-identity';

export const ZCreateChallengeSchema = z
  .object({
    ttlSeconds: z.coerce.number().int().min(60, 'ttlSeconds must be at least 60').max(30 * 86400, 'ttlSeconds must be at most 30 days').optional(),
    approval: z.enum(['auto', 'manual']).default('auto'),
    note: z.string().trim().max(500, 'note must be at most 500 characters').optional(),
    ...expectedIdentityFields,
  })
  .superRefine(expectedIdentityIssue);
export type CreateChallengeInput = z.input<typeof ZCreateChallengeSchema>;

export interface CreatedChallenge {
  id: string;
  /** Shown once; only its hash is stored. */
  challenge: string;
  expiresAt: string;
  approval: 'auto' | 'manual';
  note: string | null;
  /** The identity certificates from this challenge carry; null: the identity policy decides. */
  identity: Identity | null;
}

export async function createChallenge(
  db: Db | DbOrTx,
  masterKey: MasterKey,
  rawInput: CreateChallengeInput,
  actor: Actor,
  opts: {
    defaultTtlSeconds: number;
    enrollmentId?: string;
    now?: Date;
    /** An enrollment profile's: minted before the profile is built, so the profile's identity can bind it. */
    secret?: string;
    /** The enrollment profile's SCEP identity (takes the place of `subject`/`sans` in the input). */
    identity?: Identity;
  },
): Promise<CreatedChallenge> {
  const parsed = ZCreateChallengeSchema.safeParse(rawInput);
  if (!parsed.success) throw invalidInput(parsed.error);
  const input = parsed.data;
  const secret = opts.secret ?? newChallengeSecret();
  const identity = opts.identity ?? expectedIdentity(input);
  const now = opts.now ?? new Date();
  const expiresAt = new Date(now.getTime() + (input.ttlSeconds ?? opts.defaultTtlSeconds) * 1000);
  const row = await insertChallenge(db, {
    secretHash: hashChallenge(masterKey, secret),
    approval: input.approval === 'manual' ? 'MANUAL' : 'AUTO',
    note: input.note || null,
    createdBy: actor.id,
    expiresAt,
    enrollmentId: opts.enrollmentId ?? null,
    ...(identity ? { identity: identity as unknown as object, identityKey: identityKey(identity) } : {}),
  });
  await recordAudit(db, actor, 'challenge.created', row.id, { approval: input.approval, expiresAt: expiresAt.toISOString(), note: input.note ?? null, identity });
  return { id: row.id, challenge: secret, expiresAt: expiresAt.toISOString(), approval: input.approval, note: row.note, identity };
}
