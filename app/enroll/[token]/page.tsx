import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { incomingRequestMetadata } from '@/lib/http/request-metadata';
import { deviceKindFromUserAgent } from '@/lib/server/enrollments/device-kind';
import { findEnrollmentByToken } from '@/lib/server/enrollments/find-enrollment-by-token';
import { enrollUrlFor, profileUrlFor } from '@/lib/server/enrollments/public-url';
import { getRuntime } from '@/lib/server/runtime';
import { EnrollLanding } from '../_components/enroll-landing';
import { LinkProblemView } from '../_components/link-problem';
import { qrDataUrl } from '../_lib/qr-data-url';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Set up your device', robots: { index: false, follow: false } };

export default async function EnrollPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const runtime = await getRuntime();
  const link = await findEnrollmentByToken(runtime, { token });
  if (!link) notFound();
  if (link.state !== 'active') return <LinkProblemView problem={link.state} organization={link.organization} />;

  const device = deviceKindFromUserAgent((await incomingRequestMetadata(runtime.env)).userAgent);
  const enrollUrl = enrollUrlFor(runtime.env, token);
  return (
    <EnrollLanding
      device={device}
      organization={link.organization}
      email={link.email}
      displayName={link.displayName}
      exchangeHost={link.includes.exchangeHost}
      wifiSsid={link.includes.wifiSsid}
      profileUrl={profileUrlFor(runtime.env, token)}
      enrollUrl={enrollUrl}
      qrDataUrl={device === 'ios' ? null : await qrDataUrl(enrollUrl)}
      expiresAt={link.expiresAt}
      manualApproval={link.manualApproval}
    />
  );
}
