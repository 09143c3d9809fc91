'use client';

import { useEffect, useState } from 'react';
import type { ActionState } from './action-state';

/** Shows an action's outcome for a few seconds (errors stay until dismissed). */
export function Toast({ state }: { state: Pick<ActionState<unknown>, 'status' | 'message' | 'at'> }) {
  const [hiddenAt, setHiddenAt] = useState(0);
  const visible = state.message !== null && state.status !== 'idle' && hiddenAt !== state.at;
  useEffect(() => {
    if (!visible || state.status !== 'success') return;
    const t = setTimeout(() => setHiddenAt(state.at), 6000);
    return () => clearTimeout(t);
  }, [visible, state.status, state.at]);
  if (!visible) return null;
  const ok = state.status === 'success';
  return (
    <div
      role={ok ? 'status' : 'alert'}
      className={`fixed right-4 bottom-4 left-4 z-50 flex items-start gap-3 rounded-lg px-4 py-3 text-sm shadow-lg ring-1 sm:left-auto sm:max-w-md ${
        ok ? 'bg-emerald-50 text-emerald-900 ring-emerald-200' : 'bg-red-50 text-red-900 ring-red-200'
      }`}
    >
      <span aria-hidden className="mt-0.5">{ok ? '✓' : '!'}</span>
      <p className="flex-1">{state.message}</p>
      <button type="button" onClick={() => setHiddenAt(state.at)} className="rounded px-1 text-slate-500 hover:text-slate-800 focus-visible:outline-2 focus-visible:outline-indigo-600" aria-label="Dismiss">
        ✕
      </button>
    </div>
  );
}
