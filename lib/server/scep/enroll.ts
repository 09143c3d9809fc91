/**
 * PKCSReq / RenewalReq decisions, wired in one place: unsafe transaction IDs are refused, a request signed by a
 * certificate this CA issued is a renewal (unless it brings an unused challenge: then it is a new enrollment), and
 * everything else needs a one-time challenge. Every path that writes does so atomically: request, challenge
 * consumption (or supersession) and certificate appear together or not at all.
 */
import type { BackendDecision, EnrollInput } from '../../scep/backend';
import { challengeState, findChallengeByHash } from '../../store/challenges';
import { hashChallenge } from '../challenges/challenge-secret';
import { failure, refuse } from './decisions';
import { enrollWithChallenge } from './enroll-challenge';
import type { EnrollDeps } from './enroll-deps';
import { enrollRenewal } from './enroll-renewal';
import { unsafeText } from './identity/unsafe-text';
import { answerExisting } from './stored-transaction';

export type { EnrollDeps } from './enroll-deps';

/** A PKCSReq signed by one of our certificates is a new enrollment only when it carries a challenge that still works. */
async function bringsUsableChallenge(deps: EnrollDeps, input: EnrollInput): Promise<boolean> {
  const secret = input.csr.challengePassword;
  if (secret === null || secret.trim() === '') return false;
  const c = await findChallengeByHash(deps.db, hashChallenge(deps.masterKey, secret));
  return c !== null && challengeState(c, deps.now()) === 'unused';
}

export async function enroll(deps: EnrollDeps, input: EnrollInput): Promise<BackendDecision> {
  const unsafe = unsafeText(input.transactionId);
  if (unsafe) return refuse('transaction-id-invalid', `the transactionID ${JSON.stringify(input.transactionId)} ${unsafe}`);
  const signedByUs = input.renewalOfSerialHex !== null;
  const renewal = input.messageType === 'RenewalReq' || (signedByUs && !(await bringsUsableChallenge(deps, input)));
  if (!renewal) return enrollWithChallenge(deps, input);
  const existing = await answerExisting(deps, input);
  if (existing) return existing;
  if (!input.renewalOfSerialHex) return failure('RenewalReq must be signed by a certificate this CA issued', 'badRequest', undefined, 'renewal-signer-not-issued');
  if (!deps.settings.renewal) return refuse('renewal-disabled', 'the request is signed by a certificate this CA issued (a renewal), but renewal is turned off in Settings → SCEP policy');
  return enrollRenewal(deps, input, input.renewalOfSerialHex);
}
