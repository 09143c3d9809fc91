import Link from 'next/link';
import { buttonClass, inputClass, linkClass } from './classes';

export interface FilterControl {
  name: string;
  label: string;
  /** A select when options are given; a search box otherwise. */
  options?: { value: string; label: string }[];
  placeholder?: string;
  value?: string;
}

/** A GET form: filters live in the URL, so they can be bookmarked and work without JavaScript. */
export function FilterForm({ action, controls, hidden = {}, resetHref }: { action: string; controls: FilterControl[]; hidden?: Record<string, string | undefined>; resetHref?: string }) {
  return (
    <form method="get" action={action} className="mb-4 flex flex-wrap items-end gap-3" role="search">
      {Object.entries(hidden).map(([k, v]) => (v ? <input key={k} type="hidden" name={k} value={v} /> : null))}
      {controls.map((c) => (
        <div key={c.name} className={c.options ? 'w-full sm:w-44' : 'w-full sm:w-64'}>
          <label htmlFor={`filter-${c.name}`} className="block text-xs font-medium text-slate-600">
            {c.label}
          </label>
          {c.options ? (
            <select id={`filter-${c.name}`} name={c.name} defaultValue={c.value ?? ''} className={`${inputClass} mt-1`}>
              {c.options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          ) : (
            <input id={`filter-${c.name}`} type="search" name={c.name} defaultValue={c.value ?? ''} placeholder={c.placeholder} className={`${inputClass} mt-1`} />
          )}
        </div>
      ))}
      <button type="submit" className={buttonClass.secondary}>
        Apply
      </button>
      {resetHref && (
        <Link href={resetHref} className={`${linkClass} py-2 text-sm`}>
          Reset
        </Link>
      )}
    </form>
  );
}
