import { z } from 'zod';
import { createChallenge } from '../../challenges/create-challenge';
import { parseSanList, ZExpectedSanSchema, ZExpectedSubjectSchema } from '../../challenges/expected-identity';
import { describeIdentity } from '../../scep/identity/identity';
import { listChallenges, ZListChallengesSchema, type ChallengeView } from '../../challenges/list-challenges';
import { revokeChallenge } from '../../challenges/revoke-challenge';
import { scepUrl } from '../../public-url';
import { defineCommand } from '../command';

/** "90m", "1h", "2d", "3600" (seconds) → seconds. */
export const ZDuration = z
  .string()
  .regex(/^\d+\s*[smhd]?$/i, 'duration must look like 3600, 90m, 1h or 2d')
  .transform((v) => {
    const n = Number.parseInt(v, 10);
    const unit = v.trim().slice(-1).toLowerCase();
    return n * ({ s: 1, m: 60, h: 3600, d: 86400 }[unit] ?? 1);
  });

export const challengeCreate = defineCommand({
  name: 'challenge create',
  summary: 'Create a one-time SCEP challenge (printed once).',
  flags: [
    { name: 'ttl', description: 'lifetime: 3600, 90m, 1h, 2d (default 1h)' },
    { name: 'approval', description: 'auto (issue at once) or manual (PENDING until an admin approves)' },
    { name: 'note', description: 'free text, e.g. the user e-mail' },
    { name: 'subject', description: 'bind the challenge: the certificate subject, e.g. "CN=kiosk-7,O=Example Corp"' },
    { name: 'san', description: 'with --subject: SANs, e.g. "dns:kiosk-7.example.com,email:ops@example.com"' },
  ],
  schema: z.object({
    ttl: ZDuration.optional(),
    approval: z.enum(['auto', 'manual']).default('auto'),
    note: z.string().max(500).optional(),
    subject: ZExpectedSubjectSchema.optional(),
    san: z.string().transform(parseSanList).pipe(z.array(ZExpectedSanSchema)).optional(),
  }),
  async run(input, { runtime, actor }) {
    const created = await createChallenge(
      runtime.db,
      runtime.masterKey,
      { ttlSeconds: input.ttl, approval: input.approval, note: input.note, subject: input.subject, sans: input.san },
      actor,
      { defaultTtlSeconds: runtime.env.TESSERA_CHALLENGE_TTL_SECONDS },
    );
    return { ...created, scepUrl: scepUrl(runtime.env) };
  },
  text: (o) =>
    `${o.challenge}\n\n(${o.approval} approval, expires ${o.expiresAt}; SCEP URL ${o.scepUrl}; id ${o.id})\n` +
    (o.identity ? `Bound to ${describeIdentity(o.identity)}: requests naming anything else are refused.` : 'Unbound: the identity policy (settings scep) decides what it may issue.'),
});

const row = (c: ChallengeView) => `${c.id}  ${c.state.padEnd(7)}  ${c.approval.padEnd(6)}  expires ${c.expiresAt}  ${c.note ?? ''}`;

export const challengeList = defineCommand({
  name: 'challenge list',
  summary: 'List challenges (never their secrets).',
  flags: [
    { name: 'state', description: 'unused, used, expired or revoked' },
    { name: 'page', description: 'page number' },
  ],
  schema: ZListChallengesSchema,
  run: (input, { runtime }) => listChallenges(runtime, input),
  text: (o) => (o.items.length ? [...o.items.map(row), `(${o.items.length} of ${o.total})`].join('\n') : 'No challenges.'),
});

export const challengeRevoke = defineCommand({
  name: 'challenge revoke',
  summary: 'Revoke an unused challenge.',
  flags: [],
  positionals: ['id'],
  schema: z.object({ id: z.uuid('id must be a challenge id') }),
  run: (input, { runtime, actor }) => revokeChallenge(runtime, { id: input.id, actor }),
  text: (o) => `Revoked challenge ${o.id}.`,
});
