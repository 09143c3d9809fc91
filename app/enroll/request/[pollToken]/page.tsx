import type { Metadata } from 'next';
import { incomingRequestMetadata } from '@/lib/http/request-metadata';
import { deviceKindFromUserAgent } from '@/lib/server/enrollments/device-kind';
import { findRequestStatus } from '@/lib/server/enrollment-requests/request-status';
import { getRuntime } from '@/lib/server/runtime';
import { Card, EnrollShell, SecondaryLink } from '../../_components/enroll-shell';
import { RequestStatus } from '../../_components/request-status-view';
import { qrDataUrl } from '../../_lib/qr-data-url';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Your certificate request', robots: { index: false, follow: false } };

export default async function RequestStatusPage({ params }: { params: Promise<{ pollToken: string }> }) {
  const { pollToken } = await params;
  const runtime = await getRuntime();
  const request = await findRequestStatus(runtime, { pollToken });
  if (!request) {
    return (
      <EnrollShell>
        <Card>
          <h1 className="text-xl font-semibold">Request not found</h1>
          <p className="mt-2 text-slate-600">
            Check that you opened the whole link. You can also <SecondaryLink href="/enroll/request">send a new request</SecondaryLink>.
          </p>
        </Card>
      </EnrollShell>
    );
  }
  const device = deviceKindFromUserAgent((await incomingRequestMetadata(runtime.env)).userAgent);
  const link = request.enrollment;
  const qr = link && link.state === 'active' && device !== 'ios' ? await qrDataUrl(link.enrollUrl) : null;
  return <RequestStatus request={request} device={device} qrDataUrl={qr} />;
}
