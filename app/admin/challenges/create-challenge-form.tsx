'use client';

import type { ActionState } from '@/app/_components/action-state';
import { inputClass } from '@/app/_components/classes';
import { CopyButton } from '@/app/_components/copy-button';
import { formatUtc } from '@/app/_components/date-time';
import { Field, Select } from '@/app/_components/field';
import { SubmitButton } from '@/app/_components/submit-button';
import { useActionForm } from '@/app/_components/use-action-form';
import type { CreatedChallenge } from '@/lib/server/challenges/create-challenge';
import { APPROVAL_OPTIONS, CHALLENGE_TTL_OPTIONS } from './options';

type Action = (prev: ActionState<CreatedChallenge>, form: FormData) => Promise<ActionState<CreatedChallenge>>;

/** An error about one SAN ("sans.1.value") shown under the SANs field. */
const sanError = (errors: Record<string, string>) => Object.entries(errors).find(([k]) => k.startsWith('sans.'))?.[1];

export function CreateChallengeForm({ action, scepUrl, defaultTtlSeconds }: { action: Action; scepUrl: string; defaultTtlSeconds: number }) {
  const { state, pending, onSubmit } = useActionForm(action, { resetOnSuccess: true });
  const created = state.status === 'success' ? state.result : undefined;
  const e = state.fieldErrors;
  const ttlDefault = CHALLENGE_TTL_OPTIONS.some((o) => o.value === String(defaultTtlSeconds)) ? String(defaultTtlSeconds) : '3600';
  return (
    <div className="space-y-4">
      <form onSubmit={onSubmit} className="space-y-4">
        <div className="grid gap-4 sm:grid-cols-2">
          <Field idPrefix="challenge" name="ttlSeconds" label="Expires after" error={e.ttlSeconds}>
            <Select idPrefix="challenge" name="ttlSeconds" options={CHALLENGE_TTL_OPTIONS} defaultValue={ttlDefault} error={e.ttlSeconds} />
          </Field>
          <Field idPrefix="challenge" name="approval" label="Approval" error={e.approval}>
            <Select idPrefix="challenge" name="approval" options={APPROVAL_OPTIONS} defaultValue="auto" error={e.approval} />
          </Field>
        </div>
        <Field idPrefix="challenge" name="note" label="Note (optional)" error={e.note} maxLength={500} placeholder="e.g. Anna’s iPad, ticket 4711" hint="Shown next to the request and in the audit log." />
        <div className="grid gap-4 sm:grid-cols-2">
          <Field
            idPrefix="challenge"
            name="subject"
            label="Certificate subject (optional)"
            error={e.subject}
            maxLength={1024}
            placeholder="CN=anna@example.com,O=Example Corp"
            hint="Binds the challenge: the certificate carries exactly this subject and these SANs, and a request naming anything else is refused. Empty: the identity policy in Settings decides."
          />
          <Field idPrefix="challenge" name="sans" label="SANs (optional, with a subject)" error={e.sans ?? sanError(e)}>
            <textarea id="f-challenge-sans" name="sans" rows={2} maxLength={4000} placeholder={'email:anna@example.com\ndns:anna-ipad.example.com'} className={inputClass} />
          </Field>
        </div>
        <SubmitButton pending={pending} pendingLabel="Creating…">Create challenge</SubmitButton>
      </form>
      {created && (
        <div className="rounded-md bg-emerald-50 p-4 ring-1 ring-emerald-200" aria-live="polite">
          <p className="text-sm font-medium text-emerald-900">Copy this challenge now. It will not be shown again.</p>
          <div className="mt-2 flex flex-wrap items-center gap-2">
            <code className="rounded bg-white px-2 py-1.5 font-mono text-base break-all text-slate-900 ring-1 ring-emerald-200">{created.challenge}</code>
            <CopyButton value={created.challenge} />
          </div>
          <p className="mt-2 text-xs text-emerald-900">
            {created.approval === 'manual' ? 'Needs approval in Requests' : 'Issues at once'} · expires {formatUtc(created.expiresAt)} · SCEP URL{' '}
            <code className="break-all">{scepUrl}</code>
          </p>
          <p className="mt-1 text-xs text-emerald-900">
            {created.identity ? (
              <>
                Bound to <code className="break-all">{created.identity.subject}</code>
                {created.identity.sans.length ? ` with ${created.identity.sans.map((s) => `${s.type}:${s.value}`).join(', ')}` : ''}.
              </>
            ) : (
              'Unbound: the identity policy in Settings decides what it may issue.'
            )}
          </p>
        </div>
      )}
    </div>
  );
}
