import type { Metadata } from 'next';
import { Card, EnrollShell } from '../_components/enroll-shell';
import { RequestForm } from './request-form';

export const metadata: Metadata = { title: 'Request a device certificate', robots: { index: false, follow: false } };

export default function RequestPage() {
  return (
    <EnrollShell>
      <header>
        <h1 className="text-2xl font-semibold leading-tight">Request a device certificate</h1>
        <p className="mt-2 text-slate-600">
          Ask your IT administrator for a certificate for your iPhone or iPad. After you send this form you will get a page that shows when your request is approved.
        </p>
      </header>
      <Card>
        <RequestForm />
      </Card>
    </EnrollShell>
  );
}
