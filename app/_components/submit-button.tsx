'use client';

import { useFormStatus } from 'react-dom';
import { buttonClass } from './classes';

export function SubmitButton({
  children,
  pendingLabel,
  variant = 'primary',
  pending: busy,
}: {
  children: React.ReactNode;
  pendingLabel?: string;
  variant?: keyof typeof buttonClass;
  /** From useActionForm; without it, the enclosing <form action>'s status. */
  pending?: boolean;
}) {
  const status = useFormStatus();
  const pending = busy ?? status.pending;
  return (
    <button type="submit" disabled={pending} aria-disabled={pending} className={buttonClass[variant]}>
      {pending ? (pendingLabel ?? 'Working…') : children}
    </button>
  );
}
