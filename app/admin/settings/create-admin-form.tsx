'use client';

import { useActionState, useEffect, useRef } from 'react';
import { idleState, type ActionState } from '@/app/_components/action-state';
import { Field } from '@/app/_components/field';
import { SubmitButton } from '@/app/_components/submit-button';
import { Toast } from '@/app/_components/toast';

type Action = (prev: ActionState, form: FormData) => Promise<ActionState>;

export function CreateAdminForm({ action, minPasswordLength }: { action: Action; minPasswordLength: number }) {
  const [state, formAction] = useActionState(action, idleState);
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state.status === 'success') formRef.current?.reset();
  }, [state]);
  const e = state.fieldErrors;
  return (
    <form ref={formRef} action={formAction} className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-3">
        <Field name="email" label="E-mail" type="email" required autoComplete="off" error={e.email} />
        <Field name="name" label="Name (optional)" autoComplete="off" maxLength={200} error={e.name} />
        <Field name="password" label="Initial password" type="password" required minLength={minPasswordLength} autoComplete="new-password" error={e.password} hint={`At least ${minPasswordLength} characters.`} />
      </div>
      <SubmitButton pendingLabel="Creating…">Add admin</SubmitButton>
      <Toast state={state} />
    </form>
  );
}
