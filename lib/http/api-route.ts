/**
 * The wrapper every JSON API route goes through: authentication (bearer API token, or an admin session from the
 * dashboard, then held to the same-origin rule of ./same-origin.ts), zod validation of body and query with the
 * offending field named, and one error mapping.
 *
 *   export const POST = apiRoute({ body: ZCreateChallengeSchema }, async ({ input, actor, runtime }) => …);
 */
import { z } from 'zod';
import { findUnsafeText } from '../validation/safe-text';
import { getAdminSession } from '../auth/session';
import type { Actor } from '../server/audit/record-audit';
import { AppError } from '../server/errors';
import { publicBaseUrl } from '../server/public-url';
import { getRuntime, type Runtime } from '../server/runtime';
import { authenticateApiToken } from '../server/tokens/api-tokens';
import { errorResponse, jsonError } from './error-response';
import { readBodyLimited } from './read-body';
import { requestMetadata } from './request-metadata';
import { checkCookieAuthenticatedCall } from './same-origin';

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

/** NUL, controls and lone surrogates anywhere in the input are a 400 naming the field, whatever the schema says. */
function rejectUnsafeText(value: unknown, where: 'body' | 'query'): void {
  const unsafe = findUnsafeText(value);
  if (unsafe) throw new AppError('validation', `${unsafe.field || where}: ${unsafe.reason}`, { field: unsafe.field || where });
}

export interface Authenticated {
  actor: Actor;
  /** A session cookie is ambient (the browser sends it to any request); a bearer token never is. */
  via: 'token' | 'session';
}

export async function authenticate(req: Request, runtime: Runtime): Promise<Authenticated | null> {
  const auth = req.headers.get('authorization');
  const { address } = requestMetadata(req, runtime.env);
  if (auth?.toLowerCase().startsWith('bearer ')) {
    const actor = await authenticateApiToken(runtime, { token: auth.slice(7).trim(), sourceAddress: address });
    return actor && { actor, via: 'token' };
  }
  const session = await getAdminSession(address).catch(() => null);
  return session && { actor: session.actor, via: 'session' };
}

export function apiRoute<B extends z.ZodType = z.ZodUndefined, Q extends z.ZodType = z.ZodUndefined>(
  schemas: { body?: B; query?: Q },
  handler: (ctx: ApiContext<z.infer<B>, z.infer<Q>>) => Promise<Response | unknown>,
  opts: {
    status?: number;
    /** For a GET that changes state (a download that counts): same CSRF rule as POST. */
    sideEffects?: boolean;
  } = {},
) {
  return async (req: Request, ctx?: RouteContext): Promise<Response> => {
    try {
      const runtime = await getRuntime();
      const auth = await authenticate(req, runtime);
      if (!auth) return jsonError('unauthorized', 'an API token (Authorization: Bearer …) or an admin session is required', undefined, { 'WWW-Authenticate': 'Bearer' });
      if (auth.via === 'session') {
        const refused = checkCookieAuthenticatedCall(req, new URL(publicBaseUrl(runtime.env)).origin, opts);
        if (refused) throw refused;
      }
      const { actor } = auth;
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
        rejectUnsafeText(json, 'body');
        const parsed = schemas.body.safeParse(json);
        if (!parsed.success) throw validationError(parsed.error, 'body');
        input = parsed.data;
      }
      let query: unknown = undefined;
      if (schemas.query) {
        const raw = Object.fromEntries(new URL(req.url).searchParams);
        rejectUnsafeText(raw, 'query');
        const parsed = schemas.query.safeParse(raw);
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
