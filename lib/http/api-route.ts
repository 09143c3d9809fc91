/**
 * The wrapper every JSON API route goes through: authentication (bearer API token, or an admin session from the
 * dashboard), zod validation of body and query with the offending field named, and one error mapping.
 *
 *   export const POST = apiRoute({ body: ZCreateChallengeSchema }, async ({ input, actor, runtime }) => …);
 */
import { z } from 'zod';
import { getAdminSession } from '../auth/session';
import type { Actor } from '../server/audit/record-audit';
import { AppError } from '../server/errors';
import { getRuntime, type Runtime } from '../server/runtime';
import { authenticateApiToken } from '../server/tokens/api-tokens';
import { clientAddress } from './client-info';
import { errorResponse, jsonError } from './error-response';
import { readBodyLimited } from './read-body';

/** JSON bodies of this API are small; anything bigger is refused before parsing. */
export const MAX_JSON_BODY_BYTES = 64 * 1024;

export interface ApiContext<B, Q> {
  req: Request;
  input: B;
  query: Q;
  params: Record<string, string>;
  actor: Actor;
  runtime: Runtime;
}

type RouteContext = { params: Promise<Record<string, string | string[]>> };

function validationError(error: z.ZodError, where: 'body' | 'query'): AppError {
  const issue = error.issues[0];
  const field = issue?.path.join('.') || where;
  return new AppError('validation', `${field}: ${issue?.message ?? 'invalid'}`, { field });
}

export async function authenticate(req: Request, runtime: Runtime): Promise<Actor | null> {
  const auth = req.headers.get('authorization');
  const address = clientAddress(req);
  if (auth?.toLowerCase().startsWith('bearer ')) return authenticateApiToken(runtime, { token: auth.slice(7).trim(), sourceAddress: address });
  const session = await getAdminSession(address).catch(() => null);
  return session?.actor ?? null;
}

export function apiRoute<B extends z.ZodType = z.ZodUndefined, Q extends z.ZodType = z.ZodUndefined>(
  schemas: { body?: B; query?: Q },
  handler: (ctx: ApiContext<z.infer<B>, z.infer<Q>>) => Promise<Response | unknown>,
  opts: { status?: number } = {},
) {
  return async (req: Request, ctx?: RouteContext): Promise<Response> => {
    try {
      const runtime = await getRuntime();
      const actor = await authenticate(req, runtime);
      if (!actor) return jsonError('unauthorized', 'an API token (Authorization: Bearer …) or an admin session is required', undefined, { 'WWW-Authenticate': 'Bearer' });
      let input: unknown = undefined;
      if (schemas.body) {
        const raw = await readBodyLimited(req, MAX_JSON_BODY_BYTES);
        if (raw === 'too-large') throw new AppError('too_large', `body: larger than ${MAX_JSON_BODY_BYTES} bytes`, { field: 'body' });
        const text = Buffer.from(raw).toString('utf8');
        let json: unknown = {};
        if (text.trim()) {
          try {
            json = JSON.parse(text);
          } catch {
            throw new AppError('validation', 'body: not valid JSON', { field: 'body' });
          }
        }
        const parsed = schemas.body.safeParse(json);
        if (!parsed.success) throw validationError(parsed.error, 'body');
        input = parsed.data;
      }
      let query: unknown = undefined;
      if (schemas.query) {
        const parsed = schemas.query.safeParse(Object.fromEntries(new URL(req.url).searchParams));
        if (!parsed.success) throw validationError(parsed.error, 'query');
        query = parsed.data;
      }
      const raw = (await ctx?.params) ?? {};
      const params = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v.join('/') : v]));
      const result = await handler({ req, input: input as z.infer<B>, query: query as z.infer<Q>, params, actor, runtime });
      if (result instanceof Response) return result;
      return Response.json(result, { status: opts.status ?? 200, headers: { 'Cache-Control': 'no-store' } });
    } catch (e) {
      if (e instanceof z.ZodError) return errorResponse(validationError(e, 'body'));
      return errorResponse(e);
    }
  };
}
