/**
 * PKCSReq with a one-time challenge. The challenge decides the identity: bound to one (enrollment profile, or named at
 * creation) the CSR may ask for that identity or less and the certificate carries it in full; unbound, the identity
 * policy decides on what the CSR asks. The common case is one statement (lib/store/enroll-with-challenge.ts): the
 * CSR names exactly the bound identity, or the challenge is unbound and the policy allows the names. Everything else
 * looks at the challenge first, then refuses or issues the bound identity.
 */
import type { BackendDecision, EnrollInput } from '../../scep/backend';
import { challengeState, findChallengeByHash } from '../../store/challenges';
import { enrollWithChallenge as storeEnrollment } from '../../store/enroll-with-challenge';
import { randomUUID } from 'node:crypto';
import { hashChallenge } from '../challenges/challenge-secret';
import { CHALLENGE_FAILURES, isThrottled, recordFailure } from '../throttle';
import { failure, issued, pending, refuse } from './decisions';
import type { EnrollDeps } from './enroll-deps';
import { describeIdentity, identityKey, listNames, readStoredIdentity, type Identity } from './identity/identity';
import { checkIdentityPolicy } from './identity/identity-policy';
import { namesOutside } from './identity/names-outside';
import { requestedIdentity, type IdentityRefusal } from './identity/requested-identity';
import { prepareCertificate, type PreparedCertificate } from './issue-for-request';
import { newRequestData } from './request-row';
import { answerExisting, isUniqueViolation } from './stored-transaction';
import type { ScepReasonCode } from '../../scep/reason-codes';

type StoredChallenge = NonNullable<Awaited<ReturnType<typeof findChallengeByHash>>>;

/** Consumes the challenge for `identity` and stores request and certificate; null when the challenge did not accept. */
async function attempt(deps: EnrollDeps, input: EnrollInput, hash: string, identity: Identity, cert: PreparedCertificate, unboundAllowed: boolean, now: Date) {
  const row = newRequestData(input, deps.ca.id, identity, now);
  try {
    const outcome = await storeEnrollment(
      deps.db,
      hash,
      {
        ...row,
        id: randomUUID(),
        requestedSans: input.csr.sans,
        identity,
        identityKey: identityKey(identity),
        unboundAllowed,
        pendingExpiresAt: new Date(now.getTime() + deps.settings.pendingTtlHours * 3600_000),
      },
      cert.row,
      now,
    );
    if (outcome.kind === 'rejected') return null;
    return outcome.kind === 'pending' ? pending : issued(cert.row.der);
  } catch (e) {
    // A retransmit racing its own first attempt collides on the transactionID: answer from what is stored.
    if (isUniqueViolation(e)) return (await answerExisting(deps, input)) ?? failure('concurrent request conflict; retry', 'badRequest', undefined, 'concurrent-conflict');
    throw e;
  }
}

function whoseChallenge(c: StoredChallenge): string {
  if (c.enrollment) return `the challenge belongs to the enrollment for ${c.enrollment.email}`;
  return `the challenge${c.note ? ` ("${c.note}")` : ''} was created by ${c.createdBy} for one identity`;
}

/** The challenge is valid and unused, but the fast path did not take it: why, or the bound identity issued in full. */
async function decideForChallenge(
  deps: EnrollDeps,
  input: EnrollInput,
  hash: string,
  requested: Identity,
  policyRefusal: IdentityRefusal | null,
  challenge: StoredChallenge,
  now: Date,
): Promise<BackendDecision | null> {
  const bound = readStoredIdentity(challenge.identity);
  if (!bound) return policyRefusal ? refuse(policyRefusal.code, policyRefusal.reason) : null;
  const outside = namesOutside(requested, bound);
  if (outside.length) {
    return refuse(
      'identity-mismatch',
      `identity mismatch: the CSR asks for ${describeIdentity(requested)}, but ${whoseChallenge(challenge)}, which allows only ${describeIdentity(bound)}; not allowed: ${listNames(outside)}`,
    );
  }
  const cert = prepareCertificate(deps.ca, input.csr, bound, deps.settings, now);
  if (!cert.ok) return refuse('subject-invalid', `the identity this challenge is bound to (${describeIdentity(bound)}) cannot be issued: ${cert.reason}`);
  return attempt(deps, input, hash, bound, cert.certificate, false, now);
}

