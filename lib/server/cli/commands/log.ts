import { listScepEvents, ZScepLogQuerySchema } from '../../dashboard/scep-log';
import { defineCommand } from '../command';

export const logList = defineCommand({
  name: 'log list',
  summary: 'Show the SCEP log: each exchange, its outcome, the reason and what the device showed.',
  flags: [
    { name: 'outcome', description: 'success, failure, pending or http-error' },
    { name: 'operation', description: 'GetCACaps, GetCACert or PKIOperation' },
    { name: 'transactionId', description: 'one SCEP transaction' },
    { name: 'client', description: 'client address or user agent contains' },
    { name: 'range', description: '1h, 24h, 7d (default) or all' },
    { name: 'pageSize', description: 'rows (default 50)' },
  ],
  schema: ZScepLogQuerySchema,
  run: (input, { runtime }) => listScepEvents(runtime, input),
  text: (o) =>
    o.items.length
      ? o.items
          .map((e) =>
            [
              `${e.createdAt}  ${e.operation}${e.messageType ? `/${e.messageType}` : ''}  ${e.outcome.toUpperCase()}${e.failInfo ? ` (${e.failInfo})` : ''}  ${e.clientAddress ?? '-'}  ${e.transactionId ?? ''}`,
              `    ${e.reason}`,
              ...(e.explanation ? [`    device shows: ${e.explanation.deviceShows}`] : []),
            ].join('\n'),
          )
          .join('\n')
      : 'No SCEP exchanges logged in this range.',
});
