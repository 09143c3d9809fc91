/**
 * An admin's decision on a pending SCEP request. Approval issues the certificate now, in the same transaction that
 * marks the request decided; the waiting device receives it on its next CertPoll (or micromdm-style re-sent PKCSReq).
 */
import { z } from 'zod';
import type { Runtime } from '../runtime';
import { recordAudit, type Actor } from '../audit/record-audit';
import { conflict, notFound } from '../errors';
import { issueForRequest } from '../scep/issue-for-request';
import { readScepSettings } from '../scep/scep-settings';

export const ZDecisionSchema = z.object({ reason: z.string().trim().max(500, 'reason must be at most 500 characters').optional() });

async function loadPending(runtime: Runtime, id: string) {
  const req = await runtime.db.scepRequest.findUnique({ where: { id }, include: { challengeUsedBy: true } });
  if (!req) throw notFound('request');
  if (req.status !== 'PENDING') throw conflict(`request is already ${req.status.toLowerCase()}`, { status: req.status });
  if (req.expiresAt && req.expiresAt <= new Date()) throw conflict('request has expired; the client must enroll again', { status: 'EXPIRED' });
  return req;
}

export async function approveScepRequest(runtime: Runtime, { id, actor, ...input }: z.input<typeof ZDecisionSchema> & { id: string; actor: Actor }) {
  const { reason } = ZDecisionSchema.parse(input);
  const req = await loadPending(runtime, id);
  const ca = await runtime.ca();
  const settings = await readScepSettings(runtime.db, runtime.env);
  const now = new Date();
  const cert = await runtime.db.$transaction(async (tx) => {
    // Guard against a concurrent decision: only one transaction moves the row out of PENDING.
    const { count } = await tx.scepRequest.updateMany({
      where: { id, status: 'PENDING' },
      data: { decidedBy: actor.id, decidedAt: now, decisionReason: reason ?? null },
    });
    if (count !== 1) throw conflict('request was decided concurrently');
    const issued = await issueForRequest(tx, ca, req, settings, { enrollmentId: req.challengeUsedBy?.enrollmentId ?? null, now });
    await recordAudit(tx, actor, 'request.approved', id, { transactionId: req.transactionId, serial: issued.serial });
    return issued;
  });
  return { id, status: 'issued' as const, serial: cert.serial };
}

export async function rejectScepRequest(runtime: Runtime, { id, actor, ...input }: z.input<typeof ZDecisionSchema> & { id: string; actor: Actor }) {
  const { reason } = ZDecisionSchema.parse(input);
  await loadPending(runtime, id);
  const now = new Date();
  await runtime.db.$transaction(async (tx) => {
    const { count } = await tx.scepRequest.updateMany({
      where: { id, status: 'PENDING' },
      data: { status: 'REJECTED', decidedBy: actor.id, decidedAt: now, decisionReason: reason ?? null },
    });
    if (count !== 1) throw conflict('request was decided concurrently');
    await recordAudit(tx, actor, 'request.rejected', id, { reason: reason ?? null });
  });
  return { id, status: 'rejected' as const };
}
