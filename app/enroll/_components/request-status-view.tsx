import type { DeviceKind } from '@/lib/server/enrollments/device-kind';
import type { RequestStatusView } from '@/lib/server/enrollment-requests/request-status';
import { LINK_PROBLEMS } from '../_lib/link-problems';
import { Card, EnrollShell, PrimaryLink, SecondaryLink } from './enroll-shell';
import { InstallSteps } from './install-steps';
import { QrHandoff } from './qr-handoff';

export const STATUS_REFRESH_SECONDS = 5;

export interface RequestStatusProps {
  request: RequestStatusView;
  device: DeviceKind;
  /** QR of the enrollment page, for approved requests viewed away from the iPhone. */
  qrDataUrl: string | null;
}

function Approved({ request, device, qrDataUrl }: RequestStatusProps) {
  const link = request.enrollment;
  if (!link) return null;
  if (link.state !== 'active') {
    const p = LINK_PROBLEMS[link.state];
    return (
      <Card>
        <h2 className="text-lg font-semibold">{p.title}</h2>
        <p className="mt-2 text-slate-600">{p.text}</p>
      </Card>
    );
  }
  return device === 'ios' ? (
    <>
      <PrimaryLink href={link.profileUrl}>Install profile</PrimaryLink>
      <Card>
        <InstallSteps />
      </Card>
    </>
  ) : (
    <Card>
      <QrHandoff qrDataUrl={qrDataUrl ?? ''} url={link.enrollUrl} />
      <p className="mt-4 text-sm text-slate-600">
        Already on your iPhone or iPad? <SecondaryLink href={link.profileUrl}>Download the profile here</SecondaryLink>.
      </p>
    </Card>
  );
}

export function RequestStatus(props: RequestStatusProps) {
  const { request } = props;
  return (
    <EnrollShell>
      {request.status === 'pending' ? (
        // React hoists <meta> into <head>; a plain refresh needs no script and works with JavaScript off.
        <meta httpEquiv="refresh" content={String(STATUS_REFRESH_SECONDS)} />
      ) : null}
      <header>
        <h1 className="text-2xl font-semibold leading-tight">Your certificate request</h1>
        <p className="mt-2 text-slate-600">
          For <strong className="break-all">{request.email}</strong> ({request.name}), sent {request.submittedAt.toUTCString().replace(' GMT', ' UTC')}.
        </p>
      </header>
      <div role="status" aria-live="polite">
        {request.status === 'pending' ? (
          <Card>
            <h2 className="text-lg font-semibold">Waiting for approval</h2>
            <p className="mt-2 text-slate-600">
              Your IT administrator has not decided yet. This page checks again every {STATUS_REFRESH_SECONDS} seconds; you can also bookmark it and come back later.
            </p>
          </Card>
        ) : null}
        {request.status === 'rejected' ? (
          <Card>
            <h2 className="text-lg font-semibold">Your request was declined</h2>
            <p className="mt-2 text-slate-600">{request.rejectionReason ? `Reason: ${request.rejectionReason}` : 'No reason was given.'}</p>
            <p className="mt-2 text-slate-600">Contact your IT administrator if you think this is a mistake.</p>
          </Card>
        ) : null}
        {request.status === 'approved' ? (
          <div className="space-y-6">
            <Card>
              <h2 className="text-lg font-semibold">Approved</h2>
              <p className="mt-2 text-slate-600">Your device certificate is ready to install.</p>
            </Card>
            <Approved {...props} />
          </div>
        ) : null}
      </div>
    </EnrollShell>
  );
}
