'use server';

import QRCode from 'qrcode';
import { z } from 'zod';
import { createChallenge, ZCreateChallengeSchema, type CreatedChallenge } from '@/lib/server/challenges/create-challenge';
import { parseSanList } from '@/lib/server/challenges/expected-identity';
import { revokeChallenge } from '@/lib/server/challenges/revoke-challenge';
import { createEnrollment, revokeEnrollment, ZCreateEnrollmentSchema } from '@/lib/server/enrollments';
import type { ActionState } from '@/app/_components/action-state';
import { runAdminAction } from '../_lib/admin-action';

const PATH = '/admin/challenges';
const ZId = z.object({ id: z.string().min(1).max(100) });

export interface CreatedEnrollmentResult {
  id: string;
  email: string;
  enrollUrl: string;
  expiresAt: string;
  qrDataUrl: string;
  downloadPath: string;
}

/** The form's text fields; the expected identity is optional ("" = unbound) and its SANs one per line. */
const ZChallengeFormSchema = z
  .object({ ttlSeconds: z.string().optional(), approval: z.string().optional(), note: z.string().optional(), subject: z.string().optional(), sans: z.string().optional() })
  .transform((f) => ({
    ttlSeconds: f.ttlSeconds,
    approval: f.approval,
    note: f.note,
    subject: f.subject?.trim() ? f.subject : undefined,
    sans: f.sans?.trim() ? parseSanList(f.sans) : undefined,
  }));

export async function createChallengeAction(_prev: ActionState<CreatedChallenge>, form: FormData): Promise<ActionState<CreatedChallenge>> {
  return runAdminAction({
    path: PATH,
    schema: ZChallengeFormSchema,
    form,
    run: async (fields, { actor, runtime }) => {
      const input = ZCreateChallengeSchema.parse(fields);
      const created = await createChallenge(runtime.db, runtime.masterKey, input, actor, { defaultTtlSeconds: runtime.env.TESSERA_CHALLENGE_TTL_SECONDS });
      return { message: 'Challenge created. Copy it now: it is shown only once.', result: created };
    },
  });
}

export async function revokeChallengeAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAdminAction({
    path: PATH,
    schema: ZId,
    form,
    run: async ({ id }, { actor, runtime }) => {
      await revokeChallenge(runtime, { id, actor });
      return { message: 'Challenge revoked.' };
    },
  });
}

export async function createEnrollmentAction(_prev: ActionState<CreatedEnrollmentResult>, form: FormData): Promise<ActionState<CreatedEnrollmentResult>> {
  return runAdminAction({
    path: PATH,
    schema: ZCreateEnrollmentSchema,
    form,
    run: async (input, { actor, runtime }) => {
      const created = await createEnrollment(runtime, { ...input, actor });
      const qrDataUrl = await QRCode.toDataURL(created.enrollUrl, { margin: 1, width: 240, errorCorrectionLevel: 'M' });
      return {
        message: `Enrollment link for ${input.email} created.`,
        result: {
          id: created.id,
          email: input.email,
          enrollUrl: created.enrollUrl,
          expiresAt: created.expiresAt,
          qrDataUrl,
          downloadPath: `/api/v1/enrollments/${created.id}/profile`,
        },
      };
    },
  });
}

export async function revokeEnrollmentAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAdminAction({
    path: PATH,
    schema: ZId,
    form,
    run: async ({ id }, { actor, runtime }) => {
      const revoked = await revokeEnrollment(runtime, { id, actor });
      return { message: `Enrollment link for ${revoked.email} revoked.` };
    },
  });
}
