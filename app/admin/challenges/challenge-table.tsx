import { ActionButton } from '@/app/_components/action-button';
import { Badge, StateBadge } from '@/app/_components/badge';
import { DataTable, Td } from '@/app/_components/data-table';
import { DateTime } from '@/app/_components/date-time';
import { EmptyState } from '@/app/_components/empty-state';
import { FilterForm } from '@/app/_components/filter-form';
import { Pagination } from '@/app/_components/pagination';
import type { ChallengeView } from '@/lib/server/challenges/list-challenges';
import type { Page } from '@/lib/server/pagination';
import { revokeChallengeAction } from './actions';

const STATE_OPTIONS = [
  { value: '', label: 'All states' },
  { value: 'unused', label: 'Unused' },
  { value: 'used', label: 'Used' },
  { value: 'expired', label: 'Expired' },
  { value: 'revoked', label: 'Revoked' },
];

export function ChallengeTable({ page, state, enrollmentState }: { page: Page<ChallengeView>; state?: string; enrollmentState?: string }) {
  return (
    <>
      <FilterForm action="/admin/challenges#challenges" controls={[{ name: 'state', label: 'State', options: STATE_OPTIONS, value: state }]} hidden={{ enrollments: enrollmentState }} />
      {page.items.length === 0 ? (
        <EmptyState title={state ? `No ${state} challenges.` : 'No challenges yet.'}>Create one above, or send an enrollment link (it creates challenges as profiles are downloaded).</EmptyState>
      ) : (
        <DataTable label="Challenges" head={['State', 'Note', 'Approval', 'Created', 'Expires', 'Used by', '']}>
          {page.items.map((c) => (
            <tr key={c.id}>
              <Td>
                <StateBadge state={c.state} />
              </Td>
              <Td className="max-w-xs min-w-[10rem] break-words">
                {c.note ?? <span className="text-slate-400">—</span>}
                {c.enrollmentId && (
                  <span className="ml-1">
                    <Badge tone="sky">enrollment</Badge>
                  </span>
                )}
                <span className="mt-0.5 block text-xs break-all text-slate-500">
                  {c.identity ? `for ${c.identity.subject || '(empty subject)'}${c.identity.sans.length ? ` + ${c.identity.sans.map((s) => `${s.type}:${s.value}`).join(', ')}` : ''}` : 'unbound (identity policy)'}
                </span>
              </Td>
              <Td>{c.approval}</Td>
              <Td>
                <DateTime iso={c.createdAt} />
                <span className="block text-xs text-slate-500">{c.createdBy}</span>
              </Td>
              <Td>
                <DateTime iso={c.expiresAt} />
              </Td>
              <Td className="font-mono text-xs break-all">{c.usedByTransactionId ?? <span className="font-sans text-slate-400">—</span>}</Td>
              <Td>{c.state === 'unused' && <ActionButton action={revokeChallengeAction} fields={{ id: c.id }} label="Revoke" confirm="Revoke this challenge? A device using it will be refused." />}</Td>
            </tr>
          ))}
        </DataTable>
      )}
      <Pagination page={page.page} pageSize={page.pageSize} total={page.total} basePath="/admin/challenges" query={{ state, enrollments: enrollmentState }} />
    </>
  );
}
