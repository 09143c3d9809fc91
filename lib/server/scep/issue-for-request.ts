import { derToPem } from '../../pki/x509/pem';
import { filterSans, type SanPolicy } from '../../pki/x509/filter-sans';
import { issueCertificate } from '../../pki/x509/issue-certificate';
import { parseCsr } from '../../pki/x509/parse-csr';
import type { CsrSummary, SanEntry } from '../../pki/csr-types';
import type { DbOrTx } from '../../store/prisma';
import type { LoadedAuthority } from '../ca/load-authority';
import type { ScepSettings } from './scep-settings';

export const DEFAULT_SAN_POLICY: SanPolicy = { allowedTypes: ['email', 'dns', 'upn', 'uri'] };

export const sansText = (sans: SanEntry[]): string => sans.map((s) => s.value.toLowerCase()).join(' ');

/**
 * Issues the certificate for a stored request (auto-approved now, or approved later by an admin), stores it and marks
 * the request ISSUED — all on `tx`, so the caller's transaction decides whether any of it happened.
 */
export async function issueForRequest(
  tx: DbOrTx,
  ca: LoadedAuthority,
  request: { id: string; csrDer: Uint8Array },
  settings: ScepSettings,
  opts: { enrollmentId: string | null; now: Date; /** already parsed and verified by the caller */ csr?: CsrSummary },
) {
  const csr = opts.csr ?? parseCsr(request.csrDer);
  const { allowed } = filterSans(csr.sans, DEFAULT_SAN_POLICY);
  const issued = issueCertificate({
    caCertificateDer: ca.certificateDer,
    caKey: ca.privateKey,
    csr,
    sans: allowed,
    validityDays: settings.certValidityDays,
    emailProtection: settings.emailProtection,
    now: opts.now,
  });
  // One statement: the request becomes ISSUED and its certificate is created with it.
  const updated = await tx.scepRequest.update({
    where: { id: request.id },
    data: {
      status: 'ISSUED',
      sans: allowed as unknown as object,
      certificate: {
        create: {
          caId: ca.id,
          serial: issued.serialHex,
          subject: issued.subject,
          sans: allowed as unknown as object,
          sansText: sansText(allowed),
          notBefore: issued.notBefore,
          notAfter: issued.notAfter,
          der: Buffer.from(issued.der),
          pem: derToPem(issued.der),
          sha256Fingerprint: issued.sha256Hex,
          enrollmentId: opts.enrollmentId,
        },
      },
    },
    select: { certificate: { select: { id: true, serial: true, der: true } } },
  });
  return updated.certificate!;
}
