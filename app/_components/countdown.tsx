'use client';

import { useEffect, useState } from 'react';

function remaining(untilMs: number, nowMs: number): string {
  const s = Math.max(0, Math.round((untilMs - nowMs) / 1000));
  if (s === 0) return 'ended';
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  if (h > 0) return `${h} h ${m} min left`;
  return `${m}:${String(sec).padStart(2, '0')} left`;
}

/** Time left until `until`, ticking every second; the server renders it from `renderedAt` to match. */
export function Countdown({ until, renderedAt }: { until: string; renderedAt: string }) {
  const untilMs = new Date(until).getTime();
  const [now, setNow] = useState(() => new Date(renderedAt).getTime());
  useEffect(() => {
    setNow(Date.now());
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);
  const ended = untilMs <= now;
  return (
    <time dateTime={until} className={`whitespace-nowrap tabular-nums ${ended ? 'text-slate-500' : untilMs - now < 120_000 ? 'text-red-700' : 'text-amber-800'}`}>
      {remaining(untilMs, now)}
    </time>
  );
}
