/**
 * Input validation for profile templates and the person a profile is issued to. The admin form/API reuses
 * ZProfileTemplateInputSchema, so every message reads well on its own next to the field it belongs to.
 */
import { z } from 'zod';
import { safeText } from '../validation/safe-text';
import type { ProfileIssue } from './errors';
import { expandPlaceholders, parseSubjectTemplate, SubjectTemplateError, type SubjectPlaceholder } from './subject-template';

/** Placeholders a SubjectAltName template may use. */
export const SAN_PLACEHOLDERS: readonly SubjectPlaceholder[] = ['email', 'username'];

const REVERSE_DNS = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;
const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)*[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?::\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](?::\d{1,5})?$/;
const text = (max: number) => safeText().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

const sanEntry = safeText()
  .trim()
  .min(1, 'must not be empty')
  .max(255)
  .superRefine((value, ctx) => {
    try {
      expandPlaceholders(value, { email: 'x@example.com', username: 'x' }, SAN_PLACEHOLDERS);
    } catch (e) {
      if (e instanceof SubjectTemplateError) ctx.addIssue({ code: 'custom', message: e.message });
      else throw e;
    }
  });

export const ZSanTemplateSchema = z.object({
  rfc822Name: sanEntry.optional(),
  dNSName: sanEntry.optional(),
  uniformResourceIdentifier: sanEntry.optional(),
  // [ERRATA] ntPrincipalName must be a single string (the others may be arrays); we always write single strings.
  ntPrincipalName: sanEntry.optional(),
});

export const ZEasTemplateSchema = z.object({
  host: z.string().trim().regex(HOST, 'must be a host name or IP address without scheme or path, e.g. mail.example.com'),
  // [EAS] SSL defaults to false, so it is always written.
  ssl: z.boolean().default(true),
  /** NetBIOS/AD domain. [EAS] has no Domain key: it is written as "DOMAIN\user" in UserName. */
  domain: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'must be a Windows domain name such as CORP or corp.example.com')
    .optional(),
});

export const ZWifiTemplateSchema = z.object({
  ssid: safeText()
    .min(1, 'must not be empty')
    .refine((s) => Buffer.byteLength(s, 'utf8') <= 32, 'must be at most 32 bytes (IEEE 802.11 SSID limit)'),
  // [WIFI] EncryptionType rangelist; from iOS 16 'WPA2' also joins WPA3 networks, 'WPA3' joins WPA3 only.
  encryption: z.enum(['WPA2', 'WPA3', 'Any']),
  /** RADIUS server certificate names ([WIFI] TLSTrustedServerNames, wildcards allowed). */
  trustedServerNames: z.array(text(253)).max(32).optional(),
  /** Trust the Tessera CA payload as the RADIUS server anchor ([WIFI] PayloadCertificateAnchorUUID). Turn off when
   * the RADIUS certificate comes from another CA: an anchor list that does not contain its issuer makes joins fail. */
  anchorToCa: z.boolean().default(true),
});

export const ZProfileTemplateInputSchema = z.object({
  name: text(100),
  // Also the O= value of {organization}: RFC 5280 ub-organization-name is 64.
  organization: text(64),
  identifierPrefix: z
    .string()
    .trim()
    .max(200, 'must be at most 200 characters')
    .regex(REVERSE_DNS, 'must be a reverse-DNS identifier such as com.example.tessera.mail'),
  displayName: text(100).optional(),
  description: text(1000).optional(),
  // Not trimmed: the parser drops loose spaces itself, and trimming would eat an escaped trailing space ("\ ").
  subjectTemplate: safeText()
    .superRefine((value, ctx) => {
      try {
        parseSubjectTemplate(value);
      } catch (e) {
        if (e instanceof SubjectTemplateError) ctx.addIssue({ code: 'custom', message: e.message });
        else throw e;
      }
    })
    .default('CN={email}'),
  sanTemplate: ZSanTemplateSchema.optional(),
  eas: ZEasTemplateSchema.nullable().default(null),
  wifi: ZWifiTemplateSchema.nullable().default(null),
  // [SCEP] Retries / RetryDelay (device polling while the request is PENDING); see retryPolicyFor().
  retries: z.number().int('must be a whole number').min(0).max(100),
  retryDelaySeconds: z.number().int('must be a whole number').min(1).max(3600),
});

export type ProfileTemplateInput = z.input<typeof ZProfileTemplateInputSchema>;
export type ProfileTemplate = z.output<typeof ZProfileTemplateInputSchema>;

export const ZEnrollmentPersonSchema = z.object({
  email: z.string().trim().pipe(z.email('must be an email address')),
  username: text(256).optional(),
  displayName: text(128).optional(),
});
export type EnrollmentPerson = z.input<typeof ZEnrollmentPersonSchema>;

export function zodIssues(prefix: string, error: z.ZodError): ProfileIssue[] {
  return error.issues.map((i) => ({
    path: [prefix, ...i.path.map(String)].filter(Boolean).join('.'),
    message: i.message,
  }));
}
