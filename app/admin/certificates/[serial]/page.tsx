import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requireAdmin } from '@/lib/auth/session';
import { getCertificateDetail } from '@/lib/server/certificates/certificates';
import { AppError } from '@/lib/server/errors';
import { colonHex } from '@/lib/pki/x509/fingerprints';
import { getRuntime } from '@/lib/server/runtime';
import { StateBadge } from '@/app/_components/badge';
import { Card } from '@/app/_components/card';
import { buttonClass, linkClass } from '@/app/_components/classes';
import { DateTime } from '@/app/_components/date-time';
import { DefinitionList } from '@/app/_components/definition-list';
import { PageHeader } from '@/app/_components/page-header';
import { ReasonActionForm } from '@/app/_components/reason-action-form';
import { revokeCertificateAction } from '../actions';
import { REVOCATION_OPTIONS } from '../reasons';

export const metadata: Metadata = { title: 'Certificate' };
export const dynamic = 'force-dynamic';

async function load(serial: string) {
  const runtime = await getRuntime();
  try {
    return await getCertificateDetail(runtime, { serial });
  } catch (e) {
    if (e instanceof AppError && e.code === 'not_found') notFound();
    throw e;
  }
}

const mono = (s: string) => <span className="font-mono text-xs">{s}</span>;

export default async function CertificateDetailPage({ params }: { params: Promise<{ serial: string }> }) {
  const { serial } = await params;
  await requireAdmin(`/admin/certificates/${encodeURIComponent(serial)}`);
  const c = await load(serial);
  return (
    <>
      <p className="mb-2 text-sm">
        <Link className={linkClass} href="/admin/certificates">
          ← Certificates
        </Link>
      </p>
      <PageHeader
        title={c.subject || '(empty subject)'}
        description={<StateBadge state={c.status} />}
        actions={
          <a className={buttonClass.secondary} href={`/admin/certificates/${c.serial}/pem`} download>
            Download PEM
          </a>
        }
      />
      <div className="space-y-6">
        <Card title="Details">
          <DefinitionList
            items={[
              ['Subject', c.subject || '(empty)'],
              ['Issuer', c.issuer],
              ['Serial number', mono(colonHex(c.serial))],
              ['Subject alternative names', c.sans.length ? c.sans.map((s) => `${s.type}: ${s.value}`).join(', ') : null],
              ['Valid from', <DateTime key="nb" iso={c.notBefore} withSeconds />],
              ['Valid until', <DateTime key="na" iso={c.notAfter} withSeconds />],
              ['Key', c.key],
              ['Signature algorithm', c.signatureAlgorithm],
              ['Key usage', c.keyUsage.join(', ') || null],
              ['Extended key usage', c.extendedKeyUsage.join(', ') || null],
              ['SHA-256 fingerprint', mono(colonHex(c.sha256))],
              ['SHA-1 fingerprint', mono(colonHex(c.sha1))],
              ['Issued', <DateTime key="cr" iso={c.createdAt} withSeconds />],
              ['Request', c.requestId ? <Link key="rq" className={linkClass} href={`/admin/requests/${c.requestId}`}>{c.requestId}</Link> : null],
              ['Enrollment', c.enrollmentId ? mono(c.enrollmentId) : null],
              ['Renews', c.renews ? <Link key="rn" className={linkClass} href={`/admin/certificates/${c.renews}`}>{colonHex(c.renews)}</Link> : null],
              ['Renewal', c.originApproval === 'manual' ? 'Needs an admin’s approval (enrolled with manual approval)' : 'Automatic, in the renewal window'],
              ...(c.status === 'revoked'
                ? ([
                    ['Revoked', <DateTime key="rv" iso={c.revokedAt} withSeconds />],
                    ['Revocation reason', c.revocationReason === 'superseded' ? 'Superseded (replaced by its renewal)' : c.revocationReason],
                    ['Superseded by', c.supersededBy ? <Link key="sb" className={linkClass} href={`/admin/certificates/${c.supersededBy}`}>{colonHex(c.supersededBy)}</Link> : null],
                  ] as [string, React.ReactNode][])
                : []),
            ]}
          />
        </Card>
        {c.status !== 'revoked' && (
          <Card title="Revoke" description="Revocation is final. The device keeps the certificate, but services that check revocation will refuse it.">
            <ReasonActionForm action={revokeCertificateAction} fields={{ serial: c.serial }} label="Revoke certificate" reasonLabel="Reason" options={REVOCATION_OPTIONS} commentName="comment" />
          </Card>
        )}
        <Card title="PEM">
          <pre className="max-w-full rounded bg-slate-50 p-3 font-mono text-xs break-all whitespace-pre-wrap text-slate-700 ring-1 ring-slate-200">{c.pem}</pre>
        </Card>
      </div>
    </>
  );
}
