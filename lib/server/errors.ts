/**
 * Typed errors with a code, mapped to HTTP statuses in one table (lib/http/error-response.ts) and to exit codes in
 * the CLI. Anything else that escapes a use-case is a bug: logged, and answered with a generic 500.
 */
export type AppErrorCode = 'validation' | 'unauthorized' | 'forbidden' | 'not_found' | 'conflict' | 'gone' | 'too_large' | 'rate_limited' | 'unavailable';

export class AppError extends Error {
  override name = 'AppError';
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new AppError('not_found', `${what} not found`);
export const conflict = (message: string, details?: Record<string, unknown>) => new AppError('conflict', message, details);
export const invalid = (message: string, field?: string) => new AppError('validation', message, field ? { field } : undefined);

/** The first issue of a failed zod parse as a validation error naming its field ("sans.0: …"). */
export function invalidInput(error: { issues: { path: PropertyKey[]; message: string }[] }, fallbackField = 'body'): AppError {
  const issue = error.issues[0];
  const field = issue?.path.map(String).join('.') || fallbackField;
  return invalid(`${field}: ${issue?.message ?? 'invalid'}`, field);
}
