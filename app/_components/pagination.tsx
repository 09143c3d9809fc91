import Link from 'next/link';
import { linkClass } from './classes';

/** Previous/next links that keep the page's other query parameters. */
export function Pagination({ page, pageSize, total, basePath, query }: { page: number; pageSize: number; total: number; basePath: string; query: Record<string, string | undefined> }) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return total > 0 ? <p className="mt-3 text-xs text-slate-500">{total} shown</p> : null;
  const href = (p: number) => {
    const params = new URLSearchParams(Object.entries({ ...query, page: String(p) }).filter((e): e is [string, string] => !!e[1]));
    return `${basePath}?${params}`;
  };
  return (
    <nav aria-label="Pagination" className="mt-4 flex items-center justify-between gap-3 text-sm">
      <p className="text-slate-500">
        Page {page} of {pages} · {total} total
      </p>
      <div className="flex gap-3">
        {page > 1 ? <Link className={linkClass} href={href(page - 1)}>← Newer</Link> : <span className="text-slate-300">← Newer</span>}
        {page < pages ? <Link className={linkClass} href={href(page + 1)}>Older →</Link> : <span className="text-slate-300">Older →</span>}
      </div>
    </nav>
  );
}
