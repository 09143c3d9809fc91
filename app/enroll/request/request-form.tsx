'use client';
import { useActionState } from 'react';
import { submitRequestAction } from './actions';
import { INITIAL_REQUEST_FORM_STATE, type RequestField } from './request-form-state';

const inputClass =
  'mt-1 block w-full rounded-lg border border-slate-300 bg-white px-3 py-3 text-base shadow-sm focus:border-indigo-600 focus:outline-none focus:ring-2 focus:ring-indigo-600/40 aria-[invalid=true]:border-red-600';

function FieldError({ id, message }: { id: string; message: string | undefined }) {
  return message ? (
    <p id={id} className="mt-1 text-sm text-red-700">
      {message}
    </p>
  ) : null;
}

export function RequestForm() {
  const [state, action, pending] = useActionState(submitRequestAction, INITIAL_REQUEST_FORM_STATE);
  const field = (name: RequestField) => ({
    id: name,
    name,
    defaultValue: state.values[name],
    'aria-invalid': state.fieldErrors[name] ? true : undefined,
    'aria-describedby': state.fieldErrors[name] ? `${name}-error` : undefined,
  });
  return (
    // key: remount after each answer so defaultValue shows what was sent (React resets uncontrolled forms after an action).
    <form key={JSON.stringify(state.values)} action={action} noValidate className="space-y-5">
      {state.formError ? (
        <p role="alert" className="rounded-lg bg-red-50 p-3 text-sm text-red-800 ring-1 ring-red-200">
          {state.formError}
        </p>
      ) : null}
      <div>
        <label htmlFor="name" className="block font-medium">
          Your name
        </label>
        <input {...field('name')} type="text" autoComplete="name" required maxLength={128} className={inputClass} />
        <FieldError id="name-error" message={state.fieldErrors.name} />
      </div>
      <div>
        <label htmlFor="email" className="block font-medium">
          Work e-mail address
        </label>
        <input {...field('email')} type="email" autoComplete="email" inputMode="email" autoCapitalize="none" required maxLength={254} className={inputClass} />
        <FieldError id="email-error" message={state.fieldErrors.email} />
      </div>
      <div>
        <label htmlFor="reason" className="block font-medium">
          Reason <span className="font-normal text-slate-500">(optional)</span>
        </label>
        <textarea {...field('reason')} rows={3} maxLength={500} className={inputClass} />
        <FieldError id="reason-error" message={state.fieldErrors.reason} />
      </div>
      <button
        type="submit"
        disabled={pending}
        className="block w-full rounded-xl bg-indigo-600 px-5 py-4 text-lg font-semibold text-white hover:bg-indigo-700 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 disabled:opacity-60"
      >
        {pending ? 'Sending…' : 'Send request'}
      </button>
    </form>
  );
}
