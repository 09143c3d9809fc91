import { randomUUID } from 'node:crypto';
import { derToPem } from '../../pki/x509/pem';
import { filterSans, type SanPolicy } from '../../pki/x509/filter-sans';
import { issueCertificate } from '../../pki/x509/issue';
import { parseCsr } from '../../pki/x509/csr';
import { OID } from '../../pki/oids';
import type { CsrSummary, SanEntry } from '../../pki/csr-types';
import type { DbOrTx } from '../../store/prisma';
import type { LoadedAuthority } from '../ca/load-authority';
import type { ScepSettings } from './scep-settings';

export const DEFAULT_SAN_POLICY: SanPolicy = { allowedTypes: ['email', 'dns', 'upn', 'uri'] };

export const sansText = (sans: SanEntry[]): string => sans.map((s) => s.value.toLowerCase()).join(' ');

/** The SANs Tessera will put in a certificate for this CSR (policy-filtered). */
export const allowedSans = (csr: CsrSummary): SanEntry[] => filterSans(csr.sans, DEFAULT_SAN_POLICY).allowed;

/** Signs a certificate for a verified CSR and shapes the row to store, without touching the database. */
export function prepareCertificate(ca: LoadedAuthority, csr: CsrSummary, settings: ScepSettings, now: Date) {
  const sans = allowedSans(csr);
  const issued = issueCertificate({
    role: 'leaf',
    issuer: ca,
    subject: csr.subject,
    subjectKey: csr.publicKeySpki,
    sans,
    extendedKeyUsage: settings.emailProtection ? [OID.clientAuth, OID.emailProtection] : [OID.clientAuth],
    validityDays: settings.certValidityDays,
    now,
  });
  return {
    sans,
    row: {
      id: randomUUID(),
      serial: issued.serialHex,
      subject: issued.subject,
      sansText: sansText(sans),
      notBefore: issued.notBefore,
      notAfter: issued.notAfter,
      der: Buffer.from(issued.der),
      pem: derToPem(issued.der),
      sha256Fingerprint: issued.sha256Hex,
    },
  };
}

/**
 * Issues the certificate for a stored request and stores it, on `tx`, so the caller's transaction decides whether any
 * of it happened. With `markIssued` (the default) it also moves the request to ISSUED; the SCEP hot path inserts its
 * request already marked ISSUED and saves that statement.
 */
export async function issueForRequest(
  tx: DbOrTx,
  ca: LoadedAuthority,
  request: { id: string; csrDer: Uint8Array },
  settings: ScepSettings,
  opts: { enrollmentId: string | null; now: Date; /** already parsed and verified by the caller */ csr?: CsrSummary; markIssued?: boolean },
) {
  const csr = opts.csr ?? parseCsr(request.csrDer);
  const { sans, row } = prepareCertificate(ca, csr, settings, opts.now);
  const certificate = await tx.certificate.create({
    data: { ...row, caId: ca.id, sans: sans as unknown as object, requestId: request.id, enrollmentId: opts.enrollmentId },
    select: { id: true, serial: true, der: true },
  });
  if (opts.markIssued !== false) {
    await tx.scepRequest.update({ where: { id: request.id }, data: { status: 'ISSUED', sans: sans as unknown as object }, select: { id: true } });
  }
  return certificate;
}
