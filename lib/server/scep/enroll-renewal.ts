/**
 * Renewal: a RenewalReq, or a PKCSReq signed by a certificate this CA issued (sscep, certmonger). The signer must be
 * a current certificate inside its renewal window; the new certificate carries the signer certificate's identity
 * (the CSR may name it or less, never anything else) and supersedes it in the same transaction, so a certificate
 * renews once. Certificates that needed an admin's approval need it again, unless their template renews automatically.
 */
import { randomUUID } from 'node:crypto';
import type { SanEntry } from '../../pki/csr-types';
import type { BackendDecision, EnrollInput } from '../../scep/backend';
import { findSuccessor, supersedeCertificate } from '../../store/certificates';
import type { DbOrTx } from '../../store/prisma';
import { failure, issued, pending, refuse } from './decisions';
import type { EnrollDeps } from './enroll-deps';
import { describeIdentity, listNames, readStoredIdentity, type Identity } from './identity/identity';
import { namesOutside } from './identity/names-outside';
import { requestedIdentity } from './identity/requested-identity';
import { prepareCertificate, storeCertificate } from './issue-for-request';
import { formatPercent, renewalOpensAt } from './renewal-window';
import { newRequestData } from './request-row';
import { answerExisting, isUniqueViolation } from './stored-transaction';

class AlreadyRenewed extends Error {}

const findRenewed = (deps: EnrollDeps, serial: string) =>
  deps.db.certificate.findUnique({
    where: { caId_serial: { caId: deps.ca.id, serial } },
    include: { enrollment: { select: { email: true, template: { select: { autoRenew: true } } } } },
  });
type Renewed = NonNullable<Awaited<ReturnType<typeof findRenewed>>>;

/** The identity a certificate carries, from its row (the names Tessera issued it with). */
export function identityOfCertificate(c: { subject: string; sans: unknown }): Identity {
  return readStoredIdentity({ subject: c.subject, sans: c.sans }) ?? { subject: c.subject, sans: [] as SanEntry[] };
}

async function refusedRevoked(deps: EnrollDeps, old: Renewed): Promise<BackendDecision> {
  if (old.revocationReason !== 'superseded') {
    return refuse('renewal-signer-revoked', `renewal signed by certificate ${old.serial}, which was revoked at ${old.revokedAt?.toISOString()} (${old.revocationReason ?? 'unspecified'})`);
  }
  const successor = await findSuccessor(deps.db, deps.ca.id, old.serial);
  const by = successor ? ` by certificate ${successor.serial} at ${successor.createdAt.toISOString()}` : '';
  return refuse('renewal-superseded', `certificate ${old.serial} was already renewed${by}: a certificate renews once; renew with its successor`);
}

/** Why `old` cannot be renewed by this request now, or null. */
function renewalRefusal(deps: EnrollDeps, input: EnrollInput, old: Renewed, now: Date): BackendDecision | null {
  if (old.notAfter <= now) return refuse('renewal-signer-expired', `renewal signed by certificate ${old.serial}, which expired at ${old.notAfter.toISOString()}`);
  if (input.csr.publicKeySha256 === input.signerPublicKeySha256) return refuse('renewal-key-reused', 'renewal request re-certifies the same key; generate a new key to renew');
  const opens = renewalOpensAt(old, deps.settings.renewalWindowPercent);
  if (now < opens) {
    return refuse(
      'renewal-outside-window',
      `certificate ${old.serial} is not in its renewal window yet: it opens at ${opens.toISOString()} (the last ${formatPercent(deps.settings.renewalWindowPercent)} % of a validity ending ${old.notAfter.toISOString()})`,
    );
  }
  return null;
}

async function issueRenewal(deps: EnrollDeps, input: EnrollInput, old: Renewed, identity: Identity, now: Date): Promise<BackendDecision> {
  const cert = prepareCertificate(deps.ca, input.csr, identity, deps.settings, now);
  if (!cert.ok) return refuse('subject-invalid', `certificate ${old.serial}'s identity (${describeIdentity(identity)}) cannot be issued again: ${cert.reason}`);
  await deps.db.$transaction(async (tx: DbOrTx) => {
    if (!(await supersedeCertificate(tx, old.id, now))) throw new AlreadyRenewed();
    const request = await tx.scepRequest.create({ data: { ...newRequestData(input, deps.ca.id, identity, now), id: randomUUID(), status: 'ISSUED' }, select: { id: true } });
    await storeCertificate(tx, deps.ca, request.id, cert.certificate, { enrollmentId: old.enrollmentId, originApproval: old.originApproval });
  });
  return issued(cert.certificate.row.der);
}

export async function enrollRenewal(deps: EnrollDeps, input: EnrollInput, serial: string): Promise<BackendDecision> {
  const now = deps.now();
  const old = await findRenewed(deps, serial);
  if (!old) return refuse('renewal-signer-unknown', `renewal signed by certificate ${serial}, which this CA has no record of`);
  if (old.status === 'REVOKED') return refusedRevoked(deps, old);
  const refusal = renewalRefusal(deps, input, old, now);
  if (refusal) return refusal;

  const requested = requestedIdentity(input.csr, deps.settings.identityPolicy.maxSans);
  if (!requested.ok) return refuse(requested.code, requested.reason);
  const identity = identityOfCertificate(old);
  const outside = namesOutside(requested.identity, identity);
  if (outside.length) {
    return refuse(
      'renewal-identity-mismatch',
      `renewal of certificate ${old.serial} asks for ${describeIdentity(requested.identity)}, but a renewal keeps the renewed certificate's identity, ${describeIdentity(identity)}; not allowed: ${listNames(outside)}`,
    );
  }
  try {
    if (old.originApproval === 'MANUAL' && !old.enrollment?.template.autoRenew) {
      const expiresAt = new Date(now.getTime() + deps.settings.pendingTtlHours * 3600_000);
      await deps.db.scepRequest.create({ data: { ...newRequestData(input, deps.ca.id, identity, now), status: 'PENDING', expiresAt }, select: { id: true } });
      return pending;
    }
    return await issueRenewal(deps, input, old, identity, now);
  } catch (e) {
    if (!(isUniqueViolation(e) || e instanceof AlreadyRenewed)) throw e;
    // A retransmit of this very renewal that raced it gets its answer; anything else lost to the other renewal.
    const existing = await answerExisting(deps, input);
    if (existing) return existing;
    if (e instanceof AlreadyRenewed) {
      const fresh = await findRenewed(deps, serial);
      if (fresh) return refusedRevoked(deps, fresh);
    }
    return failure('concurrent request conflict; retry', 'badRequest', undefined, 'concurrent-conflict');
  }
}
