/** Answers for a transactionID Tessera already stored: retransmits, re-sent PKCSReqs while pending, races. */
import type { BackendDecision, EnrollInput } from '../../scep/backend';
import { Prisma } from '../../store/prisma';
import { decisionForStored, failure } from './decisions';
import type { EnrollDeps } from './enroll-deps';
import { recordPoll } from './poll';

/** A unique-key violation, from a model query (P2002) or a raw one (P2010 carrying Postgres' 23505). */
export function isUniqueViolation(e: unknown): boolean {
  if (!(e instanceof Prisma.PrismaClientKnownRequestError)) return false;
  return e.code === 'P2002' || (e.code === 'P2010' && /23505|unique/i.test(JSON.stringify(e.meta ?? {}) + e.message));
}

export async function answerExisting(deps: EnrollDeps, input: EnrollInput): Promise<BackendDecision | null> {
  const existing = await deps.db.scepRequest.findUnique({
    where: { caId_transactionId: { caId: deps.ca.id, transactionId: input.transactionId } },
    include: { certificate: { select: { der: true } } },
  });
  if (!existing) return null;
  if (existing.publicKeySha256 !== input.csr.publicKeySha256) {
    return failure(`transactionID ${input.transactionId} is already used by a request for a different key`, 'badRequest', undefined, 'transaction-id-reused');
  }
  // A retransmit (after a lost response, or micromdm's re-send every 30 s while pending) is a poll, never a new request.
  if (existing.status === 'PENDING') return recordPoll(deps, existing);
  return decisionForStored(existing, existing.certificate?.der ?? null);
}
