/** The SCEP log as the dashboard shows it: filterable, newest first, each non-success with its explanation. */
import { z } from 'zod';
import type { Db, Prisma } from '../../store/prisma';
import { ZPageSchema, skipTake, type Page } from '../pagination';
import { isAppleClient } from '../requests/list-scep-requests';
import { explainScepEvent, type ScepExplanation } from './scep-explanations';
import type { Deps } from '../deps';

export const SCEP_OUTCOMES = ['success', 'failure', 'pending', 'http-error'] as const;
export const SCEP_OPERATIONS = ['GetCACaps', 'GetCACert', 'PKIOperation'] as const;
export const SCEP_LOG_RANGES = { '1h': 3600_000, '24h': 86_400_000, '7d': 7 * 86_400_000, all: null } as const;

const emptyToUndefined = (v: unknown) => (v === '' ? undefined : v);

export const ZScepLogQuerySchema = ZPageSchema.extend({
  outcome: z.preprocess(emptyToUndefined, z.enum(SCEP_OUTCOMES).optional()),
  operation: z.preprocess(emptyToUndefined, z.enum(SCEP_OPERATIONS).optional()),
  transactionId: z.preprocess(emptyToUndefined, z.string().trim().max(200).optional()),
  /** Matches client address or user agent. */
  client: z.preprocess(emptyToUndefined, z.string().trim().max(200).optional()),
  range: z.preprocess(emptyToUndefined, z.enum(['1h', '24h', '7d', 'all']).default('7d')),
});
export type ScepLogQuery = z.infer<typeof ZScepLogQuerySchema>;

export interface ScepEventView {
  id: string;
  createdAt: string;
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
  appleClient: boolean;
  explanation: ScepExplanation | null;
}

type Row = Awaited<ReturnType<Db['scepEvent']['findFirstOrThrow']>>;

export function scepEventView(r: Row): ScepEventView {
  return {
    id: r.id,
    createdAt: r.createdAt.toISOString(),
    operation: r.operation,
    messageType: r.messageType,
    transactionId: r.transactionId,
    outcome: r.outcome,
    httpStatus: r.httpStatus,
    failInfo: r.failInfo,
    reason: r.reason,
    algorithms: r.algorithms,
    durationMs: r.durationMs,
    clientAddress: r.clientAddress,
    userAgent: r.userAgent,
    appleClient: isAppleClient(r.userAgent),
    explanation: explainScepEvent(r),
  };
}

export function scepLogWhere(q: Omit<ScepLogQuery, 'page' | 'pageSize'>, now: Date): Prisma.ScepEventWhereInput {
  const and: Prisma.ScepEventWhereInput[] = [];
  if (q.outcome) and.push({ outcome: q.outcome });
  if (q.operation) and.push({ operation: q.operation });
  if (q.transactionId) and.push({ transactionId: { contains: q.transactionId, mode: 'insensitive' } });
  if (q.client) {
    and.push({ OR: [{ clientAddress: { contains: q.client } }, { userAgent: { contains: q.client, mode: 'insensitive' } }] });
  }
  const span = SCEP_LOG_RANGES[q.range];
  if (span !== null) and.push({ createdAt: { gte: new Date(now.getTime() - span) } });
  return { AND: and };
}

export async function listScepEvents({ db }: Deps<'db'>, { now = new Date(), ...input }: z.input<typeof ZScepLogQuerySchema> & { now?: Date } = {}): Promise<Page<ScepEventView>> {
  const q = ZScepLogQuerySchema.parse(input);
  const where = scepLogWhere(q, now);
  const [rows, total] = await Promise.all([
    db.scepEvent.findMany({ where, orderBy: { createdAt: 'desc' }, ...skipTake(q) }),
    db.scepEvent.count({ where }),
  ]);
  return { items: rows.map(scepEventView), page: q.page, pageSize: q.pageSize, total };
}
