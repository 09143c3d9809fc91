/**
 * The identity an admin or integrator names when creating a challenge on its own (API, CLI, dashboard): a subject in
 * RFC 4514 text ("CN=kiosk-7,O=Example Corp") and SANs. Validated here as strictly as a CSR would be, so a challenge
 * can never be bound to something Tessera would refuse to issue.
 */
import { z } from 'zod';
import type { SanEntry } from '../../pki/csr-types';
import { filterSans } from '../../pki/x509/filter-sans';
import { SAN_TYPES, type Identity } from '../scep/identity/identity';
import { checkSubject, sanTextProblem } from '../scep/identity/requested-identity';

export const MAX_EXPECTED_SANS = 10;

export const ZExpectedSubjectSchema = z
  .string()
  .max(1024, 'must be at most 1024 characters')
  .transform((value, ctx) => {
    const checked = checkSubject(value.trim());
    if (checked.ok && checked.subject !== '') return checked.subject;
    ctx.addIssue({ code: 'custom', message: checked.ok ? 'must not be empty' : checked.reason });
    return z.NEVER;
  });

export const ZExpectedSanSchema = z
  .object({ type: z.enum(SAN_TYPES), value: z.string().trim().min(1, 'must not be empty').max(255, 'must be at most 255 characters') })
  .superRefine((san, ctx) => {
    const problem = sanTextProblem(san) ?? (filterSans([san], { allowedTypes: [san.type] }).refused.length ? `"${san.value}" is not a well-formed ${san.type} name` : null);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** Fields a challenge-creating schema adds; `withExpectedIdentity` checks they fit together. */
export const expectedIdentityFields = {
  /** RFC 4514 subject the certificate will carry; the CSR may name it or less, nothing else. */
  subject: ZExpectedSubjectSchema.optional(),
  sans: z.array(ZExpectedSanSchema).max(MAX_EXPECTED_SANS, `at most ${MAX_EXPECTED_SANS} SANs`).optional(),
};

export function expectedIdentityIssue(v: { subject?: string; sans?: unknown[] }, ctx: z.RefinementCtx): void {
  if (v.sans?.length && v.subject === undefined) ctx.addIssue({ code: 'custom', path: ['subject'], message: 'is required when sans are given' });
}

/** The binding these fields describe, or null for an unbound challenge. */
export function expectedIdentity(v: { subject?: string; sans?: SanEntry[] }): Identity | null {
  return v.subject === undefined ? null : { subject: v.subject, sans: v.sans ?? [] };
}

/** "email:bob@example.test, dns:host.example.test" (CLI and dashboard text) → SAN objects; zod checks them after. */
export function parseSanList(text: string): { type: string; value: string }[] {
  return text
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const colon = s.indexOf(':');
      return colon < 0 ? { type: '', value: s } : { type: s.slice(0, colon).trim().toLowerCase(), value: s.slice(colon + 1).trim() };
    });
}
