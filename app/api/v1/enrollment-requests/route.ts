import { apiRoute } from '@/lib/http/api-route';
import { listEnrollmentRequests, ZListEnrollmentRequestsSchema } from '@/lib/server/enrollment-requests';

export const dynamic = 'force-dynamic';

export const GET = apiRoute({ query: ZListEnrollmentRequestsSchema }, async ({ query, runtime }) => ({ requests: await listEnrollmentRequests(runtime, query) }));
