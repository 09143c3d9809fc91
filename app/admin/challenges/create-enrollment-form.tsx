'use client';

import type { ActionState } from '@/app/_components/action-state';
import { buttonClass } from '@/app/_components/classes';
import { CopyButton } from '@/app/_components/copy-button';
import { formatUtc } from '@/app/_components/date-time';
import { Field, Select } from '@/app/_components/field';
import { SubmitButton } from '@/app/_components/submit-button';
import { useActionForm } from '@/app/_components/use-action-form';
import type { CreatedEnrollmentResult } from './actions';
import { APPROVAL_OPTIONS, ENROLLMENT_TTL_OPTIONS } from './options';

type Action = (prev: ActionState<CreatedEnrollmentResult>, form: FormData) => Promise<ActionState<CreatedEnrollmentResult>>;

export function CreateEnrollmentForm({ action, templates }: { action: Action; templates: { value: string; label: string }[] }) {
  const { state, pending, onSubmit } = useActionForm(action, { resetOnSuccess: true });
  const created = state.status === 'success' ? state.result : undefined;
  const e = state.fieldErrors;
  return (
    <div className="space-y-4">
      <form onSubmit={onSubmit} className="space-y-4">
        <div className="grid gap-4 sm:grid-cols-2">
          <Field idPrefix="enrollment" name="email" label="E-mail" type="email" required autoComplete="off" error={e.email} placeholder="anna@example.com" />
          <Field idPrefix="enrollment" name="username" label="Username (optional)" autoComplete="off" error={e.username} hint="For templates that use {username}." />
          <Field idPrefix="enrollment" name="template" label="Profile template" error={e.template}>
            <Select idPrefix="enrollment" name="template" options={templates} error={e.template} />
          </Field>
          <Field idPrefix="enrollment" name="approval" label="Approval" error={e.approval}>
            <Select idPrefix="enrollment" name="approval" options={APPROVAL_OPTIONS} defaultValue="auto" error={e.approval} />
          </Field>
          <Field idPrefix="enrollment" name="ttlSeconds" label="Link expires after" error={e.ttlSeconds}>
            <Select idPrefix="enrollment" name="ttlSeconds" options={ENROLLMENT_TTL_OPTIONS} defaultValue="604800" error={e.ttlSeconds} />
          </Field>
          <Field idPrefix="enrollment" name="maxDownloads" label="Profile downloads allowed" type="number" min={1} max={20} defaultValue={3} error={e.maxDownloads} />
        </div>
        <SubmitButton pending={pending} pendingLabel="Creating…">Create enrollment link</SubmitButton>
      </form>
      {created && (
        <div className="rounded-md bg-emerald-50 p-4 ring-1 ring-emerald-200" aria-live="polite">
          <p className="text-sm font-medium text-emerald-900">Send this link to {created.email}. It is shown only now.</p>
          <div className="mt-3 flex flex-col gap-4 sm:flex-row">
            {/* eslint-disable-next-line @next/next/no-img-element -- a data: URL, nothing to optimise */}
            <img src={created.qrDataUrl} alt={`QR code for the enrollment link of ${created.email}`} width={160} height={160} className="h-40 w-40 shrink-0 rounded bg-white p-1 ring-1 ring-emerald-200" />
            <div className="min-w-0 space-y-2">
              <code className="block rounded bg-white px-2 py-1.5 font-mono text-xs break-all text-slate-900 ring-1 ring-emerald-200">{created.enrollUrl}</code>
              <div className="flex flex-wrap gap-2">
                <CopyButton value={created.enrollUrl} label="Copy link" />
                <a className={buttonClass.secondary} href={created.downloadPath} download>
                  Download profile
                </a>
              </div>
              <p className="text-xs text-emerald-900">Expires {formatUtc(created.expiresAt)}. Open it on the iPhone or iPad in Safari, or scan the code.</p>
            </div>
          </div>
        </div>
      )}
    </div>
  );
}
