import { buildOpenApiDocument } from '@/lib/http/openapi';
import '@/lib/http/openapi-extra';
import { env } from '@/lib/env';
import { publicBaseUrl } from '@/lib/server/public-url';

export const dynamic = 'force-dynamic';

/** Public: the API's shape is no secret; every operation it describes requires a token. */
export function GET(): Response {
  return Response.json(buildOpenApiDocument(publicBaseUrl(env())));
}
