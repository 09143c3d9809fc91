/** The audit log, newest first, optionally narrowed by actor, action or target. */
import { z } from 'zod';
import type { Prisma } from '../../store/prisma';
import { ZPageSchema, skipTake, type Page } from '../pagination';
import type { Deps } from '../deps';

const optionalText = z.preprocess((v) => (v === '' ? undefined : v), z.string().trim().max(200).optional());

export const ZAuditQuerySchema = ZPageSchema.extend({ q: optionalText });

export interface AuditEntryView {
  id: string;
  createdAt: string;
  actor: string;
  action: string;
  target: string | null;
  sourceAddress: string | null;
  /** Compact JSON of the details, or null. */
  details: string | null;
}

export async function listAuditLog({ db }: Deps<'db'>, input: z.input<typeof ZAuditQuerySchema> = {}): Promise<Page<AuditEntryView>> {
  const q = ZAuditQuerySchema.parse(input);
  const where: Prisma.AuditLogWhereInput = q.q
    ? {
        OR: [
          { actor: { contains: q.q, mode: 'insensitive' } },
          { action: { contains: q.q, mode: 'insensitive' } },
          { target: { contains: q.q, mode: 'insensitive' } },
        ],
      }
    : {};
  const [rows, total] = await Promise.all([db.auditLog.findMany({ where, orderBy: { createdAt: 'desc' }, ...skipTake(q) }), db.auditLog.count({ where })]);
  return {
    items: rows.map((r) => ({
      id: r.id,
      createdAt: r.createdAt.toISOString(),
      actor: r.actor,
      action: r.action,
      target: r.target,
      sourceAddress: r.sourceAddress,
      details: r.details === null || r.details === undefined ? null : JSON.stringify(r.details),
    })),
    page: q.page,
    pageSize: q.pageSize,
    total,
  };
}
