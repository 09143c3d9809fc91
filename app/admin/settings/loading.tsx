export default function Loading() {
  return (
    <div role="status" aria-live="polite" className="animate-pulse space-y-4">
      <span className="sr-only">Loading settings (checking the TLS certificate can take a few seconds)…</span>
      <div className="h-7 w-40 rounded bg-slate-200" />
      <div className="h-4 w-80 max-w-full rounded bg-slate-200" />
      {[0, 1, 2].map((i) => (
        <div key={i} className="h-56 rounded-lg bg-slate-200" />
      ))}
    </div>
  );
}
