import type { CertificateStatus, Prisma } from './generated/client';
import type { DbOrTx } from './prisma';

export function insertCertificate(db: DbOrTx, data: Prisma.CertificateUncheckedCreateInput) {
  return db.certificate.create({ data });
}

export function findCertificateBySerial(db: DbOrTx, caId: string, serial: string) {
  return db.certificate.findUnique({ where: { caId_serial: { caId, serial } } });
}

/**
 * Revokes a certificate as superseded by its renewal, if it is still valid at this instant: a conditional UPDATE, so
 * of two concurrent renewals of one certificate exactly one sees count 1 (Postgres row locking, re-checked WHERE).
 */
export async function supersedeCertificate(db: DbOrTx, id: string, now: Date): Promise<boolean> {
  const { count } = await db.certificate.updateMany({ where: { id, status: 'VALID' }, data: { status: 'REVOKED', revokedAt: now, revocationReason: 'superseded' } });
  return count === 1;
}

/** The certificate issued by renewing `serial`, if any. */
export function findSuccessor(db: DbOrTx, caId: string, serial: string) {
  return db.certificate.findFirst({ where: { caId, request: { renewalOfSerial: serial } }, orderBy: { createdAt: 'asc' }, select: { serial: true, createdAt: true } });
}

export type CertificateFilter = 'valid' | 'expired' | 'revoked';

export function certificateWhere(opts: { q?: string; status?: CertificateFilter; now: Date }): Prisma.CertificateWhereInput {
  const where: Prisma.CertificateWhereInput[] = [];
  if (opts.q) {
    const q = opts.q.trim();
    const serial = q.toLowerCase().replace(/[:\s]/g, '');
    where.push({
      OR: [
        { subject: { contains: q, mode: 'insensitive' } },
        { serial: { startsWith: serial } },
        { sha256Fingerprint: { startsWith: serial } },
        // SANs are stored as [{type, value}]; a text match on the JSON is what people search for.
        { sansText: { contains: q.toLowerCase() } },
      ],
    });
  }
  const status: CertificateStatus | undefined = opts.status === 'revoked' ? 'REVOKED' : opts.status ? 'VALID' : undefined;
  if (status) where.push({ status });
  if (opts.status === 'valid') where.push({ notAfter: { gt: opts.now } });
  if (opts.status === 'expired') where.push({ notAfter: { lte: opts.now } });
  return { AND: where };
}
