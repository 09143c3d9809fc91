/**
 * A person asks for a device certificate from /enroll/request. Unauthenticated, so submissions are throttled per
 * e-mail address and per client address (every submission counts, not only failures).
 */
import { z } from 'zod';
import { recordAudit } from '../audit/record-audit';
import { AppError, invalid } from '../errors';
import type { Runtime } from '../runtime';
import { takeAttempt, type ThrottlePolicy } from '../throttle';
import { hashPollToken, newPollToken } from './poll-token';

export const REQUESTS_PER_EMAIL: ThrottlePolicy = { limit: 3, windowMs: 60 * 60_000 };
export const REQUESTS_PER_ADDRESS: ThrottlePolicy = { limit: 10, windowMs: 60 * 60_000 };

const NO_CONTROL = /^[^\p{Cc}]*$/u;

export const ZEnrollmentRequestFormSchema = z.object({
  name: z.string().trim().min(1, 'Please enter your name.').max(128, 'Please use at most 128 characters.').regex(NO_CONTROL, 'Please remove control characters.'),
  email: z.string().trim().max(254, 'Please use at most 254 characters.').pipe(z.email('Please enter a valid e-mail address.')),
  reason: z
    .string()
    .trim()
    .max(500, 'Please keep the reason under 500 characters.')
    .regex(/^(?:[^\p{Cc}]|[\t\r\n])*$/u, 'Please remove control characters.') // a textarea: line breaks are fine
    .optional()
    .transform((v) => (v ? v : undefined)),
});
export type EnrollmentRequestForm = z.input<typeof ZEnrollmentRequestFormSchema>;

export interface SubmittedRequest {
  id: string;
  /** The person's key to their status page. Shown once (in the redirect). */
  pollToken: string;
}

export async function submitEnrollmentRequest(
  runtime: Runtime,
  { form: input, client, now = new Date() }: { form: EnrollmentRequestForm; client: { address: string | null; userAgent: string | null }; now?: Date },
): Promise<SubmittedRequest> {
  const parsed = ZEnrollmentRequestFormSchema.safeParse(input);
  if (!parsed.success) {
    const field = parsed.error.issues[0]?.path.join('.') || 'form';
    throw invalid(`${field}: ${parsed.error.issues[0]?.message ?? 'invalid'}`, field);
  }
  const { name, email, reason } = parsed.data;
  const keys: [string, ThrottlePolicy][] = [
    [`enrollment-request:email:${email.toLowerCase()}`, REQUESTS_PER_EMAIL],
    [`enrollment-request:address:${client.address ?? 'unknown'}`, REQUESTS_PER_ADDRESS],
  ];
  // Counted before anything is written, atomically: parallel submissions cannot all slip under the limit.
  let allowed = true;
  for (const [key, policy] of keys) allowed = (await takeAttempt(runtime.db, key, policy, now)) && allowed;
  if (!allowed) throw new AppError('rate_limited', 'Too many requests from this address or for this e-mail. Please try again in an hour.');

  const pollToken = newPollToken();
  const row = await runtime.db.$transaction(async (tx) => {
    const created = await tx.enrollmentRequest.create({
      data: {
        pollTokenHash: hashPollToken(runtime.masterKey, pollToken),
        name,
        email,
        reason: reason ?? null,
        clientAddress: client.address,
        userAgent: client.userAgent?.slice(0, 500) ?? null,
        createdAt: now,
      },
    });
    await recordAudit(tx, { id: `self-service:${email}`, sourceAddress: client.address }, 'enrollment_request.submitted', created.id, { name, email });
    return created;
  });
  return { id: row.id, pollToken };
}
