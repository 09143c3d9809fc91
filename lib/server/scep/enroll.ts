/**
 * PKCSReq / RenewalReq decisions. Every path that writes does so in one transaction: the request row, the challenge
 * consumption and the certificate appear together or not at all.
 */
import type { BackendDecision, EnrollInput } from '../../scep/backend';
import type { ScepReasonCode } from '../../scep/reason-codes';
import type { DbOrTx, Db } from '../../store/prisma';
import { Prisma } from '../../store/prisma';
import { findChallengeByHash, challengeState } from '../../store/challenges';
import { findCertificateBySerial } from '../../store/certificates';
import type { LoadedAuthority } from '../ca/load-authority';
import type { MasterKey } from '../../secrets/master-key';
import { hashChallenge } from '../challenges/challenge-secret';
import { CHALLENGE_FAILURES, isThrottled, recordFailure } from '../throttle';
import { decisionForStored, failure, issued, pending } from './decisions';
import { issueForRequest, prepareCertificate } from './issue-for-request';
import { enrollWithChallenge as storeEnrollment } from '../../store/enroll-with-challenge';
import { randomUUID } from 'node:crypto';
import type { ScepSettings } from './scep-settings';
import { recordPoll } from './poll';

export interface EnrollDeps {
  db: Db;
  masterKey: MasterKey;
  ca: LoadedAuthority;
  settings: ScepSettings;
  now: () => Date;
  /** Slows down answers to wrong challenges from a throttled address (tests pass a no-op). */
  penalty: (ms: number) => Promise<void>;
}

class ChallengeRejected extends Error {}

/** A unique-key violation, from a model query (P2002) or a raw one (P2010 carrying Postgres' 23505). */
function isUniqueViolation(e: unknown): boolean {
  if (!(e instanceof Prisma.PrismaClientKnownRequestError)) return false;
  return e.code === 'P2002' || (e.code === 'P2010' && /23505|unique/i.test(JSON.stringify(e.meta ?? {}) + e.message));
}

function newRequestData(input: EnrollInput, caId: string, now: Date) {
  return {
    caId,
    transactionId: input.transactionId,
    messageType: input.messageType,
    status: 'PENDING' as const,
    csrDer: Buffer.from(input.csr.der),
    subject: input.csr.subject,
    sans: input.csr.sans as unknown as object,
    keyType: input.csr.keyType,
    keyBits: input.csr.keyBits,
    publicKeySha256: input.csr.publicKeySha256,
    signerCertDer: Buffer.from(input.signerCertDer),
    renewalOfSerial: input.renewalOfSerialHex,
    clientAddress: input.client.address,
    userAgent: input.client.userAgent,
    createdAt: now,
  };
}

async function answerExisting(deps: EnrollDeps, input: EnrollInput): Promise<BackendDecision | null> {
  const existing = await deps.db.scepRequest.findUnique({
    where: { caId_transactionId: { caId: deps.ca.id, transactionId: input.transactionId } },
    include: { certificate: { select: { der: true } } },
  });
  if (!existing) return null;
  if (existing.publicKeySha256 !== input.csr.publicKeySha256) {
    return failure('transaction-key-mismatch', `transactionID ${input.transactionId} is already used by a request for a different key`);
  }
  // A retransmit (after a lost response, or micromdm's re-send every 30 s while pending) is a poll, never a new request.
  if (existing.status === 'PENDING') return recordPoll(deps, existing);
  return decisionForStored(existing, existing.certificate?.der ?? null);
}

async function diagnoseChallenge(deps: EnrollDeps, hash: string): Promise<{ code: ScepReasonCode; reason: string }> {
  const c = await findChallengeByHash(deps.db, hash);
  if (!c) return { code: 'challenge-unknown', reason: 'the challenge password is not one Tessera issued (wrong, mistyped, or from another server)' };
  const state = challengeState(c, deps.now());
  if (state === 'used') {
    const by = c.usedByRequestId ? await deps.db.scepRequest.findUnique({ where: { id: c.usedByRequestId }, select: { transactionId: true } }) : null;
    return { code: 'challenge-used', reason: `the one-time challenge was already used${by ? ` by transaction ${by.transactionId}` : ''} at ${c.usedAt?.toISOString()}` };
  }
  if (state === 'revoked') return { code: 'challenge-revoked', reason: `the challenge was revoked at ${c.revokedAt?.toISOString()}` };
  if (state === 'expired') return { code: 'challenge-expired', reason: `the challenge expired at ${c.expiresAt.toISOString()}` };
  return { code: 'challenge-conflict', reason: 'the challenge was consumed by a concurrent request' };
}

