/**
 * The body of POST/PUT /api/v1/templates: a profile template (lib/profile's schema, so messages name the field) with
 * SCEP retries defaulting to the auto-approval policy, plus whether it is the default for new enrollments.
 */
import { z } from 'zod';
import { retryPolicyFor } from '../../profile/retry-policy';
import { ZProfileTemplateInputSchema, type ProfileTemplate } from '../../profile/template-schema';
import { invalid } from '../errors';

const AUTO = retryPolicyFor('auto');

export const ZTemplateBodySchema = ZProfileTemplateInputSchema.extend({
  retries: ZProfileTemplateInputSchema.shape.retries.default(AUTO.retries),
  retryDelaySeconds: ZProfileTemplateInputSchema.shape.retryDelaySeconds.default(AUTO.retryDelaySeconds),
  isDefault: z.boolean().optional(),
  /** Renewals of certificates enrolled with this template are issued at once, even when enrollment needed approval. */
  autoRenew: z.boolean().optional(),
});
export type TemplateBody = z.input<typeof ZTemplateBodySchema>;

/** Parses a body or throws AppError('validation') whose message and `field` name the first bad field. */
export function parseTemplateBody(input: unknown): { config: ProfileTemplate; isDefault: boolean | undefined; autoRenew: boolean } {
  const parsed = ZTemplateBodySchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') || 'body';
    throw invalid(`${field}: ${issue?.message ?? 'invalid'}`, field);
  }
  const { isDefault, autoRenew, ...config } = parsed.data;
  return { config, isDefault, autoRenew: autoRenew ?? false };
}
