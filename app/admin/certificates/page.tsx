import type { Metadata } from 'next';
import Link from 'next/link';
import { requireAdmin } from '@/lib/auth/session';
import { listCertificates } from '@/lib/server/certificates/certificates';
import { getRuntime } from '@/lib/server/runtime';
import { StateBadge } from '@/app/_components/badge';
import { Card } from '@/app/_components/card';
import { linkClass } from '@/app/_components/classes';
import { DataTable, Td } from '@/app/_components/data-table';
import { DateTime } from '@/app/_components/date-time';
import { EmptyState } from '@/app/_components/empty-state';
import { FilterForm } from '@/app/_components/filter-form';
import { PageHeader } from '@/app/_components/page-header';
import { Pagination } from '@/app/_components/pagination';
import { readSearchParams, type SearchParams } from '../_lib/page-props';

export const metadata: Metadata = { title: 'Certificates' };
export const dynamic = 'force-dynamic';

const STATUSES = ['valid', 'expired', 'revoked'] as const;
const STATUS_OPTIONS = [{ value: '', label: 'All' }, ...STATUSES.map((s) => ({ value: s, label: s[0]!.toUpperCase() + s.slice(1) }))];

export default async function CertificatesPage({ searchParams }: { searchParams: SearchParams }) {
  await requireAdmin('/admin/certificates');
  const sp = await readSearchParams(searchParams);
  const status = STATUSES.find((s) => s === sp.status);
  const q = sp.q?.trim().slice(0, 200) || undefined;
  const page = Math.max(1, Number(sp.page) || 1);
  const runtime = await getRuntime();
  const certs = await listCertificates(runtime, { q, status, page, pageSize: 25 });
  return (
    <>
      <PageHeader title="Certificates" description="Every certificate this CA issued. Search by subject, SAN (e-mail, DNS name…), serial number or SHA-256 fingerprint." />
      <Card>
        <FilterForm
          action="/admin/certificates"
          controls={[
            { name: 'q', label: 'Search', placeholder: 'Subject, SAN or serial', value: q },
            { name: 'status', label: 'Status', options: STATUS_OPTIONS, value: status },
          ]}
          resetHref={q || status ? '/admin/certificates' : undefined}
        />
        {certs.items.length === 0 ? (
          <EmptyState title={q || status ? 'No certificates match.' : 'No certificates issued yet.'}>
            {q || status ? 'Try another search or status.' : 'Certificates appear here once devices enroll.'}
          </EmptyState>
        ) : (
          <DataTable label="Certificates" head={['Subject', 'SANs', 'Status', 'Valid until', 'Serial']}>
            {certs.items.map((c) => (
              <tr key={c.id}>
                <Td className="max-w-xs break-words">
                  <Link className={linkClass} href={`/admin/certificates/${c.serial}`}>
                    {c.subject || '(empty subject)'}
                  </Link>
                </Td>
                <Td className="max-w-xs text-xs break-words">{c.sans.map((s) => s.value).join(', ') || <span className="text-slate-400">—</span>}</Td>
                <Td>
                  <StateBadge state={c.status} />
                </Td>
                <Td>
                  <DateTime iso={c.notAfter} dateOnly />
                </Td>
                <Td className="font-mono text-xs">{c.serial.length > 20 ? `${c.serial.slice(0, 20)}…` : c.serial}</Td>
              </tr>
            ))}
          </DataTable>
        )}
        <Pagination page={certs.page} pageSize={certs.pageSize} total={certs.total} basePath="/admin/certificates" query={{ q, status }} />
      </Card>
    </>
  );
}
