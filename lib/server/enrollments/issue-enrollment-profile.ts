/**
 * The profile download behind /enroll/{token}/profile and GET /api/v1/enrollments/{id}/profile. Each download mints
 * its own one-time challenge at that moment (a profile sitting in Settings must not hold a long-lived secret), builds
 * the profile from the template and signs it. The challenge is bound to the identity the profile's SCEP payload asks
 * for (read from that payload, so the profile and the SCEP policy cannot disagree). Claim, challenge and audit share
 * one transaction: a failed build leaves neither a counted download nor an orphan challenge.
 */
import { buildEnrollmentProfile, renderProfilePlist, scepUrlFor } from '../../profile/build-profile';
import { pendingWindowSeconds, retryPolicyFor, type RetryPolicy } from '../../profile/retry-policy';
import { signProfile } from '../../profile/sign-profile';
import type { ProfileTemplate } from '../../profile/template-schema';
import { getPayload, PayloadTypes } from '../../profile/types';
import { recordAudit, type Actor } from '../audit/record-audit';
import { newChallengeSecret } from '../challenges/challenge-secret';
import { createChallenge } from '../challenges/create-challenge';
import { identityFromScepPayload } from '../scep/identity/profile-identity';
import { AppError, notFound } from '../errors';
import type { Runtime } from '../runtime';
import { templateConfig } from '../templates/template-view';
import { claimDownload } from './claim-download';
import { enrollmentState, type EnrollmentState } from './enrollment-state';
import { hashEnrollmentToken, looksLikeEnrollmentToken } from './enrollment-token';
import { isUuid } from './ids';
import { caNameFor, profileFilename } from './profile-naming';
import { publicBaseUrl } from './public-url';

/**
 * iOS removes a downloaded, not yet installed profile after about 8 minutes, but people get interrupted and
 * re-download; the challenge lives at least an hour (longer if TESSERA_CHALLENGE_TTL_SECONDS says so).
 */
export const MIN_PROFILE_CHALLENGE_TTL_SECONDS = 3600;

export type EnrollmentRef = { token: string } | { id: string };

export interface IssuedProfile {
  enrollmentId: string;
  challengeId: string;
  /** DER CMS SignedData with the plist embedded. */
  body: Uint8Array;
  filename: string;
  organization: string;
  download: number;
}

export const linkGone = (state: EnrollmentState) =>
  new AppError('gone', `this enrollment link is ${state === 'used' ? 'used up' : state}`, { state });

/**
 * With manual approval the device must keep polling while an admin decides: use the manual policy's window unless
 * the template already waits longer.
 */
export function retryPolicyForDownload(template: ProfileTemplate, approval: 'auto' | 'manual'): RetryPolicy {
  const own = { retries: template.retries, retryDelaySeconds: template.retryDelaySeconds };
  if (approval === 'auto') return own;
  const manual = retryPolicyFor('manual');
  return pendingWindowSeconds(own) >= pendingWindowSeconds(manual) ? own : manual;
}

async function findRow(runtime: Runtime, ref: EnrollmentRef) {
  if ('token' in ref) {
    if (!looksLikeEnrollmentToken(ref.token)) return null;
    return runtime.db.enrollment.findUnique({ where: { tokenHash: hashEnrollmentToken(runtime.masterKey, ref.token) }, include: { template: true } });
  }
  if (!isUuid(ref.id)) return null;
  return runtime.db.enrollment.findUnique({ where: { id: ref.id }, include: { template: true } });
}

/** Throws AppError not_found (unknown link) or gone (used, expired, revoked). */
export async function issueEnrollmentProfile(runtime: Runtime, { actor, ...ref }: EnrollmentRef & { actor: Actor }): Promise<IssuedProfile> {
  const row = await findRow(runtime, ref);
  if (!row) throw notFound('enrollment link');
  const state = enrollmentState(row, new Date());
  if (state !== 'active') throw linkGone(state);

  const template = templateConfig(row.template);
  const approval = row.approval === 'MANUAL' ? 'manual' : 'auto';
  const [ca, signer] = await Promise.all([runtime.ca(), runtime.profileSigner()]);
  const ttlSeconds = Math.max(MIN_PROFILE_CHALLENGE_TTL_SECONDS, runtime.env.TESSERA_CHALLENGE_TTL_SECONDS);

  return runtime.db.$transaction(async (tx) => {
    const now = new Date();
    const download = await claimDownload(tx, row.id, now);
    if (download === null) {
      // Lost a race with another download (or the clock passed expiresAt): report the state as it is now.
      const fresh = await tx.enrollment.findUniqueOrThrow({ where: { id: row.id } });
      throw linkGone(enrollmentState(fresh, now) === 'active' ? 'used' : enrollmentState(fresh, now));
    }
    const secret = newChallengeSecret();
    const profile = buildEnrollmentProfile({
      template: { ...template, ...retryPolicyForDownload(template, approval) },
      person: { email: row.email, username: row.username ?? undefined, displayName: row.displayName ?? undefined },
      caCertificateDer: ca.certificateDer,
      caName: caNameFor(ca.info.subject),
      scepUrl: scepUrlFor(publicBaseUrl(runtime.env)),
      challenge: secret,
    });
    const challenge = await createChallenge(
      tx,
      runtime.masterKey,
      { approval, ttlSeconds, note: `enrollment ${row.email} (download ${download}/${row.maxDownloads})` },
      actor,
      { defaultTtlSeconds: ttlSeconds, enrollmentId: row.id, now, secret, identity: identityFromScepPayload(getPayload(profile, PayloadTypes.Scep).PayloadContent) },
    );
    const body = signProfile(renderProfilePlist(profile), signer, { now });
    await recordAudit(tx, actor, 'enrollment.profile_downloaded', row.id, {
      email: row.email,
      download,
      maxDownloads: row.maxDownloads,
      challengeId: challenge.id,
      challengeExpiresAt: challenge.expiresAt,
    });
    return { enrollmentId: row.id, challengeId: challenge.id, body, filename: profileFilename(template.organization), organization: template.organization, download };
  });
}
