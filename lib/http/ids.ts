import { z } from 'zod';
import { notFound } from '../server/errors';

/** Route ids are UUIDs; anything else cannot name a row, so it is a 404 rather than a database error. */
export function uuidParam(value: string | undefined, what: string): string {
  if (!value || !z.uuid().safeParse(value).success) throw notFound(what);
  return value;
}
