import { apiRoute } from '@/lib/http/api-route';
import { listScepRequests, ZListRequestsSchema } from '@/lib/server/requests/list-scep-requests';

export const dynamic = 'force-dynamic';

export const GET = apiRoute({ query: ZListRequestsSchema }, async ({ query, runtime }) => listScepRequests(runtime, query));
