import { apiRoute } from '@/lib/http/api-route';
import { uuidParam } from '@/lib/http/ids';
import { revokeChallenge } from '@/lib/server/challenges/revoke-challenge';

export const dynamic = 'force-dynamic';

/** Revokes an unused challenge (409 when it was already used or revoked). */
export const DELETE = apiRoute({}, async ({ params, actor, runtime }) => revokeChallenge(runtime, { id: uuidParam(params.id, 'challenge'), actor }));
