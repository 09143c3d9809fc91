/** CLI: enrollment links and profile templates (`tessera enrollment create|list|revoke`, `tessera template list`). */
import { z } from 'zod';
import { createEnrollment } from '../../enrollments/create-enrollment';
import { ENROLLMENT_STATES } from '../../enrollments/enrollment-state';
import { listEnrollments } from '../../enrollments/list-enrollments';
import { revokeEnrollment } from '../../enrollments/revoke-enrollment';
import { listTemplates } from '../../templates/list-templates';
import { defineCommand } from '../command';

const UNIT_SECONDS = { s: 1, m: 60, h: 3600, d: 86400 } as const;

/** "3600", "90m", "12h", "7d" → seconds. */
const ZDuration = z
  .string()
  .trim()
  .regex(/^\d+[smhd]?$/, 'must be seconds or a number with s, m, h or d (e.g. 7d)')
  .transform((v) => {
    const unit = /[smhd]$/.test(v) ? (v.slice(-1) as keyof typeof UNIT_SECONDS) : 's';
    return Number.parseInt(v, 10) * UNIT_SECONDS[unit];
  });

export const enrollmentCreate = defineCommand({
  name: 'enrollment create',
  summary: 'Create an enrollment link for one person (the link is shown once).',
  flags: [
    { name: 'email', description: 'the person’s e-mail address (certificate subject and Exchange account)' },
    { name: 'username', description: 'login name, if the template uses {username} (optional)' },
    { name: 'name', description: 'display name (optional)' },
    { name: 'template', description: 'template id or name (default: the default template)' },
    { name: 'approval', description: 'auto (default) or manual: an admin approves each certificate' },
    { name: 'ttl', description: 'link lifetime, e.g. 7d (default), 12h, 3600' },
    { name: 'max-downloads', description: 'how often the profile may be downloaded (default 3)' },
  ],
  schema: z.object({
    email: z.string({ error: 'is required' }),
    username: z.string().optional(),
    name: z.string().optional(),
    template: z.string().optional(),
    approval: z.enum(['auto', 'manual']).optional(),
    ttl: ZDuration.optional(),
    'max-downloads': z.coerce.number().int().optional(),
  }),
  run: (i, { runtime, actor }) =>
    createEnrollment(runtime, { email: i.email, username: i.username, displayName: i.name, template: i.template, approval: i.approval, ttlSeconds: i.ttl, maxDownloads: i['max-downloads'], actor }),
  text: (o) =>
    [
      `Enrollment ${o.id} created; the link works until ${o.expiresAt}.`,
      `Send this link to the person (it is shown only once):`,
      `  ${o.enrollUrl}`,
      `Direct profile download: ${o.profileUrl}`,
    ].join('\n'),
});

export const enrollmentList = defineCommand({
  name: 'enrollment list',
  summary: 'List enrollment links, newest first.',
  flags: [
    { name: 'state', description: `only ${ENROLLMENT_STATES.join(', ')}` },
    { name: 'email', description: 'only addresses containing this text' },
  ],
  schema: z.object({ state: z.enum(ENROLLMENT_STATES).optional(), email: z.string().optional() }),
  run: (i, { runtime }) => listEnrollments(runtime, i),
  text: (rows) =>
    rows.length === 0
      ? 'No enrollments.'
      : rows
          .map((e) => `${e.id}  ${e.state.padEnd(7)}  ${e.email}  downloads ${e.downloads}/${e.maxDownloads}  ${e.approval}  expires ${e.expiresAt}  (${e.template.name ?? e.template.id})`)
          .join('\n'),
});

export const enrollmentRevoke = defineCommand({
  name: 'enrollment revoke',
  summary: 'Revoke an enrollment link and the unused challenges of its downloaded profiles.',
  flags: [],
  positionals: ['id'],
  schema: z.object({ id: z.string({ error: 'give the enrollment id' }) }),
  run: (i, { runtime, actor }) => revokeEnrollment(runtime, { id: i.id, actor }),
  text: (e) => `Revoked enrollment ${e.id} (${e.email}).`,
});

export const templateList = defineCommand({
  name: 'template list',
  summary: 'List profile templates (creates the default template on first use).',
  flags: [],
  schema: z.object({}),
  run: (_i, { runtime }) => listTemplates(runtime),
  text: (rows) =>
    rows
      .map((t) => {
        const extras = [t.config.eas && `Exchange ${t.config.eas.host}`, t.config.wifi && `Wi-Fi ${t.config.wifi.ssid}`].filter(Boolean).join(', ');
        return `${t.id}  ${t.isDefault ? '*' : ' '} ${t.name}  (${t.config.organization}, ${t.config.identifierPrefix}${extras ? `, ${extras}` : ''})`;
      })
      .join('\n'),
});
