import type { ScepExplanation } from '@/lib/server/dashboard/scep-explanations';

/** What the device showed, the server's reason, and what to fix. */
export function ScepExplanationView({ explanation }: { explanation: ScepExplanation }) {
  return (
    <div className="space-y-2 text-sm">
      <p className="text-slate-700">
        <span className="font-medium text-slate-900">Device: </span>
        {explanation.deviceShows}
      </p>
      <p className="text-slate-700">
        <span className="font-medium text-slate-900">Reason: </span>
        <span className="[overflow-wrap:anywhere]">{explanation.reason}</span>
      </p>
      {explanation.hints.length > 0 && (
        <ul className="space-y-1.5">
          {explanation.hints.map((h) => (
            <li key={h.id} className="rounded-md bg-indigo-50/60 px-3 py-2 text-slate-700 ring-1 ring-indigo-100">
              <p>{h.cause}</p>
              <p className="mt-0.5 font-medium text-indigo-900">Fix: {h.fix}</p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
