import type { AdminUserView } from '@/lib/server/dashboard/admin-users';
import { Badge } from '@/app/_components/badge';
import { DataTable, Td } from '@/app/_components/data-table';
import { DateTime } from '@/app/_components/date-time';

export function AdminTable({ admins, currentEmail }: { admins: AdminUserView[]; currentEmail: string }) {
  return (
    <DataTable label="Admin users" head={['E-mail', 'Name', 'Created', 'Last sign-in', '']}>
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
          <Td>{a.disabled && <Badge tone="red">disabled</Badge>}</Td>
        </tr>
      ))}
    </DataTable>
  );
}
