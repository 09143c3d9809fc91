import Link from 'next/link';

export function StatCard({ label, value, href, tone = 'slate', hint }: { label: string; value: number; href: string; tone?: 'slate' | 'amber' | 'red'; hint?: string }) {
  const color = value > 0 && tone === 'amber' ? 'text-amber-700' : value > 0 && tone === 'red' ? 'text-red-700' : 'text-slate-900';
  return (
    <Link
      href={href}
      className="block rounded-lg bg-white px-4 py-4 shadow-sm ring-1 ring-slate-200 transition hover:ring-indigo-300 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
    >
      <p className="text-sm font-medium text-slate-500">{label}</p>
      <p className={`mt-1 text-3xl font-semibold tabular-nums ${color}`}>{value}</p>
      {hint && <p className="mt-1 text-xs text-slate-500">{hint}</p>}
    </Link>
  );
}
