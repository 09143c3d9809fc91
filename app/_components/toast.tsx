'use client';

import { createContext, useCallback, useContext, useState } from 'react';
import type { ActionState } from './action-state';

interface ToastItem {
  id: number;
  ok: boolean;
  message: string;
}

const ToastContext = createContext<(t: Omit<ToastItem, 'id'>) => void>(() => {});

/**
 * Holds the dashboard's toasts above the page, so a message survives its form disappearing (an approved request
 * leaves the list, and its row's form with it). Successes fade after a few seconds; errors stay until dismissed.
 */
export function ToastProvider({ children }: { children: React.ReactNode }) {
  const [toasts, setToasts] = useState<ToastItem[]>([]);
  const dismiss = useCallback((id: number) => setToasts((ts) => ts.filter((t) => t.id !== id)), []);
  const push = useCallback(
    (t: Omit<ToastItem, 'id'>) => {
      const id = Date.now() + Math.random();
      setToasts((ts) => [...ts.slice(-2), { ...t, id }]);
      if (t.ok) setTimeout(() => dismiss(id), 6000);
    },
    [dismiss],
  );
  return (
    <ToastContext.Provider value={push}>
      {children}
      <div aria-live="polite" className="pointer-events-none fixed right-4 bottom-4 left-4 z-50 flex flex-col items-end gap-2 sm:left-auto">
        {toasts.map((t) => (
          <div
            key={t.id}
            role={t.ok ? 'status' : 'alert'}
            className={`pointer-events-auto flex w-full items-start gap-3 rounded-lg px-4 py-3 text-sm shadow-lg ring-1 sm:max-w-md ${
              t.ok ? 'bg-emerald-50 text-emerald-900 ring-emerald-200' : 'bg-red-50 text-red-900 ring-red-200'
            }`}
          >
            <span aria-hidden className="mt-0.5">
              {t.ok ? '✓' : '!'}
            </span>
            <p className="flex-1">{t.message}</p>
            <button type="button" onClick={() => dismiss(t.id)} className="rounded px-1 text-slate-500 hover:text-slate-800 focus-visible:outline-2 focus-visible:outline-indigo-600" aria-label="Dismiss">
              ✕
            </button>
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}

/**
 * Wraps a server action so its outcome becomes a toast as soon as it answers: from the action itself, not from an
 * effect, because the answer often removes the form that sent it (an approved request leaves its list).
 */
export function useToastingAction<R>(action: (prev: ActionState<R>, form: FormData) => Promise<ActionState<R>>) {
  const push = useContext(ToastContext);
  return useCallback(
    async (prev: ActionState<R>, form: FormData): Promise<ActionState<R>> => {
      const state = await action(prev, form);
      if (state.status !== 'idle' && state.message) push({ ok: state.status === 'success', message: state.message });
      return state;
    },
    [action, push],
  );
}
