import type { Deps } from '../deps';

export interface AdminUserView {
  id: string;
  email: string;
  name: string | null;
  createdAt: string;
  lastLoginAt: string | null;
  disabled: boolean;
}

/** Admins for the settings page; password hashes never leave the store. */
export async function listAdminUsers({ db }: Deps<'db'>): Promise<AdminUserView[]> {
  const rows = await db.adminUser.findMany({
    orderBy: { createdAt: 'asc' },
    select: { id: true, email: true, name: true, createdAt: true, lastLoginAt: true, disabled: true },
  });
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString(), lastLoginAt: r.lastLoginAt?.toISOString() ?? null }));
}
