import { apiRoute } from '@/lib/http/api-route';
import { revokeCertificate, ZRevokeSchema } from '@/lib/server/certificates/certificates';

export const dynamic = 'force-dynamic';

export const POST = apiRoute({ body: ZRevokeSchema }, async ({ params, input, actor, runtime }) => revokeCertificate(runtime, { ...input, serial: params.serial ?? '', actor }));
