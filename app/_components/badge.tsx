export type BadgeTone = 'green' | 'amber' | 'red' | 'slate' | 'indigo' | 'sky';

const tones: Record<BadgeTone, string> = {
  green: 'bg-emerald-50 text-emerald-800 ring-emerald-600/20',
  amber: 'bg-amber-50 text-amber-800 ring-amber-600/20',
  red: 'bg-red-50 text-red-800 ring-red-600/20',
  slate: 'bg-slate-100 text-slate-700 ring-slate-500/20',
  indigo: 'bg-indigo-50 text-indigo-800 ring-indigo-600/20',
  sky: 'bg-sky-50 text-sky-800 ring-sky-600/20',
};

export function Badge({ tone = 'slate', children }: { tone?: BadgeTone; children: React.ReactNode }) {
  return <span className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset ${tones[tone]}`}>{children}</span>;
}

const STATE_TONES: Record<string, BadgeTone> = {
  valid: 'green',
  active: 'green',
  issued: 'green',
  success: 'green',
  approved: 'green',
  unused: 'indigo',
  pending: 'amber',
  used: 'slate',
  expired: 'slate',
  failure: 'red',
  failed: 'red',
  'http-error': 'red',
  revoked: 'red',
  rejected: 'red',
  pass: 'green',
  warn: 'amber',
  fail: 'red',
};

/** A badge whose colour follows the usual meaning of a state word. */
export function StateBadge({ state }: { state: string }) {
  return <Badge tone={STATE_TONES[state] ?? 'slate'}>{state}</Badge>;
}
