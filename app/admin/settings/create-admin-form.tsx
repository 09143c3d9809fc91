'use client';

import type { ActionState } from '@/app/_components/action-state';
import { Field } from '@/app/_components/field';
import { SubmitButton } from '@/app/_components/submit-button';
import { useActionForm } from '@/app/_components/use-action-form';

type Action = (prev: ActionState, form: FormData) => Promise<ActionState>;

export function CreateAdminForm({ action, minPasswordLength }: { action: Action; minPasswordLength: number }) {
  const { state, pending, onSubmit } = useActionForm(action, { resetOnSuccess: true });
  const e = state.fieldErrors;
  return (
    <form onSubmit={onSubmit} className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-3">
        <Field name="email" label="E-mail" type="email" required autoComplete="off" error={e.email} />
        <Field name="name" label="Name (optional)" autoComplete="off" maxLength={200} error={e.name} />
        <Field name="password" label="Initial password" type="password" required minLength={minPasswordLength} autoComplete="new-password" error={e.password} hint={`At least ${minPasswordLength} characters.`} />
      </div>
      <SubmitButton pending={pending} pendingLabel="Creating…">Add admin</SubmitButton>
    </form>
  );
}
