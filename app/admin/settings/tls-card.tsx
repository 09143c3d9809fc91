import type { TlsProbeResult } from '@/lib/server/dashboard/tls-probe';
import { Badge, StateBadge } from '@/app/_components/badge';
import { Card } from '@/app/_components/card';
import { DateTime } from '@/app/_components/date-time';
import { DefinitionList } from '@/app/_components/definition-list';
import { TrustCheckList, trustSummary } from '@/app/_components/trust-check-list';

export function TlsCard({ probe }: { probe: TlsProbeResult }) {
  return (
    <Card id="tls" title="TLS certificate" description="What devices see at TESSERA_PUBLIC_URL, checked against Apple’s rules for server certificates.">
      {probe.kind === 'not-configured' && (
        <p className="text-sm text-slate-600">
          <Badge tone="amber">not set</Badge> TESSERA_PUBLIC_URL is not set, so links and profiles point at <code>http://localhost</code>. Set it to the address devices use.
        </p>
      )}
      {probe.kind === 'plain-http' && (
        <p className="text-sm text-slate-700">
          <Badge tone="amber">plain HTTP</Badge> <code className="break-all">{probe.url}</code> is served over plain HTTP: iOS allows it for SCEP (the messages are
          encrypted and signed themselves), but use HTTPS for the enrollment page so people’s links and profiles cannot be tampered with.
        </p>
      )}
      {probe.kind === 'unreachable' && (
        <p className="text-sm text-slate-700">
          <Badge tone="red">unreachable</Badge> Could not read a certificate from <code className="break-all">{probe.url}</code>: {probe.error}. Check DNS, the
          port and the reverse proxy; this check runs from the Tessera server itself.
        </p>
      )}
      {probe.kind === 'ok' && (
        <>
          <DefinitionList
            items={[
              ['URL', <code key="u" className="break-all">{probe.url}</code>],
              ['Subject', probe.certificate.subject],
              ['Issuer', probe.certificate.issuer],
              ['Names', probe.certificate.sans.join(', ') || null],
              ['Valid until', <DateTime key="na" iso={probe.certificate.notAfter} dateOnly />],
              ['SHA-256 fingerprint', <span key="f" className="font-mono text-xs">{probe.certificate.sha256}</span>],
            ]}
          />
          <div className="mt-4">
            <h3 className="flex items-center gap-2 text-sm font-semibold text-slate-800">
              Apple trust checks <StateBadge state={trustSummary(probe.checks)} />
            </h3>
            <TrustCheckList checks={probe.checks} />
          </div>
        </>
      )}
    </Card>
  );
}
