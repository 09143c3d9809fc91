'use client';

import type { ActionState } from './action-state';
import type { buttonClass } from './classes';
import { SubmitButton } from './submit-button';
import { useActionForm } from './use-action-form';

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
  const { pending, onSubmit } = useActionForm(action, { confirm });
  return (
    <form onSubmit={onSubmit}>
      {Object.entries(fields).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <SubmitButton variant={variant} pendingLabel={pendingLabel} pending={pending}>
        {label}
      </SubmitButton>
    </form>
  );
}
