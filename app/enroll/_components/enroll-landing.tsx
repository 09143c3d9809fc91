import type { DeviceKind } from '@/lib/server/enrollments/device-kind';
import { Card, EnrollShell, PrimaryLink, SecondaryLink } from './enroll-shell';
import { InstallSteps } from './install-steps';
import { QrHandoff } from './qr-handoff';
import { WhatGetsInstalled, type Installs } from './what-gets-installed';

export interface EnrollLandingProps extends Installs {
  device: DeviceKind;
  displayName: string | null;
  profileUrl: string;
  enrollUrl: string;
  /** Only needed when device is not 'ios'. */
  qrDataUrl: string | null;
  expiresAt: Date;
  manualApproval: boolean;
}

export function EnrollLanding(p: EnrollLandingProps) {
  const greeting = p.displayName ? `Hello ${p.displayName},` : 'Hello,';
  return (
    <EnrollShell organization={p.organization}>
      <header>
        <h1 className="text-2xl font-semibold leading-tight">Set up your device</h1>
        <p className="mt-2 text-slate-600">
          {greeting} this installs a configuration profile from {p.organization} for <strong className="break-all">{p.email}</strong>.
        </p>
      </header>
      <Card>
        <WhatGetsInstalled organization={p.organization} email={p.email} exchangeHost={p.exchangeHost} wifiSsid={p.wifiSsid} />
      </Card>
      {p.device === 'ios' ? (
        <>
          <PrimaryLink href={p.profileUrl}>Install profile</PrimaryLink>
          <Card>
            <InstallSteps manualApproval={p.manualApproval} />
          </Card>
        </>
      ) : (
        <Card>
          <QrHandoff qrDataUrl={p.qrDataUrl ?? ''} url={p.enrollUrl} />
          {p.device === 'mac' ? (
            <p className="mt-4 text-sm text-slate-600">
              Already on an iPad? <SecondaryLink href={p.profileUrl}>Download the profile here</SecondaryLink>.
            </p>
          ) : null}
        </Card>
      )}
      <p className="text-center text-xs text-slate-500">
        This link works until {p.expiresAt.toUTCString().replace(' GMT', ' UTC')}. Do not share it: it is meant for you only.
      </p>
    </EnrollShell>
  );
}
