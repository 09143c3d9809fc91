import type { Metadata } from 'next';
import Link from 'next/link';
import { requireAdmin } from '@/lib/auth/session';
import { EXPIRY_HORIZON_DAYS, getOverview } from '@/lib/server/dashboard/overview';
import { getRuntime } from '@/lib/server/runtime';
import { StateBadge } from '@/app/_components/badge';
import { Card } from '@/app/_components/card';
import { linkClass } from '@/app/_components/classes';
import { DataTable, Td } from '@/app/_components/data-table';
import { DateTime, relativeTime } from '@/app/_components/date-time';
import { EmptyState } from '@/app/_components/empty-state';
import { PageHeader } from '@/app/_components/page-header';
import { ScepExplanationView } from '@/app/_components/scep-explanation';
import { StatCard } from '@/app/_components/stat-card';

export const metadata: Metadata = { title: 'Overview' };
export const dynamic = 'force-dynamic';

export default async function OverviewPage() {
  await requireAdmin('/admin');
  const runtime = await getRuntime();
  const now = new Date();
  const o = await getOverview(runtime, { now });
  return (
    <>
      <PageHeader title="Overview" description="What needs attention: pending approvals, certificates about to expire and recent SCEP failures." />
      <div className="grid grid-cols-2 gap-3 sm:gap-4 lg:grid-cols-4">
        <StatCard label="Active certificates" value={o.counts.activeCertificates} href="/admin/certificates?status=valid" />
        <StatCard
          label="Pending requests"
          value={o.counts.pendingRequests + o.counts.pendingEnrollmentRequests}
          href="/admin/requests"
          tone="amber"
          hint={`${o.counts.pendingRequests} SCEP · ${o.counts.pendingEnrollmentRequests} self-service`}
        />
        <StatCard label="Challenges in use" value={o.counts.challengesInUse} href="/admin/challenges?state=unused" hint="unused and unexpired" />
        <StatCard label="SCEP failures (24 h)" value={o.counts.scepFailures24h} href="/admin/log?outcome=failure&range=24h" tone="red" />
      </div>

      <div className="mt-6 grid items-start gap-6 xl:grid-cols-2">
        <Card
          title="Expiring soon"
          description={`Valid certificates that expire within ${EXPIRY_HORIZON_DAYS} days (${o.counts.expiringSoon}).`}
          actions={<Link className={`${linkClass} text-sm`} href="/admin/certificates?status=valid">All certificates</Link>}
        >
          {o.expiringSoon.length === 0 ? (
            <EmptyState title="Nothing expires in the next 30 days." />
          ) : (
            <DataTable label="Certificates expiring soon" head={['Subject', 'Expires', 'Serial']}>
              {o.expiringSoon.map((c) => (
                <tr key={c.id}>
                  <Td className="max-w-xs break-words">
                    <Link className={linkClass} href={`/admin/certificates/${c.serial}`}>{c.subject || '(empty subject)'}</Link>
                  </Td>
                  <Td>
                    <DateTime iso={c.notAfter} dateOnly /> <span className="text-xs text-slate-500">({relativeTime(c.notAfter, now)})</span>
                  </Td>
                  <Td className="font-mono text-xs">{c.serial.slice(0, 16)}…</Td>
                </tr>
              ))}
            </DataTable>
          )}
        </Card>

        <Card
          title="Latest SCEP failures"
          description="What the device showed and what to fix."
          actions={<Link className={`${linkClass} text-sm`} href="/admin/log?outcome=failure">SCEP log</Link>}
        >
          {o.latestFailures.length === 0 ? (
            <EmptyState title="No SCEP failures recorded.">Failed enrollments will appear here with an explanation.</EmptyState>
          ) : (
            <ul className="space-y-4">
              {o.latestFailures.map((e) => (
                <li key={e.id} className="border-b border-slate-100 pb-4 last:border-0 last:pb-0">
                  <div className="mb-2 flex flex-wrap items-center gap-2 text-xs text-slate-500">
                    <StateBadge state={e.outcome} />
                    <span className="font-medium text-slate-700">{e.messageType ?? e.operation}</span>
                    {e.failInfo && <span className="font-mono">{e.failInfo}</span>}
                    <DateTime iso={e.createdAt} />
                    {e.clientAddress && <span>from {e.clientAddress}</span>}
                  </div>
                  {e.explanation && <ScepExplanationView explanation={e.explanation} />}
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </>
  );
}
