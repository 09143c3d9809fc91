import { createAdmin, ZCreateAdminSchema } from '../../admins/create-admin';
import { defineCommand } from '../command';

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
