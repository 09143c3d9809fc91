'use client';

import type { FormAction } from './action-button';
import { inputClass } from './classes';
import { SubmitButton } from './submit-button';
import { useActionForm } from './use-action-form';

/**
 * An action that takes a reason: revoke with an RFC 5280 reason, reject with an explanation. The reason is a <select>
 * when `options` are given, free text otherwise; `commentName` adds a free-text comment next to a select.
 */
export function ReasonActionForm({
  action,
  fields,
  label,
  reasonLabel,
  options,
  commentName,
  variant = 'danger',
  required = false,
  stacked = false,
}: {
  action: FormAction;
  fields: Record<string, string>;
  label: string;
  reasonLabel: string;
  options?: { value: string; label: string }[];
  commentName?: string;
  variant?: 'danger' | 'primary' | 'secondary';
  required?: boolean;
  /** Always one field under the other (inside narrow containers). */
  stacked?: boolean;
}) {
  const { state, pending, onSubmit } = useActionForm(action, { resetOnSuccess: true });
  const id = `${label}-${Object.values(fields).join('-')}`.replace(/[^a-zA-Z0-9-]/g, '');
  const error = state.fieldErrors.reason ?? state.fieldErrors.comment;
  return (
    <form onSubmit={onSubmit} className={`flex flex-col gap-2 ${stacked ? 'items-start' : 'sm:flex-row sm:items-end'}`}>
      {Object.entries(fields).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <div className="w-full min-w-0 flex-1">
        <label htmlFor={`${id}-reason`} className="block text-xs font-medium text-slate-600">
          {reasonLabel}
        </label>
        {options ? (
          <select id={`${id}-reason`} name="reason" className={`${inputClass} mt-1`}>
            {options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        ) : (
          <input id={`${id}-reason`} name="reason" required={required} maxLength={500} className={`${inputClass} mt-1`} aria-invalid={error ? true : undefined} />
        )}
      </div>
      {commentName && (
        <div className="min-w-0 flex-1">
          <label htmlFor={`${id}-comment`} className="block text-xs font-medium text-slate-600">
            Comment (optional)
          </label>
          <input id={`${id}-comment`} name={commentName} maxLength={500} className={`${inputClass} mt-1`} />
        </div>
      )}
      <SubmitButton pending={pending} variant={variant}>{label}</SubmitButton>
      {error && <p className="text-xs font-medium text-red-700">{error}</p>}
    </form>
  );
}
