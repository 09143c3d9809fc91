import type { Metadata } from 'next';
import Link from 'next/link';
import { requireAdmin } from '@/lib/auth/session';
import { listEnrollmentRequests } from '@/lib/server/enrollment-requests';
import { listScepRequests } from '@/lib/server/requests/list-scep-requests';
import { getRuntime } from '@/lib/server/runtime';
import { ActionButton } from '@/app/_components/action-button';
import { AutoRefresh } from '@/app/_components/auto-refresh';
import { Badge, StateBadge } from '@/app/_components/badge';
import { Card } from '@/app/_components/card';
import { linkClass } from '@/app/_components/classes';
import { DataTable, Td } from '@/app/_components/data-table';
import { DateTime } from '@/app/_components/date-time';
import { Disclosure } from '@/app/_components/disclosure';
import { EmptyState } from '@/app/_components/empty-state';
import { FilterForm } from '@/app/_components/filter-form';
import { PageHeader } from '@/app/_components/page-header';
import { Pagination } from '@/app/_components/pagination';
import { ReasonActionForm } from '@/app/_components/reason-action-form';
import { readSearchParams, type SearchParams } from '../_lib/page-props';
import { approveEnrollmentRequestAction, approveScepRequestAction, rejectEnrollmentRequestAction, rejectScepRequestAction } from './actions';
import { WindowCell } from './window-cell';

export const metadata: Metadata = { title: 'Requests' };
export const dynamic = 'force-dynamic';

const STATUSES = ['pending', 'issued', 'rejected', 'failed', 'expired'] as const;
const STATUS_OPTIONS = STATUSES.map((s) => ({ value: s, label: s[0]!.toUpperCase() + s.slice(1) }));

export default async function RequestsPage({ searchParams }: { searchParams: SearchParams }) {
  await requireAdmin('/admin/requests');
  const sp = await readSearchParams(searchParams);
  const status = STATUSES.find((s) => s === sp.status) ?? 'pending';
  const page = Math.max(1, Number(sp.page) || 1);
  const runtime = await getRuntime();
  const [requests, selfService] = await Promise.all([
    listScepRequests(runtime, { status, page, pageSize: 25 }),
    listEnrollmentRequests(runtime, { status: 'pending', limit: 100 }),
  ]);
  const renderedAt = new Date().toISOString();
  return (
    <>
      <PageHeader
        title="Requests"
        description="SCEP requests from challenges that need approval, and people asking for an enrollment link."
        actions={<AutoRefresh seconds={5} />}
      />
      <div className="space-y-6">
        <Card id="scep" title="SCEP requests" description="An Apple device polls for a limited time only: decide before its window ends.">
          <FilterForm action="/admin/requests" controls={[{ name: 'status', label: 'Status', options: STATUS_OPTIONS, value: status }]} />
          {requests.items.length === 0 ? (
            <EmptyState title={status === 'pending' ? 'No requests waiting for approval.' : `No ${status} requests.`}>
              {status === 'pending' ? 'Requests made with a manual-approval challenge or link appear here.' : null}
            </EmptyState>
          ) : (
            <DataTable label="SCEP requests" head={['Subject', 'Client', 'Arrived', status === 'pending' ? 'Window' : 'Status', status === 'pending' ? 'Decide' : 'Decided']}>
              {requests.items.map((r) => (
                <tr key={r.id}>
                  <Td className="max-w-xs break-words">
                    <Link className={linkClass} href={`/admin/requests/${r.id}`}>
                      {r.identity?.subject || r.subject || '(empty subject)'}
                    </Link>
                    <span className="block text-xs text-slate-500">
                      {r.key}
                      {r.renewalOfSerial && ' · renewal'}
                      {r.challengeNote && ` · ${r.challengeNote}`}
                    </span>
                  </Td>
                  <Td className="max-w-[12rem]">
                    <span className="block">{r.clientAddress ?? '—'}</span>
                    <span className="block truncate text-xs text-slate-500" title={r.userAgent ?? undefined}>
                      {r.appleClient ? <Badge tone="indigo">Apple</Badge> : null} {r.userAgent}
                    </span>
                  </Td>
                  <Td>
                    <DateTime iso={r.createdAt} />
                  </Td>
                  <Td>{status === 'pending' ? <WindowCell request={r} renderedAt={renderedAt} /> : <StateBadge state={r.status} />}</Td>
                  <Td>
                    {r.status === 'pending' ? (
                      <div className="flex items-start gap-2">
                        <ActionButton action={approveScepRequestAction} fields={{ id: r.id }} label="Approve" pendingLabel="Approving…" variant="smallPrimary" />
                        <Disclosure summary="Reject">
                          <ReasonActionForm action={rejectScepRequestAction} fields={{ id: r.id }} label="Reject" reasonLabel="Reason for rejecting" required stacked />
                        </Disclosure>
                      </div>
                    ) : (
                      <span className="text-xs text-slate-600">
                        {r.decidedBy ?? '—'}
                        {r.decisionReason && <span className="block">“{r.decisionReason}”</span>}
                      </span>
                    )}
                  </Td>
                </tr>
              ))}
            </DataTable>
          )}
          <Pagination page={requests.page} pageSize={requests.pageSize} total={requests.total} basePath="/admin/requests" query={{ status }} />
        </Card>

        <Card id="self-service" title="Enrollment requests" description="People who asked for a profile at /enroll/request. Approving sends them a link on their request page.">
          {selfService.length === 0 ? (
            <EmptyState title="No enrollment requests waiting." />
          ) : (
            <DataTable label="Enrollment requests" head={['Person', 'Reason', 'Arrived', 'Decide']}>
              {selfService.map((r) => (
                <tr key={r.id}>
                  <Td className="max-w-xs break-words">
                    <span className="font-medium text-slate-800">{r.name}</span>
                    <span className="block text-xs text-slate-500">{r.email}</span>
                  </Td>
                  <Td className="max-w-sm break-words">{r.reason ?? <span className="text-slate-400">—</span>}</Td>
                  <Td>
                    <DateTime iso={r.createdAt} />
                    {r.clientAddress && <span className="block text-xs text-slate-500">from {r.clientAddress}</span>}
                  </Td>
                  <Td>
                    <div className="flex items-start gap-2">
                      <ActionButton action={approveEnrollmentRequestAction} fields={{ id: r.id }} label="Approve" pendingLabel="Approving…" variant="smallPrimary" />
                      <Disclosure summary="Reject">
                        <ReasonActionForm action={rejectEnrollmentRequestAction} fields={{ id: r.id }} label="Reject" reasonLabel="Reason (shown to the person)" required stacked />
                      </Disclosure>
                    </div>
                  </Td>
                </tr>
              ))}
            </DataTable>
          )}
        </Card>
      </div>
    </>
  );
}
