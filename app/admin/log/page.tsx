import type { Metadata } from 'next';
import { requireAdmin } from '@/lib/auth/session';
import { SCEP_OPERATIONS, SCEP_OUTCOMES, ZScepLogQuerySchema, listScepEvents } from '@/lib/server/dashboard/scep-log';
import { getRuntime } from '@/lib/server/runtime';
import { Card } from '@/app/_components/card';
import { EmptyState } from '@/app/_components/empty-state';
import { FilterForm } from '@/app/_components/filter-form';
import { PageHeader } from '@/app/_components/page-header';
import { Pagination } from '@/app/_components/pagination';
import { readSearchParams, type SearchParams } from '../_lib/page-props';
import { ScepEventItem } from './scep-event-item';

export const metadata: Metadata = { title: 'SCEP log' };
export const dynamic = 'force-dynamic';

const all = (label: string) => [{ value: '', label }];

export default async function ScepLogPage({ searchParams }: { searchParams: SearchParams }) {
  await requireAdmin('/admin/log');
  const sp = await readSearchParams(searchParams);
  // Invalid filter values fall back to the defaults rather than failing the page.
  const parsed = ZScepLogQuerySchema.safeParse({ ...sp, pageSize: 50 });
  const query = parsed.success ? parsed.data : ZScepLogQuerySchema.parse({ pageSize: 50 });
  const runtime = await getRuntime();
  const events = await listScepEvents(runtime, query);
  const filtered = !!(query.outcome || query.operation || query.transactionId || query.client);
  return (
    <>
      <PageHeader
        title="SCEP log"
        description="Every SCEP exchange, newest first. Failures carry what the device showed and what to fix: an iPhone only ever says “invalid response”."
      />
      <Card>
        <FilterForm
          action="/admin/log"
          controls={[
            { name: 'outcome', label: 'Outcome', options: [...all('All outcomes'), ...SCEP_OUTCOMES.map((o) => ({ value: o, label: o }))], value: query.outcome },
            { name: 'operation', label: 'Operation', options: [...all('All operations'), ...SCEP_OPERATIONS.map((o) => ({ value: o, label: o }))], value: query.operation },
            {
              name: 'range',
              label: 'Time',
              options: [
                { value: '1h', label: 'Last hour' },
                { value: '24h', label: 'Last 24 hours' },
                { value: '7d', label: 'Last 7 days' },
                { value: 'all', label: 'All time' },
              ],
              value: query.range,
            },
            { name: 'transactionId', label: 'Transaction ID', placeholder: 'transactionID', value: query.transactionId },
            { name: 'client', label: 'Client', placeholder: 'Address or user agent', value: query.client },
          ]}
          resetHref={filtered ? '/admin/log' : undefined}
        />
        {events.items.length === 0 ? (
          <EmptyState title={filtered ? 'No SCEP events match these filters.' : 'No SCEP traffic in this period.'}>
            Devices and clients talking to /scep appear here.
          </EmptyState>
        ) : (
          <ol className="divide-y divide-slate-100" aria-label="SCEP events">
            {events.items.map((e) => (
              <ScepEventItem key={e.id} event={e} />
            ))}
          </ol>
        )}
        <Pagination
          page={events.page}
          pageSize={events.pageSize}
          total={events.total}
          basePath="/admin/log"
          query={{ outcome: query.outcome, operation: query.operation, range: query.range, transactionId: query.transactionId, client: query.client }}
        />
      </Card>
    </>
  );
}
