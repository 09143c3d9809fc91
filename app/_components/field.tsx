import { inputClass } from './classes';

interface FieldProps {
  name: string;
  label: string;
  error?: string;
  hint?: React.ReactNode;
  children?: React.ReactNode;
}

/** A label, a control (an <input> unless children are given), a hint and the field's error. */
export function Field({ name, label, error, hint, children, ...input }: FieldProps & React.InputHTMLAttributes<HTMLInputElement>) {
  const id = `f-${name}`;
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
export function Select({ name, options, defaultValue, error }: { name: string; options: { value: string; label: string }[]; defaultValue?: string; error?: string }) {
  return (
    <select id={`f-${name}`} name={name} defaultValue={defaultValue} aria-invalid={error ? true : undefined} className={inputClass}>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}
