import { apiRoute } from '@/lib/http/api-route';
import { getTemplate, updateTemplate, ZTemplateBodySchema } from '@/lib/server/templates';

export const dynamic = 'force-dynamic';

export const GET = apiRoute({}, ({ params, runtime }) => getTemplate(runtime, { id: params.id ?? '' }));

/** Replaces the whole template (PUT semantics); `isDefault: true` makes it the default for new enrollments. */
export const PUT = apiRoute({ body: ZTemplateBodySchema }, ({ params, input, runtime, actor }) => updateTemplate(runtime, { id: params.id ?? '', body: input, actor }));
