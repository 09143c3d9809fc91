'use server';

import { z } from 'zod';
import { approveEnrollmentRequest, rejectEnrollmentRequest } from '@/lib/server/enrollment-requests';
import { approveScepRequest, rejectScepRequest, ZDecisionSchema } from '@/lib/server/requests/decide-scep-request';
import type { ActionState } from '@/app/_components/action-state';
import { runAdminAction } from '../_lib/admin-action';

const PATH = '/admin/requests';
const ZIdSchema = z.object({ id: z.string().min(1).max(100) });
const ZApproveForm = ZDecisionSchema.extend(ZIdSchema.shape);
const ZRejectForm = ZIdSchema.extend({ reason: z.string().trim().min(1, 'Give a reason').max(500, 'At most 500 characters') });

/** The list, the request's own page and the overview counts all change with a decision. */
const pagesOf = (form: FormData) => [PATH, `${PATH}/${String(form.get('id') ?? '')}`, '/admin'];

export async function approveScepRequestAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAdminAction({
    path: PATH,
    schema: ZApproveForm,
    form,
    revalidate: pagesOf(form),
    run: async ({ id, reason }, { actor, runtime }) => {
      const r = await approveScepRequest(runtime, { reason, id, actor });
      return { message: `Approved: certificate ${r.serial.slice(0, 12)}… is ready for the device’s next poll.` };
    },
  });
}

export async function rejectScepRequestAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAdminAction({
    path: PATH,
    schema: ZRejectForm,
    form,
    revalidate: pagesOf(form),
    run: async ({ id, reason }, { actor, runtime }) => {
      await rejectScepRequest(runtime, { reason, id, actor });
      return { message: 'Rejected. The device is told on its next poll.' };
    },
  });
}

export async function approveEnrollmentRequestAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAdminAction({
    path: PATH,
    schema: ZIdSchema,
    form,
    revalidate: [PATH, '/admin', '/admin/challenges'],
    run: async ({ id }, { actor, runtime }) => {
      const r = await approveEnrollmentRequest(runtime, { id, actor });
      return { message: `Approved: ${r.email} can now download the profile from their request page.` };
    },
  });
}

export async function rejectEnrollmentRequestAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAdminAction({
    path: PATH,
    schema: ZRejectForm,
    form,
    revalidate: [PATH, '/admin'],
    run: async ({ id, reason }, { actor, runtime }) => {
      const r = await rejectEnrollmentRequest(runtime, { reason, id, actor });
      return { message: `Rejected the request from ${r.email}.` };
    },
  });
}
