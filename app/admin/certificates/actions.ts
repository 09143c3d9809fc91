'use server';

import { z } from 'zod';
import { REVOCATION_REASONS, revokeCertificate } from '@/lib/server/certificates/certificates';
import type { ActionState } from '@/app/_components/action-state';
import { runAdminAction } from '../_lib/admin-action';

const ZRevokeForm = z.object({
  serial: z.string().min(1).max(100),
  reason: z.enum(REVOCATION_REASONS, { message: 'Choose a reason from the list' }),
  comment: z.string().trim().max(500, 'At most 500 characters').optional(),
});

export async function revokeCertificateAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const serial = String(form.get('serial') ?? '');
  return runAdminAction({
    path: '/admin/certificates',
    schema: ZRevokeForm,
    form,
    revalidate: ['/admin/certificates', `/admin/certificates/${serial}`, '/admin'],
    run: async ({ serial, reason, comment }, { actor, runtime }) => {
      const c = await revokeCertificate(runtime, { serial, reason, comment: comment || undefined, actor });
      return { message: `Certificate for “${c.subject}” revoked (${reason}).` };
    },
  });
}
