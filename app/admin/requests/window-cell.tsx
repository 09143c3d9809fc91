import { Badge } from '@/app/_components/badge';
import { Countdown } from '@/app/_components/countdown';
import type { ScepRequestView } from '@/lib/server/requests/list-scep-requests';

/** How long the device keeps polling: Apple devices give up after their profile's Retries × RetryDelay. */
export function WindowCell({ request, renderedAt }: { request: ScepRequestView; renderedAt: string }) {
  if (request.abandoned) {
    return (
      <span className="flex flex-col items-start gap-1">
        <Badge tone="red">abandoned</Badge>
        <span className="text-xs text-slate-500">{request.appleClient ? 'The device stopped polling; approving will not reach it.' : 'No poll for over an hour.'}</span>
      </span>
    );
  }
  if (!request.windowEndsAt) return <span className="text-slate-400">—</span>;
  return (
    <span className="flex flex-col items-start gap-0.5">
      <Countdown until={request.windowEndsAt} renderedAt={renderedAt} />
      <span className="text-xs text-slate-500">{request.appleClient ? 'Apple device polling window' : 'until the request expires'}</span>
    </span>
  );
}
