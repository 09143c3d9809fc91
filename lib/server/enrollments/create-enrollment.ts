/**
 * Creates an enrollment link for one person. The token is returned once (in the URLs); only its hash is stored.
 * Approval-created enrollments (self-service) pass their own derived token through `insertEnrollment`.
 */
import { z } from 'zod';
import { ZEnrollmentPersonSchema } from '../../profile/template-schema';
import type { DbOrTx } from '../../store/prisma';
import { recordAudit, type Actor } from '../audit/record-audit';
import { AppError, invalid } from '../errors';
import type { Runtime } from '../runtime';
import { resolveTemplate } from '../templates/get-template';
import { templateConfig, type TemplateRow } from '../templates/template-view';
import { hashEnrollmentToken, newEnrollmentToken } from './enrollment-token';
import { assertPersonFitsTemplate } from './person-fits-template';
import { enrollUrlFor, profileUrlFor } from './public-url';

export const DEFAULT_ENROLLMENT_TTL_SECONDS = 7 * 86400;
export const DEFAULT_MAX_DOWNLOADS = 3;

/** Forms and the CLI send "" for an untouched optional field. */
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' || v === null ? undefined : v), schema.optional());

export const ZCreateEnrollmentSchema = z.object({
  email: ZEnrollmentPersonSchema.shape.email,
  username: optional(ZEnrollmentPersonSchema.shape.username.unwrap()),
  displayName: optional(ZEnrollmentPersonSchema.shape.displayName.unwrap()),
  /** Template id or name; the default template when omitted. */
  template: optional(z.string().trim().min(1).max(100)),
  approval: z.enum(['auto', 'manual']).default('auto'),
  ttlSeconds: z.coerce
    .number()
    .int('must be a whole number of seconds')
    .min(300, 'must be at least 300 seconds')
    .max(90 * 86400, 'must be at most 90 days')
    .default(DEFAULT_ENROLLMENT_TTL_SECONDS),
  maxDownloads: z.coerce.number().int('must be a whole number').min(1, 'must be at least 1').max(20, 'must be at most 20').default(DEFAULT_MAX_DOWNLOADS),
});
export type CreateEnrollmentInput = z.input<typeof ZCreateEnrollmentSchema>;
type ParsedInput = z.output<typeof ZCreateEnrollmentSchema>;

export interface CreatedEnrollment {
  id: string;
  /** Shown once. */
  token: string;
  enrollUrl: string;
  profileUrl: string;
  expiresAt: string;
}

/** Inserts the row and its audit entry; the caller owns the transaction and has validated `input` and `template`. */
export async function insertEnrollment(
  tx: DbOrTx,
  runtime: Runtime,
  input: ParsedInput,
  template: TemplateRow,
  actor: Actor,
  opts: { token?: string; now?: Date } = {},
): Promise<CreatedEnrollment> {
  const token = opts.token ?? newEnrollmentToken();
  const now = opts.now ?? new Date();
  const expiresAt = new Date(now.getTime() + input.ttlSeconds * 1000);
  const row = await tx.enrollment.create({
    data: {
      tokenHash: hashEnrollmentToken(runtime.masterKey, token),
      email: input.email,
      username: input.username ?? null,
      displayName: input.displayName ?? null,
      templateId: template.id,
      approval: input.approval === 'manual' ? 'MANUAL' : 'AUTO',
      maxDownloads: input.maxDownloads,
      expiresAt,
      createdBy: actor.id,
      createdAt: now,
    },
  });
  await recordAudit(tx, actor, 'enrollment.created', row.id, {
    email: row.email,
    template: template.name,
    approval: input.approval,
    maxDownloads: row.maxDownloads,
    expiresAt: expiresAt.toISOString(),
  });
  return { id: row.id, token, enrollUrl: enrollUrlFor(runtime.env, token), profileUrl: profileUrlFor(runtime.env, token), expiresAt: expiresAt.toISOString() };
}

/** Resolves the template (a bad reference is a 400 on the `template` field) and checks the person fits it. */
export async function prepareEnrollment(runtime: Runtime, input: ParsedInput): Promise<TemplateRow> {
  let template: TemplateRow;
  try {
    template = await resolveTemplate(runtime, { ref: input.template });
  } catch (e) {
    if (e instanceof AppError && e.code === 'not_found') throw invalid(`template: no template with id or name "${input.template}"`, 'template');
    throw e;
  }
  assertPersonFitsTemplate(templateConfig(template), input);
  return template;
}

export async function createEnrollment(runtime: Runtime, { actor, ...rawInput }: CreateEnrollmentInput & { actor: Actor }): Promise<CreatedEnrollment> {
  const parsed = ZCreateEnrollmentSchema.safeParse(rawInput);
  if (!parsed.success) {
    const field = parsed.error.issues[0]?.path.join('.') || 'body';
    throw invalid(`${field}: ${parsed.error.issues[0]?.message ?? 'invalid'}`, field);
  }
  const template = await prepareEnrollment(runtime, parsed.data);
  return runtime.db.$transaction((tx) => insertEnrollment(tx, runtime, parsed.data, template, actor));
}
