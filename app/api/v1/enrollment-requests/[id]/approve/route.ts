import { apiRoute } from '@/lib/http/api-route';
import { approveEnrollmentRequest } from '@/lib/server/enrollment-requests';

export const dynamic = 'force-dynamic';

export const POST = apiRoute({}, ({ params, runtime, actor }) => approveEnrollmentRequest(runtime, { id: params.id ?? '', actor }));
