import type { ApiTokenView } from '@/lib/server/tokens/api-tokens';
import { ActionButton } from '@/app/_components/action-button';
import { StateBadge } from '@/app/_components/badge';
import { DataTable, Td } from '@/app/_components/data-table';
import { DateTime } from '@/app/_components/date-time';
import { EmptyState } from '@/app/_components/empty-state';
import { revokeApiTokenAction } from './actions';

export function TokenTable({ tokens }: { tokens: ApiTokenView[] }) {
  if (tokens.length === 0) return <EmptyState title="No API tokens yet.">Integrations (MDM, scripts) authenticate to /api/v1 with a token.</EmptyState>;
  return (
    <DataTable label="API tokens" head={['Name', 'Prefix', 'State', 'Created', 'Last used', '']}>
      {tokens.map((t) => (
        <tr key={t.id}>
          <Td className="font-medium text-slate-800">{t.name}</Td>
          <Td className="font-mono text-xs">{t.prefix}…</Td>
          <Td>
            <StateBadge state={t.state} />
          </Td>
          <Td>
            <DateTime iso={t.createdAt} />
            <span className="block text-xs text-slate-500">{t.createdBy}</span>
          </Td>
          <Td>{t.lastUsedAt ? <DateTime iso={t.lastUsedAt} /> : <span className="text-slate-400">never</span>}</Td>
          <Td>{t.state === 'active' && <ActionButton action={revokeApiTokenAction} fields={{ id: t.id }} label="Revoke" confirm={`Revoke token “${t.name}”? Integrations using it stop working at once.`} />}</Td>
        </tr>
      ))}
    </DataTable>
  );
}