async function enrollWithChallenge(deps: EnrollDeps, input: EnrollInput): Promise<BackendDecision> {
  const secret = input.csr.challengePassword;
  const throttleKey = `challenge:${input.client.address ?? 'unknown'}`;
  if (secret === null || secret.trim() === '') {
    return (await answerExisting(deps, input)) ?? failure('challenge-missing', 'the CSR carries no challengePassword; this server requires a one-time challenge for new enrollments', 'badRequest', 'challenge required');
  }
  const hash = hashChallenge(deps.masterKey, secret);
  const now = deps.now();
  try {
    const cert = prepareCertificate(deps.ca, input.csr, deps.settings, now);
    const outcome = await storeEnrollment(
      deps.db,
      hash,
      {
        ...newRequestData(input, deps.ca.id, now),
        id: randomUUID(),
        requestedSans: input.csr.sans,
        issuedSans: cert.sans,
        pendingExpiresAt: new Date(now.getTime() + deps.settings.pendingTtlHours * 3600_000),
      },
      cert.row,
      now,
    );
    if (outcome.kind === 'rejected') throw new ChallengeRejected();
    return outcome.kind === 'pending' ? pending : issued(cert.row.der);
  } catch (e) {
    // A retransmit (lost response, or micromdm re-sending while pending) collides on the transactionID, or finds its
    // challenge already consumed by itself: answer from what is stored.
    const isConflict = isUniqueViolation(e);
    if (isConflict || e instanceof ChallengeRejected) {
      const existing = await answerExisting(deps, input);
      if (existing) return existing;
      if (isConflict) return failure('concurrent-conflict', 'concurrent request conflict; retry');
    }
    if (e instanceof ChallengeRejected) {
      const throttled = await isThrottled(deps.db, throttleKey, CHALLENGE_FAILURES, now);
      const count = await recordFailure(deps.db, throttleKey, CHALLENGE_FAILURES, now);
      const { code, reason } = await diagnoseChallenge(deps, hash);
      if (throttled) await deps.penalty(2000);
      const slowed = count >= CHALLENGE_FAILURES.limit;
      const note = slowed ? ` (${count} wrong challenges from ${input.client.address ?? 'this client'} in the last 10 minutes: answers are being slowed)` : '';
      return failure(slowed ? 'challenge-throttled' : code, `challenge rejected: ${reason}${note}`, 'badRequest', 'challenge rejected');
    }
    throw e;
  }
}

async function enrollRenewal(deps: EnrollDeps, input: EnrollInput, serial: string): Promise<BackendDecision> {
  const now = deps.now();
  const old = await findCertificateBySerial(deps.db, deps.ca.id, serial);
  if (!old) return failure('renewal-signer-unknown', `renewal signed by certificate ${serial}, which this CA has no record of`);
  if (old.status === 'REVOKED') return failure('renewal-signer-revoked', `renewal signed by certificate ${serial}, which was revoked at ${old.revokedAt?.toISOString()}`);
  if (old.notAfter <= now) return failure('renewal-signer-expired', `renewal signed by certificate ${serial}, which expired at ${old.notAfter.toISOString()}`);
  if (input.csr.publicKeySha256 === input.signerPublicKeySha256) return failure('renewal-same-key', 'renewal request re-certifies the same key; generate a new key to renew');
  try {
    return await deps.db.$transaction(async (tx: DbOrTx) => {
      const request = await tx.scepRequest.create({ data: newRequestData(input, deps.ca.id, now) });
      const cert = await issueForRequest(tx, deps.ca, request, deps.settings, { enrollmentId: old.enrollmentId, now });
      return issued(cert.der);
    });
  } catch (e) {
    if (isUniqueViolation(e)) {
      return (await answerExisting(deps, input)) ?? failure('concurrent-conflict', 'concurrent request conflict; retry');
    }
    throw e;
  }
}

export async function enroll(deps: EnrollDeps, input: EnrollInput): Promise<BackendDecision> {
  if (input.renewalOfSerialHex || input.messageType === 'RenewalReq') {
    const existing = await answerExisting(deps, input);
    if (existing) return existing;
  }
  if (input.renewalOfSerialHex && deps.settings.renewal) return enrollRenewal(deps, input, input.renewalOfSerialHex);
  if (input.messageType === 'RenewalReq') return failure('renewal-signer-not-issued', 'RenewalReq must be signed by a certificate this CA issued');
  return enrollWithChallenge(deps, input);
}
