/**
 * A template is saved only if a profile can be built from it: the same build a download runs, for a sample person
 * with every placeholder filled. Field rules catch most mistakes; this catches the ones that only show when the
 * pieces come together (a SAN template that renders no valid address), before any link hands the template out.
 */
import { buildEnrollmentProfile, renderProfilePlist, scepUrlFor } from '../../profile/build-profile';
import { ProfileError } from '../../profile/errors';
import type { ProfileTemplate } from '../../profile/template-schema';
import { caNameFor } from '../enrollments/profile-naming';
import { publicBaseUrl } from '../enrollments/public-url';
import { invalid } from '../errors';
import type { Runtime } from '../runtime';

const SAMPLE_PERSON = { email: 'someone@example.com', username: 'someone', displayName: 'Some One' };

export async function assertTemplateBuilds(runtime: Runtime, config: ProfileTemplate): Promise<void> {
  const ca = await runtime.ca();
  try {
    renderProfilePlist(
      buildEnrollmentProfile({
        template: config,
        person: SAMPLE_PERSON,
        caCertificateDer: ca.certificateDer,
        caName: caNameFor(ca.info.subject),
        scepUrl: scepUrlFor(publicBaseUrl(runtime.env)),
        challenge: 'SAMPLE-CHALLENGE',
      }),
    );
  } catch (e) {
    if (!(e instanceof ProfileError) || e.code !== 'PROFILE_INPUT_INVALID') throw e;
    const issue = e.issues[0];
    const field = issue?.path.replace(/^template\./, '') || 'template';
    throw invalid(`${field}: ${issue?.message ?? e.message}`, field);
  }
}
