import type { DbOrTx } from '../../store/prisma';
import { conflict, notFound } from '../errors';
import { requireUuid } from '../enrollments/ids';

/** The request, if it still awaits a decision; 404 unknown, 409 already decided. */
export async function loadPendingRequest(db: DbOrTx, id: string) {
  const row = await db.enrollmentRequest.findUnique({ where: { id: requireUuid(id, 'enrollment request') } });
  if (!row) throw notFound('enrollment request');
  if (row.status !== 'PENDING') throw conflict(`enrollment request is already ${row.status.toLowerCase()}`, { status: row.status.toLowerCase() });
  return row;
}
