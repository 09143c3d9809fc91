import { getServerSession } from 'next-auth';
import { redirect } from 'next/navigation';
import type { Actor } from '../server/audit/record-audit';
import { authOptions } from './options';

export interface AdminSession {
  email: string;
  actor: Actor;
}

/** The signed-in admin, or null. Works in server components, server actions and route handlers. */
export async function getAdminSession(sourceAddress: string | null = null): Promise<AdminSession | null> {
  const session = await getServerSession(authOptions);
  const email = session?.user?.email;
  return email ? { email, actor: { id: `admin:${email}`, sourceAddress } } : null;
}

/** For pages and server actions: the admin, or a redirect to the sign-in form. */
export async function requireAdmin(callbackPath = '/admin'): Promise<AdminSession> {
  const admin = await getAdminSession();
  if (!admin) redirect(`/login?callbackUrl=${encodeURIComponent(callbackPath)}`);
  return admin;
}
