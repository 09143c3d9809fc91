import { z } from 'zod';
import { createAdmin, ZCreateAdminSchema } from '../../admins/create-admin';
import { deleteAdmin, disableAdmin, enableAdmin, ZAdminRefSchema } from '../../admins/manage-admins';
import { setAdminPassword, ZSetAdminPasswordSchema } from '../../admins/set-admin-password';
import { listAdminUsers } from '../../dashboard/admin-users';
import { defineCommand } from '../command';

const EMAIL_FLAG = { name: 'email', description: 'the admin’s sign-in e-mail' };

export const adminCreate = defineCommand({
  name: 'admin create',
  summary: 'Create a dashboard admin account.',
  flags: [
    { name: 'email', description: 'sign-in e-mail' },
    { name: 'password', description: 'password (10+ characters)' },
    { name: 'name', description: 'display name (optional)' },
  ],
  schema: ZCreateAdminSchema,
  run: (input, { runtime, actor }) => createAdmin(runtime, { ...input, actor }),
  text: (o) => `Created admin ${o.email}. Sign in at /login.`,
});

export const adminList = defineCommand({
  name: 'admin list',
  summary: 'List dashboard admins and whether they are disabled.',
  flags: [],
  schema: z.object({}),
  run: (_input, { runtime }) => listAdminUsers(runtime),
  text: (admins) =>
    admins.map((a) => `${a.email}${a.name ? ` (${a.name})` : ''}  ${a.disabled ? 'DISABLED' : 'enabled'}  last sign-in ${a.lastLoginAt ?? 'never'}`).join('\n'),
});

export const adminDisable = defineCommand({
  name: 'admin disable',
  summary: 'Disable an admin: their sessions end at once and they cannot sign in.',
  flags: [EMAIL_FLAG],
  schema: ZAdminRefSchema,
  run: (input, { runtime, actor }) => disableAdmin(runtime, { ...input, actor }),
  text: (o) => `Disabled admin ${o.email}; their sessions have ended.`,
});

export const adminEnable = defineCommand({
  name: 'admin enable',
  summary: 'Enable a disabled admin again (they sign in anew).',
  flags: [EMAIL_FLAG],
  schema: ZAdminRefSchema,
  run: (input, { runtime, actor }) => enableAdmin(runtime, { ...input, actor }),
  text: (o) => `Enabled admin ${o.email}.`,
});

export const adminDelete = defineCommand({
  name: 'admin delete',
  summary: 'Delete an admin account; their sessions end at once.',
  flags: [EMAIL_FLAG],
  schema: ZAdminRefSchema,
  run: (input, { runtime, actor }) => deleteAdmin(runtime, { ...input, actor }),
  text: (o) => `Deleted admin ${o.email}.`,
});

export const adminPassword = defineCommand({
  name: 'admin password',
  summary: 'Set a new password for an admin; sessions signed in with the old one end.',
  flags: [EMAIL_FLAG, { name: 'password', description: 'the new password (10+ characters)' }],
  schema: ZSetAdminPasswordSchema,
  run: (input, { runtime, actor }) => setAdminPassword(runtime, { ...input, actor }),
  text: (o) => `New password set for ${o.email}; their other sessions have ended.`,
});
