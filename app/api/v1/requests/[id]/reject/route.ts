import { apiRoute } from '@/lib/http/api-route';
import { uuidParam } from '@/lib/http/ids';
import { rejectScepRequest, ZDecisionSchema } from '@/lib/server/requests/decide-scep-request';

export const dynamic = 'force-dynamic';

export const POST = apiRoute({ body: ZDecisionSchema }, async ({ params, input, actor, runtime }) => rejectScepRequest(runtime, { ...input, id: uuidParam(params.id, 'request'), actor }));
