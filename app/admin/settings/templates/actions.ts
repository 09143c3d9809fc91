'use server';

import { z } from 'zod';
import { createTemplate, updateTemplate } from '@/lib/server/templates';
import type { ActionState } from '@/app/_components/action-state';
import { runAdminAction } from '../../_lib/admin-action';
import { templateBodyFromForm } from './template-form-data';

const ZFields = z.record(z.string(), z.string());

export async function saveTemplateAction(_prev: ActionState<{ id: string }>, form: FormData): Promise<ActionState<{ id: string }>> {
  const id = String(form.get('id') ?? '');
  return runAdminAction({
    path: id ? `/admin/settings/templates/${id}` : '/admin/settings/templates/new',
    schema: ZFields,
    form,
    revalidate: ['/admin/settings', '/admin/challenges', ...(id ? [`/admin/settings/templates/${id}`] : [])],
    run: async (fields, { actor, runtime }) => {
      const body = templateBodyFromForm(fields);
      const t = id ? await updateTemplate(runtime, { id, body, actor }) : await createTemplate(runtime, { body, actor });
      return { message: `Template “${t.name}” saved. New profile downloads use it now.`, result: { id: t.id } };
    },
  });
}
