'use client';

import { useActionState } from 'react';
import { idleState, type ActionState } from './action-state';
import { SubmitButton } from './submit-button';
import type { buttonClass } from './classes';
import { Toast } from './toast';

export type FormAction<R = undefined> = (prev: ActionState<R>, form: FormData) => Promise<ActionState<R>>;

/** One button that runs a server action for one row (revoke, approve…), with an optional confirmation. */
export function ActionButton({
  action,
  fields,
  label,
  pendingLabel,
  confirm,
  variant = 'small',
}: {
  action: FormAction;
  fields: Record<string, string>;
  label: string;
  pendingLabel?: string;
  confirm?: string;
  variant?: keyof typeof buttonClass;
}) {
  const [state, formAction] = useActionState(action, idleState);
  return (
    <form
      action={formAction}
      onSubmit={(e) => {
        if (confirm && !window.confirm(confirm)) e.preventDefault();
      }}
    >
      {Object.entries(fields).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <SubmitButton variant={variant} pendingLabel={pendingLabel}>
        {label}
      </SubmitButton>
      <Toast state={state} />
    </form>
  );
}
