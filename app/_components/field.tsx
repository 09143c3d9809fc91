import { inputClass } from './classes';

interface FieldProps {
  name: string;
  /** Distinguishes same-named fields of two forms on one page (ids must be unique for labels to work). */
  idPrefix?: string;
  label: string;
  error?: string;
  hint?: React.ReactNode;
  children?: React.ReactNode;
}

/** A label, a control (an <input> unless children are given), a hint and the field's error. */
export const fieldId = (name: string, idPrefix?: string) => `f-${idPrefix ? `${idPrefix}-` : ''}${name}`;

export function Field({ name, idPrefix, label, error, hint, children, ...input }: FieldProps & React.InputHTMLAttributes<HTMLInputElement>) {
  const id = fieldId(name, idPrefix);
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <div className="mt-1">
        {children ?? <input id={id} name={name} aria-invalid={error ? true : undefined} aria-describedby={describedBy} className={inputClass} {...input} />}
      </div>
      {hint && (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="mt-1 text-xs font-medium text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}

/** A <select> styled like the inputs, for use inside <Field>. */
export function Select({ name, idPrefix, options, defaultValue, error }: { name: string; idPrefix?: string; options: { value: string; label: string }[]; defaultValue?: string; error?: string }) {
  return (
    <select id={fieldId(name, idPrefix)} name={name} defaultValue={defaultValue} aria-invalid={error ? true : undefined} className={inputClass}>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}
