import { listScepEvents, ZListScepEventsSchema } from '../../scep/list-scep-events';
import { defineCommand } from '../command';

export const logList = defineCommand({
  name: 'log list',
  summary: 'Show the SCEP log: each exchange with its outcome and the reason in plain English.',
  flags: [
    { name: 'outcome', description: 'success, failure, pending or http-error' },
    { name: 'transactionId', description: 'one SCEP transaction' },
    { name: 'client', description: 'client address or user agent contains' },
    { name: 'pageSize', description: 'rows (default 50)' },
  ],
  schema: ZListScepEventsSchema,
  run: (input, { runtime }) => listScepEvents(runtime.db, input),
  text: (o) =>
    o.items.length
      ? o.items
          .map((e) => `${e.at}  ${e.operation}${e.messageType ? `/${e.messageType}` : ''}  ${e.outcome.toUpperCase()}${e.failInfo ? ` (${e.failInfo})` : ''}  ${e.clientAddress ?? '-'}  ${e.transactionId ?? ''}\n    ${e.reason}`)
          .join('\n')
      : 'No SCEP exchanges logged.',
});
