/**
 * An admin's decision on a pending SCEP request. Approval issues the certificate now, in the same transaction that
 * marks the request decided (and, for a renewal, supersedes the renewed certificate); the waiting device receives it
 * on its next CertPoll (or micromdm-style re-sent PKCSReq). What is issued is the identity decided when the request
 * arrived, never re-read from the CSR.
 */
import { z } from 'zod';
import { parseCsr } from '../../pki/x509/csr';
import { supersedeCertificate } from '../../store/certificates';
import type { ApprovalMode } from '../../store/prisma';
import type { Runtime } from '../runtime';
import { recordAudit, type Actor } from '../audit/record-audit';
import { conflict, notFound } from '../errors';
import { readStoredIdentity, type Identity } from '../scep/identity/identity';
import { checkIdentityPolicy } from '../scep/identity/identity-policy';
import { requestedIdentity } from '../scep/identity/requested-identity';
import { prepareCertificate, storeCertificate, type IssuingKey } from '../scep/issue-for-request';
import { readScepSettings, type ScepSettings } from '../scep/scep-settings';

export const ZDecisionSchema = z.object({ reason: z.string().trim().max(500, 'reason must be at most 500 characters').optional() });

async function loadPending(runtime: Runtime, id: string) {
  const req = await runtime.db.scepRequest.findUnique({ where: { id }, include: { challengeUsedBy: true } });
  if (!req) throw notFound('request');
  if (req.status !== 'PENDING') throw conflict(`request is already ${req.status.toLowerCase()}`, { status: req.status });
  if (req.expiresAt && req.expiresAt <= new Date()) throw conflict('request has expired; the client must enroll again', { status: 'EXPIRED' });
  return req;
}
type PendingRequest = Awaited<ReturnType<typeof loadPending>>;

/**
 * The identity stored with the request. A request stored before identities were (its CSR still intact) is judged
 * as an unbound challenge would be today.
 */
function identityToIssue(req: PendingRequest, settings: ScepSettings): Identity {
  const stored = readStoredIdentity(req.identity);
  if (stored) return stored;
  const legacy = (why: string) => conflict(`this request predates identity checks and is refused by the identity policy: ${why}; reject it`);
  const requested = requestedIdentity(parseCsr(req.csrDer), settings.identityPolicy.maxSans);
  if (!requested.ok) throw legacy(requested.reason);
  const refusal = checkIdentityPolicy(requested.identity, settings.identityPolicy);
  if (refusal) throw legacy(refusal.reason);
  return requested.identity;
}

function keyOf(req: PendingRequest): IssuingKey {
  const keyType = req.keyType === 'RSA' || req.keyType === 'EC' ? req.keyType : 'other';
  return { publicKeySpki: req.publicKeySpki ?? parseCsr(req.csrDer).publicKeySpki, keyType };
}

export async function approveScepRequest(runtime: Runtime, { id, actor, ...input }: z.input<typeof ZDecisionSchema> & { id: string; actor: Actor }) {
  const { reason } = ZDecisionSchema.parse(input);
  const req = await loadPending(runtime, id);
  const ca = await runtime.ca();
  const settings = await readScepSettings(runtime.db, runtime.env);
  const identity = identityToIssue(req, settings);
  const now = new Date();
  const prepared = prepareCertificate(ca, keyOf(req), identity, settings, now);
  if (!prepared.ok) throw conflict(`the request's identity cannot be issued: ${prepared.reason}; reject it`);
  const cert = await runtime.db.$transaction(async (tx) => {
    // Guard against a concurrent decision: only one transaction moves the row out of PENDING.
    const { count } = await tx.scepRequest.updateMany({
      where: { id, status: 'PENDING' },
      data: { status: 'ISSUED', identity: identity as unknown as object, decidedBy: actor.id, decidedAt: now, decisionReason: reason ?? null },
    });
    if (count !== 1) throw conflict('request was decided concurrently');
    let lineage: { enrollmentId: string | null; originApproval: ApprovalMode } = { enrollmentId: req.challengeUsedBy?.enrollmentId ?? null, originApproval: 'MANUAL' };
    if (req.renewalOfSerial) {
      const old = await tx.certificate.findUnique({ where: { caId_serial: { caId: req.caId, serial: req.renewalOfSerial } } });
      if (!old || !(await supersedeCertificate(tx, old.id, now))) {
        throw conflict(`certificate ${req.renewalOfSerial} was revoked or renewed since this renewal was requested; reject this request`);
      }
      lineage = { enrollmentId: old.enrollmentId, originApproval: old.originApproval };
    }
    const issued = await storeCertificate(tx, ca, id, prepared.certificate, lineage);
    await recordAudit(tx, actor, 'request.approved', id, { transactionId: req.transactionId, serial: issued.serial, ...(req.renewalOfSerial ? { renews: req.renewalOfSerial } : {}) });
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
