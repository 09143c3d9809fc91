import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requireAdmin } from '@/lib/auth/session';
import { getScepRequest, type ScepRequestView } from '@/lib/server/requests/list-scep-requests';
import { getRuntime } from '@/lib/server/runtime';
import { AutoRefresh } from '@/app/_components/auto-refresh';
import { Badge, StateBadge } from '@/app/_components/badge';
import { Card } from '@/app/_components/card';
import { linkClass } from '@/app/_components/classes';
import { DateTime } from '@/app/_components/date-time';
import { DefinitionList } from '@/app/_components/definition-list';
import { PageHeader } from '@/app/_components/page-header';
import { ReasonActionForm } from '@/app/_components/reason-action-form';
import { approveScepRequestAction, rejectScepRequestAction } from '../actions';
import { WindowCell } from '../window-cell';

export const metadata: Metadata = { title: 'Request' };
export const dynamic = 'force-dynamic';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const sanList = (sans: { type: string; value: string }[]) => sans.map((s) => `${s.type}: ${s.value}`).join(', ');

const SOURCES: Record<NonNullable<ScepRequestView['identitySource']>, string> = {
  enrollment: 'The enrollment profile (the request may name this identity or less, nothing else)',
  challenge: 'The challenge, created for this identity',
  'identity-policy': 'The identity policy (the challenge named nobody)',
  renewal: 'The renewed certificate (a renewal keeps its identity)',
};

export default async function RequestDetailPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requireAdmin(`/admin/requests/${encodeURIComponent(id)}`);
  if (!UUID.test(id)) notFound();
  const runtime = await getRuntime();
  const r = await getScepRequest(runtime, { id });
  if (!r) notFound();
  const renderedAt = new Date().toISOString();
  return (
    <>
      <p className="mb-2 text-sm">
        <Link className={linkClass} href="/admin/requests">
          ← Requests
        </Link>
      </p>
      <PageHeader
        title={r.identity?.subject || r.subject || '(empty subject)'}
        description={<span className="font-mono text-xs break-all">transaction {r.transactionId}</span>}
        actions={r.status === 'pending' ? <AutoRefresh seconds={5} /> : undefined}
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="lg:col-span-2">
          <Card title="Certificate request">
            <DefinitionList
              items={[
                ['Status', <StateBadge key="s" state={r.status} />],
                [r.status === 'issued' ? 'Issued subject' : 'Subject to issue', r.identity ? r.identity.subject || '(empty)' : null],
                [r.status === 'issued' ? 'Issued SANs' : 'SANs to issue', r.identity ? sanList(r.identity.sans) || '(none)' : null],
                ['Identity decided by', r.identitySource ? SOURCES[r.identitySource] : null],
                ['Renews certificate', r.renewalOfSerial ? <Link key="rn" className={linkClass} href={`/admin/certificates/${r.renewalOfSerial}`}>{r.renewalOfSerial}</Link> : null],
                ['Requested subject', r.subject || '(empty)'],
                ['Requested SANs', sanList(r.sans) || null],
                ['Key', r.key],
                ['Message type', r.messageType],
                ['Arrived', <DateTime key="a" iso={r.createdAt} withSeconds />],
                ['Requester address', r.clientAddress],
                ['User agent', r.userAgent ? (
                  <span key="ua">
                    {r.appleClient && <Badge tone="indigo">Apple</Badge>} {r.userAgent}
                  </span>
                ) : null],
                ['Challenge note', r.challengeNote],
                ['Polls', `${r.pollCount}${r.lastPolledAt ? ` (last ${r.lastPolledAt.slice(11, 19)} UTC)` : ''}`],
                ['Request expires', <DateTime key="e" iso={r.expiresAt} />],
                ...(r.status !== 'pending'
                  ? ([
                      ['Decided by', r.decidedBy],
                      ['Decided at', <DateTime key="d" iso={r.decidedAt} />],
                      ['Reason', r.decisionReason],
                      ['Certificate', r.certificateSerial ? <Link key="c" className={linkClass} href={`/admin/certificates/${r.certificateSerial}`}>{r.certificateSerial}</Link> : null],
                    ] as [string, React.ReactNode][])
                  : []),
              ]}
            />
          </Card>
        </div>
        {r.status === 'pending' && (
          <Card title="Decision">
            <div className="space-y-5">
              <div>
                <p className="text-sm font-medium text-slate-700">Device polling</p>
                <div className="mt-1">
                  <WindowCell request={r} renderedAt={renderedAt} />
                </div>
              </div>
              <ReasonActionForm action={approveScepRequestAction} fields={{ id: r.id }} label="Approve and issue" reasonLabel="Note (optional)" variant="primary" stacked />
              <ReasonActionForm action={rejectScepRequestAction} fields={{ id: r.id }} label="Reject" reasonLabel="Reason for rejecting" required stacked />
            </div>
          </Card>
        )}
      </div>
    </>
  );
}
