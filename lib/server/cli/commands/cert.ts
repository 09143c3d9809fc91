import { z } from 'zod';
import { getCertificateDetail, listCertificates, revokeCertificate, REVOCATION_REASONS, ZListCertificatesSchema } from '../../certificates/certificates';
import { defineCommand } from '../command';

export const certList = defineCommand({
  name: 'cert list',
  summary: 'Search issued certificates (subject, SAN, serial).',
  flags: [
    { name: 'q', description: 'search text' },
    { name: 'status', description: 'valid, expired or revoked' },
    { name: 'page', description: 'page number' },
  ],
  schema: ZListCertificatesSchema,
  run: (input, { runtime }) => listCertificates(runtime, input),
  text: (o) => (o.items.length ? o.items.map((c) => `${c.serial}  ${c.status.padEnd(7)}  ${c.subject}  until ${c.notAfter}`).join('\n') : 'No certificates.'),
});

export const certShow = defineCommand({
  name: 'cert show',
  summary: 'Show one certificate (with --json for all fields, incl. PEM).',
  flags: [],
  positionals: ['serial'],
  schema: z.object({ serial: z.string().min(1, 'serial is required') }),
  run: (input, { runtime }) => getCertificateDetail(runtime, { serial: input.serial }),
  text: (o) =>
    [
      `Subject:   ${o.subject}`,
      `Issuer:    ${o.issuer}`,
      `Serial:    ${o.serial}`,
      `Status:    ${o.status}${o.revokedAt ? ` (${o.revocationReason} at ${o.revokedAt})` : ''}`,
      `Valid:     ${o.notBefore} → ${o.notAfter}`,
      `SANs:      ${o.sans.map((s) => `${s.type}:${s.value}`).join(', ') || '-'}`,
      `Key:       ${o.key}, ${o.signatureAlgorithm}`,
      `SHA-256:   ${o.sha256}`,
      '',
      o.pem.trim(),
    ].join('\n'),
});

export const certRevoke = defineCommand({
  name: 'cert revoke',
  summary: 'Revoke a certificate.',
  flags: [{ name: 'reason', description: REVOCATION_REASONS.join(', ') }],
  positionals: ['serial'],
  schema: z.object({ serial: z.string().min(1, 'serial is required'), reason: z.enum(REVOCATION_REASONS).default('unspecified') }),
  run: (input, { runtime, actor }) => revokeCertificate(runtime, { serial: input.serial, reason: input.reason, actor }),
  text: (o) => `Revoked ${o.serial} (${o.revocationReason}).`,
});
