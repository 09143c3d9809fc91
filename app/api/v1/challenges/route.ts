import { apiRoute } from '@/lib/http/api-route';
import { createChallenge, ZCreateChallengeSchema } from '@/lib/server/challenges/create-challenge';
import { listChallenges, ZListChallengesSchema } from '@/lib/server/challenges/list-challenges';
import { scepUrl } from '@/lib/server/public-url';

export const dynamic = 'force-dynamic';

export const POST = apiRoute(
  { body: ZCreateChallengeSchema },
  async ({ input, actor, runtime }) => {
    const created = await createChallenge(runtime.db, runtime.masterKey, input, actor, { defaultTtlSeconds: runtime.env.TESSERA_CHALLENGE_TTL_SECONDS });
    return { ...created, enrollUrl: scepUrl(runtime.env) };
  },
  { status: 201 },
);

export const GET = apiRoute({ query: ZListChallengesSchema }, async ({ query, runtime }) => listChallenges(runtime, query));
