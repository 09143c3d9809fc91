'use client';

import { startTransition, useActionState, useEffect, useRef } from 'react';
import { idleState, type ActionState } from './action-state';
import { useToastingAction } from './toast';

type Action<R> = (prev: ActionState<R>, form: FormData) => Promise<ActionState<R>>;

/**
 * Runs a server action from a form's submit event. Unlike `<form action>`, this does not reset the form afterwards,
 * so a field error leaves what the admin typed in place. The outcome also becomes a toast.
 */
export function useActionForm<R>(action: Action<R>, opts: { confirm?: string; resetOnSuccess?: boolean } = {}) {
  const [state, dispatch, pending] = useActionState(useToastingAction(action), idleState as ActionState<R>);
  const lastForm = useRef<HTMLFormElement | null>(null);
  const { resetOnSuccess } = opts;
  useEffect(() => {
    if (resetOnSuccess && state.status === 'success') lastForm.current?.reset();
  }, [resetOnSuccess, state]);
  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (opts.confirm && !window.confirm(opts.confirm)) return;
    const submitter = (e.nativeEvent as SubmitEvent).submitter;
    lastForm.current = e.currentTarget;
    const form = new FormData(e.currentTarget, submitter);
    startTransition(() => dispatch(form));
  }
  return { state, pending, onSubmit };
}
