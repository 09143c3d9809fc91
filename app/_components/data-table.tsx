/** Tables scroll sideways on narrow screens instead of squeezing their columns. */
export function DataTable({ label, head, children }: { label: string; head: React.ReactNode[]; children: React.ReactNode }) {
  return (
    <div className="-mx-4 overflow-x-auto sm:mx-0" tabIndex={0} role="region" aria-label={label}>
      <table className="min-w-full divide-y divide-slate-200 text-left text-sm">
        <thead>
          <tr>
            {head.map((h, i) => (
              <th key={i} scope="col" className="px-4 py-2 text-xs font-semibold tracking-wide whitespace-nowrap text-slate-500 uppercase sm:px-3 first:sm:pl-0">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">{children}</tbody>
      </table>
    </div>
  );
}

export function Td({ children, className = '' }: { children?: React.ReactNode; className?: string }) {
  return <td className={`px-4 py-2.5 align-top text-slate-700 sm:px-3 first:sm:pl-0 ${className}`}>{children}</td>;
}
