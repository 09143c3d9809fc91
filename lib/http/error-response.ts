/** One table from error code to HTTP status; JSON errors are `{ "error": { "code", "message", "details"? } }`. */
import { AppError, type AppErrorCode } from '../server/errors';

const STATUS: Record<AppErrorCode, number> = {
  validation: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  unavailable: 503,
};

export function jsonError(code: AppErrorCode | 'internal', message: string, details?: Record<string, unknown>, headers?: HeadersInit): Response {
  const status = code === 'internal' ? 500 : STATUS[code];
  return Response.json({ error: { code, message, ...(details ? { details } : {}) } }, { status, headers: { 'Cache-Control': 'no-store', ...headers } });
}

export function errorResponse(error: unknown): Response {
  if (error instanceof AppError) return jsonError(error.code, error.message, error.details);
  console.error('[tessera] unexpected error', error);
  return jsonError('internal', 'internal error (logged on the server)');
}
