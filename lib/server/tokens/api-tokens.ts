/** API tokens for integrators: shown once at creation, stored as an HMAC, revocable, last use recorded. */
import { z } from 'zod';
import { randomUrlToken } from '../../secrets/random-secret';
import { safeText } from '../../validation/safe-text';
import { recordAudit, type Actor } from '../audit/record-audit';
import type { Deps } from '../deps';
import { conflict, notFound } from '../errors';

const PURPOSE = 'api token';
export const TOKEN_PREFIX = 'tsr_';

export const ZCreateTokenSchema = z.object({ name: safeText().trim().min(1, 'name is required').max(100, 'name must be at most 100 characters') });

const view = (t: { id: string; name: string; prefix: string; createdBy: string; createdAt: Date; lastUsedAt: Date | null; revokedAt: Date | null }) => ({
  id: t.id,
  name: t.name,
  prefix: t.prefix,
  createdBy: t.createdBy,
  createdAt: t.createdAt.toISOString(),
  lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
  revokedAt: t.revokedAt?.toISOString() ?? null,
  state: t.revokedAt ? ('revoked' as const) : ('active' as const),
});
export type ApiTokenView = ReturnType<typeof view>;

export async function createApiToken({ db, masterKey }: Deps<'db' | 'masterKey'>, { actor, ...input }: z.input<typeof ZCreateTokenSchema> & { actor: Actor }) {
  const { name } = ZCreateTokenSchema.parse(input);
  const token = randomUrlToken(TOKEN_PREFIX);
  const row = await db.apiToken.create({
    data: { name, tokenHash: masterKey.hashSecret(token, PURPOSE), prefix: token.slice(0, TOKEN_PREFIX.length + 6), createdBy: actor.id },
  });
  await recordAudit(db, actor, 'token.created', row.id, { name });
  return { ...view(row), token };
}

export async function listApiTokens({ db }: Deps<'db'>): Promise<ApiTokenView[]> {
  return (await db.apiToken.findMany({ orderBy: { createdAt: 'desc' } })).map(view);
}

export async function revokeApiToken({ db }: Deps<'db'>, { id, actor }: { id: string; actor: Actor }): Promise<ApiTokenView> {
  const row = await db.apiToken.findUnique({ where: { id } });
  if (!row) throw notFound('token');
  if (row.revokedAt) throw conflict('token is already revoked');
  const updated = await db.apiToken.update({ where: { id }, data: { revokedAt: new Date() } });
  await recordAudit(db, actor, 'token.revoked', id, { name: row.name });
  return view(updated);
}

/** The actor for a presented bearer token, or null when it is unknown or revoked. */
export async function authenticateApiToken({ db, masterKey }: Deps<'db' | 'masterKey'>, { token, sourceAddress }: { token: string; sourceAddress: string | null }): Promise<Actor | null> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return null;
  const row = await db.apiToken.findUnique({ where: { tokenHash: masterKey.hashSecret(token, PURPOSE) } });
  if (!row || row.revokedAt) return null;
  // Last-use time at minute resolution: a busy integration does not write on every call.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  }
  return { id: `token:${row.name}`, sourceAddress };
}
