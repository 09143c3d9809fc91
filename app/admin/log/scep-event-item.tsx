import Link from 'next/link';
import type { ScepEventView } from '@/lib/server/dashboard/scep-log';
import { Badge, StateBadge } from '@/app/_components/badge';
import { linkClass } from '@/app/_components/classes';
import { DateTime } from '@/app/_components/date-time';
import { ScepExplanationView } from '@/app/_components/scep-explanation';

/** One line of the timeline; non-successes open up to their explanation. */
export function ScepEventItem({ event: e }: { event: ScepEventView }) {
  const summary = (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
      <StateBadge state={e.outcome} />
      <span className="font-medium text-slate-800">{e.messageType ?? e.operation}</span>
      <span className="text-xs text-slate-500">HTTP {e.httpStatus}</span>
      {e.failInfo && <span className="font-mono text-xs text-red-700">{e.failInfo}</span>}
      {e.algorithms && <span className="text-xs text-slate-500">{e.algorithms}</span>}
      <span className="text-xs text-slate-500">
        <DateTime iso={e.createdAt} withSeconds />
      </span>
    </div>
  );
  const details = (
    <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-500">
      {e.transactionId && (
        <span className="break-all">
          txn{' '}
          <Link className={`${linkClass} font-mono`} href={`/admin/log?transactionId=${encodeURIComponent(e.transactionId)}&range=all`}>
            {e.transactionId.length > 40 ? `${e.transactionId.slice(0, 40)}…` : e.transactionId}
          </Link>
        </span>
      )}
      <span>{e.clientAddress ?? 'unknown address'}</span>
      {e.userAgent && (
        <span className="max-w-full truncate" title={e.userAgent}>
          {e.appleClient && <Badge tone="indigo">Apple</Badge>} {e.userAgent}
        </span>
      )}
      <span>{e.durationMs} ms</span>
    </div>
  );
  if (!e.explanation) {
    return (
      <li className="py-3">
        {summary}
        <p className="mt-1 text-sm text-slate-600">{e.reason}</p>
        {details}
      </li>
    );
  }
  return (
    <li className="py-3">
      <details open className="group">
        <summary className="cursor-pointer list-none rounded focus-visible:outline-2 focus-visible:outline-indigo-600 [&::-webkit-details-marker]:hidden">
          {summary}
          {details}
        </summary>
        <div className="mt-3 ml-0 border-l-2 border-indigo-100 pl-3 sm:ml-1">
          <ScepExplanationView explanation={e.explanation} />
        </div>
      </details>
    </li>
  );
}
