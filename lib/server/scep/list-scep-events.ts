import { z } from 'zod';
import type { Db } from '../../store/prisma';
import { ZPageSchema, skipTake, type Page } from '../pagination';

export const ZListScepEventsSchema = ZPageSchema.extend({
  outcome: z.enum(['success', 'failure', 'pending', 'http-error']).optional(),
  transactionId: z.string().trim().max(200).optional(),
  client: z.string().trim().max(200).optional(),
  since: z.coerce.date().optional(),
});

export interface ScepEventView {
  id: string;
  at: string;
  operation: string;
  messageType: string | null;
  transactionId: string | null;
  outcome: string;
  httpStatus: number;
  failInfo: string | null;
  reason: string;
  algorithms: string | null;
  durationMs: number;
  clientAddress: string | null;
  userAgent: string | null;
}

/** The SCEP log, newest first: one row per HTTP exchange with Tessera's plain-English reason. */
export async function listScepEvents(db: Db, input: z.input<typeof ZListScepEventsSchema> = {}): Promise<Page<ScepEventView>> {
  const q = ZListScepEventsSchema.parse(input);
  const where = {
    ...(q.outcome ? { outcome: q.outcome } : {}),
    ...(q.transactionId ? { transactionId: q.transactionId } : {}),
    ...(q.client ? { OR: [{ clientAddress: { contains: q.client } }, { userAgent: { contains: q.client, mode: 'insensitive' as const } }] } : {}),
    ...(q.since ? { createdAt: { gte: q.since } } : {}),
  };
  const [rows, total] = await Promise.all([db.scepEvent.findMany({ where, orderBy: { createdAt: 'desc' }, ...skipTake(q) }), db.scepEvent.count({ where })]);
  return {
    items: rows.map((e) => ({ ...e, at: e.createdAt.toISOString(), createdAt: undefined })).map(({ createdAt: _c, ...rest }) => rest as ScepEventView),
    page: q.page,
    pageSize: q.pageSize,
    total,
  };
}
