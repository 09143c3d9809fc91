import type { TrustCheck } from '@/lib/pki/x509/apple-trust-checks';
import { StateBadge } from './badge';

export function TrustCheckList({ checks }: { checks: TrustCheck[] }) {
  return (
    <ul className="divide-y divide-slate-100">
      {checks.map((c) => (
        <li key={c.id} className="flex items-start gap-3 py-2">
          <span className="w-12 shrink-0">
            <StateBadge state={c.status} />
          </span>
          <div className="min-w-0 text-sm">
            <p className="font-medium text-slate-800">{c.label}</p>
            <p className="text-slate-600">{c.detail}</p>
          </div>
        </li>
      ))}
    </ul>
  );
}

export function trustSummary(checks: TrustCheck[]): 'pass' | 'warn' | 'fail' {
  if (checks.some((c) => c.status === 'fail')) return 'fail';
  return checks.some((c) => c.status === 'warn') ? 'warn' : 'pass';
}
