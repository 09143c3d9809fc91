import Link from 'next/link';
import type { TemplateView } from '@/lib/server/templates';
import { Badge } from '@/app/_components/badge';
import { linkClass } from '@/app/_components/classes';
import { DataTable, Td } from '@/app/_components/data-table';
import { DateTime } from '@/app/_components/date-time';

export function TemplateList({ templates }: { templates: TemplateView[] }) {
  return (
    <DataTable label="Profile templates" head={['Name', 'Subject', 'Payloads', 'Updated', '']}>
      {templates.map((t) => (
        <tr key={t.id}>
          <Td className="font-medium text-slate-800">
            {t.name} {t.isDefault && <Badge tone="indigo">default</Badge>}
          </Td>
          <Td className="font-mono text-xs break-all">{t.config.subjectTemplate}</Td>
          <Td className="text-xs">{['SCEP', t.config.eas ? `Exchange (${t.config.eas.host})` : null, t.config.wifi ? `Wi-Fi (${t.config.wifi.ssid})` : null].filter(Boolean).join(' · ')}</Td>
          <Td>
            <DateTime iso={t.updatedAt} dateOnly />
          </Td>
          <Td>
            <Link className={`${linkClass} text-sm`} href={`/admin/settings/templates/${t.id}`}>
              Edit
            </Link>
          </Td>
        </tr>
      ))}
    </DataTable>
  );
}
