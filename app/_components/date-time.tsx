/** Dates are shown in UTC, the same on the server and in every browser, with the ISO value for screen readers. */
export function formatUtc(iso: string, withSeconds = false): string {
  const d = iso.slice(0, 10);
  const t = iso.slice(11, withSeconds ? 19 : 16);
  return `${d} ${t} UTC`;
}

export function DateTime({ iso, withSeconds = false, dateOnly = false }: { iso: string | null; withSeconds?: boolean; dateOnly?: boolean }) {
  if (!iso) return <span className="text-slate-400">—</span>;
  return (
    <time dateTime={iso} className="whitespace-nowrap">
      {dateOnly ? iso.slice(0, 10) : formatUtc(iso, withSeconds)}
    </time>
  );
}

/** "in 3 days", "5 min ago": coarse, for lists. */
export function relativeTime(iso: string, now: Date): string {
  const ms = new Date(iso).getTime() - now.getTime();
  const abs = Math.abs(ms);
  const units: [number, string][] = [
    [86_400_000, 'day'],
    [3_600_000, 'hour'],
    [60_000, 'min'],
  ];
  for (const [size, name] of units) {
    if (abs >= size) {
      const n = Math.floor(abs / size);
      const label = name === 'min' ? 'min' : `${name}${n === 1 ? '' : 's'}`;
      return ms >= 0 ? `in ${n} ${label}` : `${n} ${label} ago`;
    }
  }
  return ms >= 0 ? 'in under a minute' : 'just now';
}
