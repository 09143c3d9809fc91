'use client';

import { useFormStatus } from 'react-dom';
import { buttonClass } from './classes';

export function SubmitButton({ children, pendingLabel, variant = 'primary', name, value }: { children: React.ReactNode; pendingLabel?: string; variant?: keyof typeof buttonClass; name?: string; value?: string }) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" name={name} value={value} disabled={pending} aria-disabled={pending} className={buttonClass[variant]}>
      {pending ? (pendingLabel ?? 'Working…') : children}
    </button>
  );
}
