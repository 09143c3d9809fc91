import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { safeCallbackPath } from '@/lib/auth/callback-path';
import { oidcConfigured } from '@/lib/auth/options';
import { getAdminSession } from '@/lib/auth/session';
import { getRuntime } from '@/lib/server/runtime';
import { publicBaseUrl } from '@/lib/server/public-url';
import { readSearchParams, type SearchParams } from '@/app/admin/_lib/page-props';
import { LoginForm } from './login-form';
import { signInErrorMessage } from './sign-in-messages';

export const metadata: Metadata = { title: 'Sign in' };
export const dynamic = 'force-dynamic';

export default async function LoginPage({ searchParams }: { searchParams: SearchParams }) {
  const sp = await readSearchParams(searchParams);
  const callbackPath = safeCallbackPath(sp.callbackUrl, publicBaseUrl((await getRuntime()).env));
  if (await getAdminSession().catch(() => null)) redirect(callbackPath);
  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-6 text-center">
          <p className="text-sm font-semibold tracking-widest text-indigo-700 uppercase">Tessera</p>
          <h1 className="mt-2 text-2xl font-semibold tracking-tight text-slate-900">Sign in to the dashboard</h1>
          {sp.signedOut && <p className="mt-2 text-sm text-slate-600">You have signed out. Your sessions on other devices have ended too.</p>}
        </div>
        <div className="rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
          <LoginForm callbackPath={callbackPath} initialError={signInErrorMessage(sp.error)} oidc={oidcConfigured()} />
        </div>
        <p className="mt-4 text-center text-xs text-slate-500">Sessions end after 8 hours. Repeated wrong passwords lock sign-in for 15 minutes.</p>
      </div>
    </main>
  );
}
