import type { Metadata } from 'next';
import Link from 'next/link';
import { getAdminSession } from '@/lib/auth/session';
import { pendingCounts } from '@/lib/server/dashboard/pending-counts';
import { getRuntime } from '@/lib/server/runtime';
import { NavLinks } from '@/app/_components/nav-links';
import { SignOutButton } from '@/app/_components/sign-out-button';
import { ToastProvider } from '@/app/_components/toast';

export const metadata: Metadata = { title: { default: 'Dashboard', template: '%s · Tessera' } };
export const dynamic = 'force-dynamic';

/** The dashboard shell. Pages check the session themselves; without one this renders only the page (which redirects). */
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const admin = await getAdminSession().catch(() => null);
  if (!admin) return <>{children}</>;
  const runtime = await getRuntime();
  const pending = await pendingCounts(runtime).catch(() => ({ scepRequests: 0, enrollmentRequests: 0 }));
  const items = [
    { href: '/admin', label: 'Overview' },
    { href: '/admin/challenges', label: 'Challenges & enrollments' },
    { href: '/admin/requests', label: 'Requests', badge: pending.scepRequests + pending.enrollmentRequests },
    { href: '/admin/certificates', label: 'Certificates' },
    { href: '/admin/log', label: 'SCEP log' },
    { href: '/admin/settings', label: 'Settings' },
    { href: '/admin/audit', label: 'Audit log' },
  ];
  return (
    <div className="min-h-screen lg:flex">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-sm">
        Skip to content
      </a>
      <header className="bg-slate-900 text-white lg:w-64 lg:shrink-0">
        <div className="lg:sticky lg:top-0 lg:flex lg:h-screen lg:flex-col">
          <div className="flex items-center justify-between gap-3 px-4 pt-3 pb-2 lg:px-5 lg:pt-6 lg:pb-5">
            <Link href="/admin" className="text-lg font-semibold tracking-tight focus-visible:outline-2 focus-visible:outline-indigo-400">
              Tessera
            </Link>
            <div className="lg:hidden">
              <SignOutButton />
            </div>
          </div>
          <nav aria-label="Dashboard" className="px-2 pb-2 lg:flex-1 lg:px-3">
            <NavLinks items={items} />
          </nav>
          <div className="hidden border-t border-slate-800 px-5 py-4 lg:block">
            <p className="truncate text-xs text-slate-400" title={admin.email}>
              {admin.email}
            </p>
            <div className="mt-2 -ml-2.5">
              <SignOutButton />
            </div>
          </div>
        </div>
      </header>
      <main id="main" className="min-w-0 flex-1 px-4 py-6 sm:px-6 lg:px-10 lg:py-10">
        <div className="mx-auto max-w-6xl">
          <ToastProvider>{children}</ToastProvider>
        </div>
      </main>
    </div>
  );
}
