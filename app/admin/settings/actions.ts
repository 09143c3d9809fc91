'use server';

import { z } from 'zod';
import { createAdmin, ZCreateAdminSchema } from '@/lib/server/admins/create-admin';
import { deleteAdmin, disableAdmin, enableAdmin, ZAdminRefSchema } from '@/lib/server/admins/manage-admins';
import { updateScepSettings } from '@/lib/server/dashboard/update-scep-settings';
import { createApiToken, revokeApiToken, ZCreateTokenSchema } from '@/lib/server/tokens/api-tokens';
import type { ActionState } from '@/app/_components/action-state';
import { runAdminAction } from '../_lib/admin-action';

const PATH = '/admin/settings';

export async function updateScepSettingsAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAdminAction({
    path: PATH,
    // Validated by updateScepSettings, whose errors name the form fields.
    schema: z.record(z.string(), z.string()),
    form,
    run: async (fields, { actor, runtime }) => {
      await updateScepSettings(runtime, { ...fields, actor });
      return { message: 'SCEP policy saved. It applies to requests from now on.' };
    },
  });
}

export interface CreatedToken {
  name: string;
  token: string;
}

export async function createApiTokenAction(_prev: ActionState<CreatedToken>, form: FormData): Promise<ActionState<CreatedToken>> {
  return runAdminAction({
    path: PATH,
    schema: ZCreateTokenSchema,
    form,
    run: async (input, { actor, runtime }) => {
      const t = await createApiToken(runtime, { ...input, actor });
      return { message: `Token “${t.name}” created. Copy it now: it is shown only once.`, result: { name: t.name, token: t.token } };
    },
  });
}

export async function revokeApiTokenAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAdminAction({
    path: PATH,
    schema: z.object({ id: z.string().min(1).max(100) }),
    form,
    run: async ({ id }, { actor, runtime }) => {
      const t = await revokeApiToken(runtime, { id, actor });
      return { message: `Token “${t.name}” revoked.` };
    },
  });
}

export async function createAdminAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAdminAction({
    path: PATH,
    schema: ZCreateAdminSchema,
    form,
    run: async (input, { actor, runtime }) => {
      const a = await createAdmin(runtime, { ...input, name: input.name || undefined, actor });
      return { message: `Admin ${a.email} created. They can sign in now.` };
    },
  });
}

export async function disableAdminAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAdminAction({
    path: PATH,
    schema: ZAdminRefSchema,
    form,
    run: async (input, { actor, runtime }) => {
      const a = await disableAdmin(runtime, { ...input, actor });
      return { message: `Admin ${a.email} disabled. Their sessions have ended.` };
    },
  });
}

export async function enableAdminAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAdminAction({
    path: PATH,
    schema: ZAdminRefSchema,
    form,
    run: async (input, { actor, runtime }) => {
      const a = await enableAdmin(runtime, { ...input, actor });
      return { message: `Admin ${a.email} enabled. They can sign in again.` };
    },
  });
}

export async function deleteAdminAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAdminAction({
    path: PATH,
    schema: ZAdminRefSchema,
    form,
    run: async (input, { actor, runtime }) => {
      const a = await deleteAdmin(runtime, { ...input, actor });
      return { message: `Admin ${a.email} deleted.` };
    },
  });
}
