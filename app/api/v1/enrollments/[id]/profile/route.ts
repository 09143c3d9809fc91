import { apiRoute } from '@/lib/http/api-route';
import { issueEnrollmentProfile } from '@/lib/server/enrollments/issue-enrollment-profile';
import { profileResponse } from '@/lib/server/enrollments/profile-response';

export const dynamic = 'force-dynamic';

/** An admin fetches the signed profile directly (e.g. to AirDrop it); counts as a download like the public link. */
export const GET = apiRoute({}, async ({ params, runtime, actor }) => profileResponse(await issueEnrollmentProfile(runtime, { id: params.id ?? '', actor })), {
  sideEffects: true,
});
