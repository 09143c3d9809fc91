/** Label/value pairs for detail views; values may be long (fingerprints) and wrap anywhere. */
export function DefinitionList({ items }: { items: [string, React.ReactNode][] }) {
  return (
    <dl className="divide-y divide-slate-100 text-sm">
      {items.map(([label, value]) => (
        <div key={label} className="grid gap-1 py-2 sm:grid-cols-[12rem_1fr] sm:gap-4">
          <dt className="font-medium text-slate-500">{label}</dt>
          <dd className="min-w-0 break-words text-slate-800 [overflow-wrap:anywhere]">{value ?? <span className="text-slate-400">—</span>}</dd>
        </div>
      ))}
    </dl>
  );
}
