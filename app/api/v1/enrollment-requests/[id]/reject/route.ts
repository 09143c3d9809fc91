import { apiRoute } from '@/lib/http/api-route';
import { rejectEnrollmentRequest, ZRejectEnrollmentRequestSchema } from '@/lib/server/enrollment-requests';

export const dynamic = 'force-dynamic';

export const POST = apiRoute({ body: ZRejectEnrollmentRequestSchema }, ({ params, input, runtime, actor }) => rejectEnrollmentRequest(runtime, { ...input, id: params.id ?? '', actor }));
