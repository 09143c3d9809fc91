/** Issued certificates: search, detail (JSON or PEM), revocation. */
import { z } from 'zod';
import { describeCertificate } from '../../pki/x509/certificate-info';
import { certificateWhere, findSuccessor } from '../../store/certificates';
import type { Db } from '../../store/prisma';
import { recordAudit, type Actor } from '../audit/record-audit';
import type { Deps } from '../deps';
import { conflict, notFound } from '../errors';
import { ZPageSchema, skipTake, type Page } from '../pagination';

export const ZListCertificatesSchema = ZPageSchema.extend({
  q: z.string().trim().max(200).optional(),
  status: z.enum(['valid', 'expired', 'revoked']).optional(),
});

/** RFC 5280 §5.3.1 reason names. */
export const REVOCATION_REASONS = ['unspecified', 'keyCompromise', 'cACompromise', 'affiliationChanged', 'superseded', 'cessationOfOperation', 'certificateHold', 'privilegeWithdrawn'] as const;
export const ZRevokeSchema = z.object({ reason: z.enum(REVOCATION_REASONS).default('unspecified'), comment: z.string().trim().max(500).optional() });

type Row = Awaited<ReturnType<Db['certificate']['findFirstOrThrow']>>;

export function certificateView(c: Row, now = new Date()) {
  return {
    id: c.id,
    serial: c.serial,
    subject: c.subject,
    sans: (c.sans as { type: string; value: string }[]) ?? [],
    notBefore: c.notBefore.toISOString(),
    notAfter: c.notAfter.toISOString(),
    sha256: c.sha256Fingerprint,
    status: c.status === 'REVOKED' ? ('revoked' as const) : c.notAfter <= now ? ('expired' as const) : ('valid' as const),
    revokedAt: c.revokedAt?.toISOString() ?? null,
    revocationReason: c.revocationReason,
    requestId: c.requestId,
    enrollmentId: c.enrollmentId,
    createdAt: c.createdAt.toISOString(),
  };
}
export type CertificateView = ReturnType<typeof certificateView>;

export async function listCertificates({ db }: Deps<'db'>, input: z.input<typeof ZListCertificatesSchema> = {}): Promise<Page<CertificateView>> {
  const q = ZListCertificatesSchema.parse(input);
  const now = new Date();
  const where = certificateWhere({ q: q.q, status: q.status, now });
  const [rows, total] = await Promise.all([db.certificate.findMany({ where, orderBy: { createdAt: 'desc' }, ...skipTake(q) }), db.certificate.count({ where })]);
  return { items: rows.map((r) => certificateView(r, now)), page: q.page, pageSize: q.pageSize, total };
}

async function findBySerial(db: Db, serial: string) {
  const normalised = serial.toLowerCase().replace(/[:\s]/g, '');
  if (!/^[0-9a-f]{1,64}$/.test(normalised)) throw notFound('certificate');
  const row = await db.certificate.findFirst({ where: { serial: normalised }, orderBy: { createdAt: 'desc' } });
  if (!row) throw notFound('certificate');
  return row;
}

export async function getCertificateDetail({ db }: Deps<'db'>, { serial }: { serial: string }) {
  const row = await findBySerial(db, serial);
  const info = describeCertificate(row.der);
  const [request, successor] = await Promise.all([
    row.requestId ? db.scepRequest.findUnique({ where: { id: row.requestId }, select: { renewalOfSerial: true } }) : null,
    findSuccessor(db, row.caId, row.serial),
  ]);
  return {
    ...certificateView(row),
    /** Serial of the certificate this one renewed. */
    renews: request?.renewalOfSerial ?? null,
    /** Serial of the certificate that renewed (and superseded) this one. */
    supersededBy: successor?.serial ?? null,
    originApproval: row.originApproval === 'MANUAL' ? ('manual' as const) : ('auto' as const),
    issuer: info.issuer,
    sha1: info.sha1Hex,
    key: `${info.keyType}-${info.keyBits}`,
    signatureAlgorithm: info.signatureAlgorithm,
    keyUsage: info.keyUsage,
    extendedKeyUsage: info.extendedKeyUsage,
    pem: row.pem,
  };
}

export async function getCertificatePem({ db }: Deps<'db'>, { serial }: { serial: string }): Promise<string> {
  return (await findBySerial(db, serial)).pem;
}

export async function revokeCertificate({ db }: Deps<'db'>, { serial, actor, ...input }: z.input<typeof ZRevokeSchema> & { serial: string; actor: Actor }): Promise<CertificateView> {
  const { reason, comment } = ZRevokeSchema.parse(input);
  const row = await findBySerial(db, serial);
  const { count } = await db.certificate.updateMany({ where: { id: row.id, status: 'VALID' }, data: { status: 'REVOKED', revokedAt: new Date(), revocationReason: reason } });
  if (count !== 1) throw conflict('certificate is already revoked');
  await recordAudit(db, actor, 'certificate.revoked', row.serial, { reason, comment: comment ?? null, subject: row.subject });
  return certificateView(await db.certificate.findUniqueOrThrow({ where: { id: row.id } }));
}
