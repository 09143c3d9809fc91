import { ActionButton } from '@/app/_components/action-button';
import { StateBadge } from '@/app/_components/badge';
import { linkClass } from '@/app/_components/classes';
import { DataTable, Td } from '@/app/_components/data-table';
import { DateTime } from '@/app/_components/date-time';
import { EmptyState } from '@/app/_components/empty-state';
import { FilterForm } from '@/app/_components/filter-form';
import type { EnrollmentView } from '@/lib/server/enrollments';
import { revokeEnrollmentAction } from './actions';

const STATE_OPTIONS = [
  { value: '', label: 'All states' },
  { value: 'active', label: 'Active' },
  { value: 'used', label: 'Used up' },
  { value: 'expired', label: 'Expired' },
  { value: 'revoked', label: 'Revoked' },
];

export function EnrollmentTable({ enrollments, state, email, challengeState }: { enrollments: EnrollmentView[]; state?: string; email?: string; challengeState?: string }) {
  return (
    <>
      <FilterForm
        action="/admin/challenges#enrollments"
        controls={[
          { name: 'enrollments', label: 'State', options: STATE_OPTIONS, value: state },
          { name: 'email', label: 'E-mail', placeholder: 'Search e-mail', value: email },
        ]}
        hidden={{ state: challengeState }}
      />
      {enrollments.length === 0 ? (
        <EmptyState title={state || email ? 'No enrollment links match.' : 'No enrollment links yet.'}>Create one above to send a person their profile.</EmptyState>
      ) : (
        <DataTable label="Enrollment links" head={['State', 'Person', 'Template', 'Approval', 'Downloads', 'Expires', '']}>
          {enrollments.map((e) => (
            <tr key={e.id}>
              <Td>
                <StateBadge state={e.state} />
              </Td>
              <Td className="max-w-xs break-words">
                <span className="font-medium text-slate-800">{e.email}</span>
                {e.username && <span className="block text-xs text-slate-500">{e.username}</span>}
              </Td>
              <Td>{e.template.name ?? '—'}</Td>
              <Td>{e.approval}</Td>
              <Td className="tabular-nums">
                {e.downloads} / {e.maxDownloads}
                {e.certificates ? <span className="block text-xs text-slate-500">{e.certificates} certificate(s)</span> : null}
              </Td>
              <Td>
                <DateTime iso={e.expiresAt} />
              </Td>
              <Td>
                <div className="flex flex-wrap items-center gap-2">
                  {e.state === 'active' && (
                    <>
                      <a className={`${linkClass} text-xs`} href={`/api/v1/enrollments/${e.id}/profile`} download>
                        Profile
                      </a>
                      <ActionButton action={revokeEnrollmentAction} fields={{ id: e.id }} label="Revoke" confirm={`Revoke the enrollment link for ${e.email}? Profiles not yet installed stop working.`} />
                    </>
                  )}
                </div>
              </Td>
            </tr>
          ))}
        </DataTable>
      )}
    </>
  );
}
