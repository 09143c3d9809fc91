import { apiRoute } from '@/lib/http/api-route';
import { createEnrollment, listEnrollments, ZCreateEnrollmentSchema, ZListEnrollmentsSchema } from '@/lib/server/enrollments';

export const dynamic = 'force-dynamic';

export const GET = apiRoute({ query: ZListEnrollmentsSchema }, async ({ query, runtime }) => ({ enrollments: await listEnrollments(runtime, query) }));

export const POST = apiRoute(
  { body: ZCreateEnrollmentSchema },
  async ({ input, runtime, actor }) => {
    // The token itself is part of enrollUrl/profileUrl; it is not stored and cannot be shown again.
    const { id, enrollUrl, profileUrl, expiresAt } = await createEnrollment(runtime, { ...input, actor });
    return { id, enrollUrl, profileUrl, expiresAt };
  },
  { status: 201 },
);
