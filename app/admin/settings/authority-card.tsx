import type { AuthorityDetails } from '@/lib/server/dashboard/authority-details';
import { StateBadge } from '@/app/_components/badge';
import { Card } from '@/app/_components/card';
import { DateTime } from '@/app/_components/date-time';
import { DefinitionList } from '@/app/_components/definition-list';
import { TrustCheckList, trustSummary } from '@/app/_components/trust-check-list';

const mono = (s: string) => <span className="font-mono text-xs">{s}</span>;

export function AuthorityCard({ id, title, description, authority, actions }: { id: string; title: string; description: string; authority: AuthorityDetails; actions?: React.ReactNode }) {
  return (
    <Card id={id} title={title} description={description} actions={actions}>
      <DefinitionList
        items={[
          ['Subject', authority.subject],
          ['Issuer', authority.subject === authority.issuer ? 'self-signed' : authority.issuer],
          ['Valid', <span key="v"><DateTime iso={authority.notBefore} dateOnly /> – <DateTime iso={authority.notAfter} dateOnly /></span>],
          ['Key', authority.key],
          ['Signature algorithm', authority.signatureAlgorithm],
          ['Key usage', authority.keyUsage.join(', ') || null],
          ['SHA-256 fingerprint', mono(authority.sha256)],
          ['SHA-1 fingerprint', mono(authority.sha1)],
        ]}
      />
      <div className="mt-4">
        <h3 className="flex items-center gap-2 text-sm font-semibold text-slate-800">
          Apple trust checks <StateBadge state={trustSummary(authority.checks)} />
        </h3>
        <TrustCheckList checks={authority.checks} />
      </div>
    </Card>
  );
}
