import { randomUUID } from 'node:crypto';
import type { CsrSummary, SanEntry } from '../../pki/csr-types';
import { IssueError, NameError } from '../../pki/errors';
import { OID } from '../../pki/oids';
import { issueCertificate } from '../../pki/x509/issue';
import { derToPem } from '../../pki/x509/pem';
import type { ApprovalMode, DbOrTx } from '../../store/prisma';
import type { LoadedAuthority } from '../ca/load-authority';
import type { Identity } from './identity/identity';
import type { ScepSettings } from './scep-settings';

export const sansText = (sans: SanEntry[]): string => sans.map((s) => s.value.toLowerCase()).join(' ');

/** The part of a verified CSR a certificate is made from: its key. Names come from the identity Tessera decided on. */
export type IssuingKey = Pick<CsrSummary, 'publicKeySpki' | 'keyType'>;

export type PreparedCertificate = ReturnType<typeof signFor>;

function signFor(ca: LoadedAuthority, key: IssuingKey, identity: Identity, settings: ScepSettings, now: Date) {
  const issued = issueCertificate({
    role: 'leaf',
    issuer: ca,
    // Tessera's DN encoder writes the subject; nothing of the CSR's own subject bytes is copied.
    subject: identity.subject,
    subjectKey: key.publicKeySpki,
    sans: identity.sans,
    extendedKeyUsage: settings.emailProtection ? [OID.clientAuth, OID.emailProtection] : [OID.clientAuth],
    validityDays: settings.certValidityDays,
    now,
  });
  return {
    sans: identity.sans,
    row: {
      id: randomUUID(),
      serial: issued.serialHex,
      subject: issued.subject,
      sansText: sansText(identity.sans),
      notBefore: issued.notBefore,
      notAfter: issued.notAfter,
      der: Buffer.from(issued.der),
      pem: derToPem(issued.der),
      sha256Fingerprint: issued.sha256Hex,
    },
  };
}

/** Signs a certificate for `identity` over `key` and shapes the row to store, or says why it cannot be issued. */
export function prepareCertificate(
  ca: LoadedAuthority,
  key: IssuingKey,
  identity: Identity,
  settings: ScepSettings,
  now: Date,
): { ok: true; certificate: PreparedCertificate } | { ok: false; reason: string } {
  try {
    return { ok: true, certificate: signFor(ca, key, identity, settings, now) };
  } catch (e) {
    if (e instanceof IssueError || e instanceof NameError) return { ok: false, reason: e.message };
    throw e;
  }
}

/** Inserts a prepared certificate for `requestId` on `tx` (the caller's transaction decides whether it happened). */
export function storeCertificate(
  tx: DbOrTx,
  ca: LoadedAuthority,
  requestId: string,
  prepared: PreparedCertificate,
  opts: { enrollmentId: string | null; originApproval: ApprovalMode },
) {
  return tx.certificate.create({
    data: { ...prepared.row, caId: ca.id, sans: prepared.sans as unknown as object, requestId, enrollmentId: opts.enrollmentId, originApproval: opts.originApproval },
    select: { id: true, serial: true, der: true },
  });
}