async function diagnoseChallenge(deps: EnrollDeps, c: StoredChallenge | null, now: Date): Promise<{ code: ScepReasonCode; reason: string }> {
  if (!c) return { code: 'challenge-unknown', reason: 'the challenge password is not one Tessera issued (wrong, mistyped, or from another server)' };
  const state = challengeState(c, now);
  if (state === 'used') {
    const by = c.usedByRequestId ? await deps.db.scepRequest.findUnique({ where: { id: c.usedByRequestId }, select: { transactionId: true } }) : null;
    return { code: 'challenge-used', reason: `the one-time challenge was already used${by ? ` by transaction ${by.transactionId}` : ''} at ${c.usedAt?.toISOString()}` };
  }
  if (state === 'revoked') return { code: 'challenge-revoked', reason: `the challenge was revoked at ${c.revokedAt?.toISOString()}` };
  if (state === 'expired') return { code: 'challenge-expired', reason: `the challenge expired at ${c.expiresAt.toISOString()}` };
  return { code: 'challenge-conflict', reason: 'the challenge was consumed by a concurrent request' };
}

async function challengeRejected(deps: EnrollDeps, input: EnrollInput, challenge: StoredChallenge | null, now: Date): Promise<BackendDecision> {
  const throttleKey = `challenge:${input.client.address ?? 'unknown'}`;
  const throttled = await isThrottled(deps.db, throttleKey, CHALLENGE_FAILURES, now);
  const count = await recordFailure(deps.db, throttleKey, CHALLENGE_FAILURES, now);
  const { code, reason } = await diagnoseChallenge(deps, challenge, now);
  if (throttled) await deps.penalty(2000);
  const slowed = count >= CHALLENGE_FAILURES.limit;
  const note = slowed ? ` (${count} wrong challenges from ${input.client.address ?? 'this client'} in the last 10 minutes: answers are being slowed)` : '';
  return failure(`challenge rejected: ${reason}${note}`, 'badRequest', 'challenge rejected', slowed ? 'challenge-throttled' : code);
}

export async function enrollWithChallenge(deps: EnrollDeps, input: EnrollInput): Promise<BackendDecision> {
  const secret = input.csr.challengePassword;
  if (secret === null || secret.trim() === '') {
    return (await answerExisting(deps, input)) ?? failure('the CSR carries no challengePassword; this server requires a one-time challenge for new enrollments', 'badRequest', 'challenge required', 'challenge-missing');
  }
  const requested = requestedIdentity(input.csr, deps.settings.identityPolicy.maxSans);
  if (!requested.ok) return (await answerExisting(deps, input)) ?? refuse(requested.code, requested.reason);
  const hash = hashChallenge(deps.masterKey, secret);
  const now = deps.now();
  const policyRefusal = checkIdentityPolicy(requested.identity, deps.settings.identityPolicy);
  const cert = prepareCertificate(deps.ca, input.csr, requested.identity, deps.settings, now);
  const fast = cert.ok ? await attempt(deps, input, hash, requested.identity, cert.certificate, policyRefusal === null, now) : null;
  if (fast) return fast;

  const existing = await answerExisting(deps, input);
  if (existing) return existing;
  let challenge = await findChallengeByHash(deps.db, hash);
  if (challenge && challengeState(challenge, now) === 'unused') {
    const decided = await decideForChallenge(deps, input, hash, requested.identity, policyRefusal, challenge, now);
    if (decided) return decided;
    challenge = await findChallengeByHash(deps.db, hash); // taken by a concurrent request meanwhile
  }
  return challengeRejected(deps, input, challenge, now);
}
