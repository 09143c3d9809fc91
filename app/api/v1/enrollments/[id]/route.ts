import { apiRoute } from '@/lib/http/api-route';
import { getEnrollment, revokeEnrollment } from '@/lib/server/enrollments';

export const dynamic = 'force-dynamic';

export const GET = apiRoute({}, ({ params, runtime }) => getEnrollment(runtime, { id: params.id ?? '' }));

export const DELETE = apiRoute({}, ({ params, runtime, actor }) => revokeEnrollment(runtime, { id: params.id ?? '', actor }));
