import type { Metadata } from 'next';
import { requireAdmin } from '@/lib/auth/session';
import { listAuditLog } from '@/lib/server/dashboard/audit-log';
import { getRuntime } from '@/lib/server/runtime';
import { Card } from '@/app/_components/card';
import { DataTable, Td } from '@/app/_components/data-table';
import { DateTime } from '@/app/_components/date-time';
import { EmptyState } from '@/app/_components/empty-state';
import { FilterForm } from '@/app/_components/filter-form';
import { PageHeader } from '@/app/_components/page-header';
import { Pagination } from '@/app/_components/pagination';
import { readSearchParams, type SearchParams } from '../_lib/page-props';

export const metadata: Metadata = { title: 'Audit log' };
export const dynamic = 'force-dynamic';

export default async function AuditPage({ searchParams }: { searchParams: SearchParams }) {
  await requireAdmin('/admin/audit');
  const sp = await readSearchParams(searchParams);
  const q = sp.q?.trim().slice(0, 200) || undefined;
  const page = Math.max(1, Number(sp.page) || 1);
  const runtime = await getRuntime();
  const log = await listAuditLog(runtime, { q, page, pageSize: 50 });
  return (
    <>
      <PageHeader title="Audit log" description="Who did what, newest first: sign-ins, challenges, decisions, revocations and setting changes." />
      <Card>
        <FilterForm action="/admin/audit" controls={[{ name: 'q', label: 'Search', placeholder: 'Actor, action or target', value: q }]} resetHref={q ? '/admin/audit' : undefined} />
        {log.items.length === 0 ? (
          <EmptyState title={q ? 'No entries match.' : 'The audit log is empty.'} />
        ) : (
          <DataTable label="Audit log" head={['Time', 'Actor', 'Action', 'Target', 'Details']}>
            {log.items.map((a) => (
              <tr key={a.id}>
                <Td>
                  <DateTime iso={a.createdAt} withSeconds />
                </Td>
                <Td className="break-all">
                  {a.actor}
                  {a.sourceAddress && <span className="block text-xs text-slate-500">{a.sourceAddress}</span>}
                </Td>
                <Td className="font-mono text-xs whitespace-nowrap">{a.action}</Td>
                <Td className="max-w-[14rem] font-mono text-xs break-all">{a.target ?? '—'}</Td>
                <Td className="max-w-md font-mono text-xs break-all text-slate-500">{a.details ?? ''}</Td>
              </tr>
            ))}
          </DataTable>
        )}
        <Pagination page={log.page} pageSize={log.pageSize} total={log.total} basePath="/admin/audit" query={{ q }} />
      </Card>
    </>
  );
}
