import { apiRoute } from '@/lib/http/api-route';
import { createTemplate, listTemplates, ZTemplateBodySchema } from '@/lib/server/templates';

export const dynamic = 'force-dynamic';

export const GET = apiRoute({}, async ({ runtime }) => ({ templates: await listTemplates(runtime) }));

export const POST = apiRoute({ body: ZTemplateBodySchema }, ({ input, runtime, actor }) => createTemplate(runtime, { body: input, actor }), { status: 201 });
