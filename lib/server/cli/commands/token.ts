import { z } from 'zod';
import { createApiToken, listApiTokens, revokeApiToken, ZCreateTokenSchema } from '../../tokens/api-tokens';
import { defineCommand } from '../command';

export const tokenCreate = defineCommand({
  name: 'token create',
  summary: 'Create an API token (printed once; stored as a hash).',
  flags: [{ name: 'name', description: 'what it is for, e.g. "mdm-integration"' }],
  schema: ZCreateTokenSchema,
  run: (input, { runtime, actor }) => createApiToken(runtime, { ...input, actor }),
  text: (o) => `${o.token}\n\n(token "${o.name}", id ${o.id}; use it as "Authorization: Bearer <token>")`,
});

export const tokenList = defineCommand({
  name: 'token list',
  summary: 'List API tokens.',
  flags: [],
  schema: z.object({}),
  run: (_input, { runtime }) => listApiTokens(runtime),
  text: (o) => (o.length ? o.map((t) => `${t.id}  ${t.state.padEnd(7)}  ${t.prefix}…  ${t.name}  last used ${t.lastUsedAt ?? 'never'}`).join('\n') : 'No tokens.'),
});

export const tokenRevoke = defineCommand({
  name: 'token revoke',
  summary: 'Revoke an API token.',
  flags: [],
  positionals: ['id'],
  schema: z.object({ id: z.uuid('id must be a token id') }),
  run: (input, { runtime, actor }) => revokeApiToken(runtime, { id: input.id, actor }),
  text: (o) => `Revoked token ${o.name}.`,
});
