import { apiRoute } from '@/lib/http/api-route';
import { listCertificates, ZListCertificatesSchema } from '@/lib/server/certificates/certificates';

export const dynamic = 'force-dynamic';

export const GET = apiRoute({ query: ZListCertificatesSchema }, async ({ query, runtime }) => listCertificates(runtime, query));
