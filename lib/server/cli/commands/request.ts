import { z } from 'zod';
import { approveScepRequest, rejectScepRequest } from '../../requests/decide-scep-request';
import { listScepRequests, ZListRequestsSchema } from '../../requests/list-scep-requests';
import { defineCommand } from '../command';

export const requestList = defineCommand({
  name: 'request list',
  summary: 'List SCEP requests (default: all; --status pending for the approval queue).',
  flags: [
    { name: 'status', description: 'pending, issued, rejected, failed or expired' },
    { name: 'page', description: 'page number' },
  ],
  schema: ZListRequestsSchema,
  run: (input, { runtime }) => listScepRequests(runtime, input),
  text: (o) =>
    o.items.length
      ? o.items
          .map((r) => `${r.id}  ${r.status.padEnd(8)}${r.abandoned ? ' (abandoned)' : ''}  ${r.subject}  ${r.key}  from ${r.clientAddress ?? '?'}  ${r.createdAt}${r.challengeNote ? `  "${r.challengeNote}"` : ''}`)
          .join('\n')
      : 'No requests.',
});

const ZDecide = z.object({ id: z.uuid('id must be a request id'), reason: z.string().max(500).optional() });

export const requestApprove = defineCommand({
  name: 'request approve',
  summary: 'Approve a pending SCEP request (the device gets its certificate on its next poll).',
  flags: [{ name: 'reason', description: 'optional note for the audit log' }],
  positionals: ['id'],
  schema: ZDecide,
  run: (input, { runtime, actor }) => approveScepRequest(runtime, { reason: input.reason, id: input.id, actor }),
  text: (o) => `Approved ${o.id}: certificate ${o.serial} issued.`,
});

export const requestReject = defineCommand({
  name: 'request reject',
  summary: 'Reject a pending SCEP request.',
  flags: [{ name: 'reason', description: 'why (shown in the dashboard and the audit log)' }],
  positionals: ['id'],
  schema: ZDecide,
  run: (input, { runtime, actor }) => rejectScepRequest(runtime, { reason: input.reason, id: input.id, actor }),
  text: (o) => `Rejected ${o.id}.`,
});
