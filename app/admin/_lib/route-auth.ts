import { getAdminSession, type AdminSession } from '@/lib/auth/session';

/** For route handlers under /admin (downloads): the admin, or a 401 response. */
export async function adminOrUnauthorized(): Promise<AdminSession | Response> {
  const admin = await getAdminSession().catch(() => null);
  return admin ?? new Response('Sign in at /login first.\n', { status: 401, headers: { 'Content-Type': 'text/plain', 'Cache-Control': 'no-store' } });
}
