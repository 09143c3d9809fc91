import { apiRoute } from '@/lib/http/api-route';
import { uuidParam } from '@/lib/http/ids';
import { approveScepRequest, ZDecisionSchema } from '@/lib/server/requests/decide-scep-request';

export const dynamic = 'force-dynamic';

export const POST = apiRoute({ body: ZDecisionSchema }, async ({ params, input, actor, runtime }) => approveScepRequest(runtime, { ...input, id: uuidParam(params.id, 'request'), actor }));
