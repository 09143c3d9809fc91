import type { AdminUserView } from '@/lib/server/dashboard/admin-users';
import { ActionButton } from '@/app/_components/action-button';
import { Badge } from '@/app/_components/badge';
import { DataTable, Td } from '@/app/_components/data-table';
import { DateTime } from '@/app/_components/date-time';
import { deleteAdminAction, disableAdminAction, enableAdminAction } from './actions';

export function AdminTable({ admins, currentEmail }: { admins: AdminUserView[]; currentEmail: string }) {
  return (
    <DataTable label="Admin users" head={['E-mail', 'Name', 'Created', 'Last sign-in', 'State', '']}>
      {admins.map((a) => (
        <tr key={a.id}>
          <Td className="font-medium break-all text-slate-800">
            {a.email} {a.email === currentEmail && <Badge tone="indigo">you</Badge>}
          </Td>
          <Td>{a.name ?? <span className="text-slate-400">—</span>}</Td>
          <Td>
            <DateTime iso={a.createdAt} dateOnly />
          </Td>
          <Td>{a.lastLoginAt ? <DateTime iso={a.lastLoginAt} /> : <span className="text-slate-400">never</span>}</Td>
          <Td>{a.disabled ? <Badge tone="red">disabled</Badge> : <span className="text-slate-500">enabled</span>}</Td>
          <Td>
            {a.email !== currentEmail && (
              <div className="flex gap-2">
                {a.disabled ? (
                  <ActionButton action={enableAdminAction} fields={{ email: a.email }} label="Enable" />
                ) : (
                  <ActionButton action={disableAdminAction} fields={{ email: a.email }} label="Disable" confirm={`Disable ${a.email}? Their sessions end at once and they cannot sign in until enabled again.`} />
                )}
                <ActionButton action={deleteAdminAction} fields={{ email: a.email }} label="Delete" confirm={`Delete ${a.email}? Their sessions end at once. This cannot be undone.`} />
              </div>
            )}
          </Td>
        </tr>
      ))}
    </DataTable>
  );
}
