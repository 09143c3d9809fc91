/** A keyboard-usable show/hide section (native <details>), for secondary forms inside table rows. */
export function Disclosure({ summary, children }: { summary: string; children: React.ReactNode }) {
  return (
    <details className="group">
      <summary className="inline-flex cursor-pointer list-none items-center gap-1 rounded-md bg-white px-2.5 py-1 text-xs font-medium text-slate-700 ring-1 ring-slate-300 ring-inset select-none hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 [&::-webkit-details-marker]:hidden">
        {summary}
        <span aria-hidden className="transition-transform group-open:rotate-180">▾</span>
      </summary>
      <div className="mt-2 w-72 max-w-[80vw]">{children}</div>
    </details>
  );
}
