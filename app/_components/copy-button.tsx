'use client';

import { useState } from 'react';
import { buttonClass } from './classes';

export function CopyButton({ value, label = 'Copy' }: { value: string; label?: string }) {
  const [copied, setCopied] = useState<'idle' | 'done' | 'failed'>('idle');
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopied('done');
    } catch {
      setCopied('failed');
    }
    setTimeout(() => setCopied('idle'), 2500);
  }
  return (
    <button type="button" onClick={copy} className={buttonClass.secondary} aria-live="polite">
      {copied === 'done' ? 'Copied' : copied === 'failed' ? 'Select and copy manually' : label}
    </button>
  );
}
