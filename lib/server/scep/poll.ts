import { describeCertificate } from '../../pki/x509/certificate-info';
import type { BackendDecision, PollInput } from '../../scep/backend';
import type { Db } from '../../store/prisma';
import type { LoadedAuthority } from '../ca/load-authority';
import { decisionForStored, failure, refuse } from './decisions';
import { unsafeText } from './identity/unsafe-text';

interface PollDeps {
  db: Db;
  ca: LoadedAuthority;
  now: () => Date;
}

interface StoredRequest {
  id: string;
  status: string;
  expiresAt: Date | null;
  transactionId: string;
  failureReason: string | null;
  decisionReason: string | null;
  decidedBy: string | null;
}

/** Counts a poll of a pending request, expiring it when its time is up. */
export async function recordPoll(deps: PollDeps, req: StoredRequest): Promise<BackendDecision> {
  const now = deps.now();
  if (req.status === 'PENDING' && req.expiresAt && req.expiresAt <= now) {
    await deps.db.scepRequest.updateMany({ where: { id: req.id, status: 'PENDING' }, data: { status: 'EXPIRED', pollCount: { increment: 1 }, lastPolledAt: now } });
    return failure(`the pending request expired at ${req.expiresAt.toISOString()} before an admin decided; enroll again with a new challenge`, 'badRequest', 'request expired', 'pending-expired');
  }
  await deps.db.scepRequest.update({ where: { id: req.id }, data: { pollCount: { increment: 1 }, lastPolledAt: now } });
  const fresh = await deps.db.scepRequest.findUnique({ where: { id: req.id }, include: { certificate: { select: { der: true } } } });
  return fresh ? decisionForStored(fresh, fresh.certificate?.der ?? null) : failure('request vanished while polling', 'badRequest', undefined, 'request-failed');
}

/** CertPoll / GetCertInitial: matched on transactionID and the key that signed the original request (RFC 8894 §3.3.3). */
export async function poll(deps: PollDeps, input: PollInput): Promise<BackendDecision> {
  const unsafe = unsafeText(input.transactionId);
  if (unsafe) return refuse('transaction-id-invalid', `CertPoll: the transactionID ${JSON.stringify(input.transactionId)} ${unsafe}`);
  const req = await deps.db.scepRequest.findUnique({ where: { caId_transactionId: { caId: deps.ca.id, transactionId: input.transactionId } } });
  if (!req) return failure(`CertPoll for transaction ${input.transactionId}, which Tessera has no request for`, 'badCertId', 'no such transaction', 'poll-unknown-transaction');
  const signerKey = describeCertificate(req.signerCertDer).spkiSha256Hex;
  if (input.signerPublicKeySha256 !== signerKey && input.signerPublicKeySha256 !== req.publicKeySha256) {
    return failure(`CertPoll for transaction ${input.transactionId} was signed by a different key than the original request`, 'badRequest', undefined, 'poll-signer-mismatch');
  }
  return recordPoll(deps, req);
}
