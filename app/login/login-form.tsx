'use client';

import { signIn } from 'next-auth/react';
import { useState } from 'react';
import { buttonClass, inputClass } from '@/app/_components/classes';
import { signInErrorMessage } from './sign-in-messages';

export function LoginForm({ callbackPath, initialError, oidc }: { callbackPath: string; initialError: string | null; oidc: boolean }) {
  const [error, setError] = useState<string | null>(initialError);
  const [busy, setBusy] = useState<'password' | 'sso' | null>(null);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setBusy('password');
    setError(null);
    try {
      const res = await signIn('credentials', {
        email: String(form.get('email') ?? ''),
        password: String(form.get('password') ?? ''),
        redirect: false,
        callbackUrl: callbackPath,
      });
      if (res?.ok && !res.error) {
        window.location.assign(callbackPath);
        return;
      }
      setError(signInErrorMessage(res?.error ?? 'unknown'));
    } catch {
      setError('Could not reach the server. Check your connection and try again.');
    }
    setBusy(null);
  }

  return (
    <div className="space-y-6">
      {error && (
        <div role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200">
          {error}
        </div>
      )}
      <form onSubmit={onSubmit} className="space-y-4" noValidate={false}>
        <div>
          <label htmlFor="email" className="block text-sm font-medium text-slate-800">
            E-mail
          </label>
          <input id="email" name="email" type="email" autoComplete="username" required autoFocus className={`${inputClass} mt-1`} />
        </div>
        <div>
          <label htmlFor="password" className="block text-sm font-medium text-slate-800">
            Password
          </label>
          <input id="password" name="password" type="password" autoComplete="current-password" required className={`${inputClass} mt-1`} />
        </div>
        <button type="submit" disabled={busy !== null} className={`${buttonClass.primary} w-full`}>
          {busy === 'password' ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      {oidc && (
        <>
          <div className="flex items-center gap-3 text-xs text-slate-400" aria-hidden>
            <span className="h-px flex-1 bg-slate-200" /> or <span className="h-px flex-1 bg-slate-200" />
          </div>
          <button
            type="button"
            disabled={busy !== null}
            onClick={() => {
              setBusy('sso');
              void signIn('oidc', { callbackUrl: callbackPath });
            }}
            className={`${buttonClass.secondary} w-full`}
          >
            {busy === 'sso' ? 'Redirecting…' : 'Sign in with single sign-on'}
          </button>
        </>
      )}
    </div>
  );
}
