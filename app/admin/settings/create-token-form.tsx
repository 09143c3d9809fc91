'use client';

import type { ActionState } from '@/app/_components/action-state';
import { CopyButton } from '@/app/_components/copy-button';
import { Field } from '@/app/_components/field';
import { SubmitButton } from '@/app/_components/submit-button';
import { useActionForm } from '@/app/_components/use-action-form';
import type { CreatedToken } from './actions';

type Action = (prev: ActionState<CreatedToken>, form: FormData) => Promise<ActionState<CreatedToken>>;

export function CreateTokenForm({ action }: { action: Action }) {
  const { state, pending, onSubmit } = useActionForm(action, { resetOnSuccess: true });
  const created = state.status === 'success' ? state.result : undefined;
  return (
    <div className="space-y-3">
      <form onSubmit={onSubmit} className="flex flex-col gap-3 sm:flex-row sm:items-end">
        <div className="flex-1">
          <Field name="name" label="New token name" required maxLength={100} placeholder="e.g. jamf-integration" error={state.fieldErrors.name} />
        </div>
        <SubmitButton pending={pending} pendingLabel="Creating…">Create token</SubmitButton>
      </form>
      {created && (
        <div className="rounded-md bg-emerald-50 p-4 ring-1 ring-emerald-200" aria-live="polite">
          <p className="text-sm font-medium text-emerald-900">Token “{created.name}”: copy it now, it will not be shown again.</p>
          <div className="mt-2 flex flex-wrap items-center gap-2">
            <code className="rounded bg-white px-2 py-1.5 font-mono text-xs break-all text-slate-900 ring-1 ring-emerald-200">{created.token}</code>
            <CopyButton value={created.token} />
          </div>
          <p className="mt-2 text-xs text-emerald-900">Send it as <code>Authorization: Bearer …</code> to /api/v1.</p>
        </div>
      )}
    </div>
  );
}
