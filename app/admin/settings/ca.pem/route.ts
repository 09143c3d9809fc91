import { getCaCertificatePem } from '@/lib/server/dashboard/authority-details';
import { getRuntime } from '@/lib/server/runtime';
import { adminOrUnauthorized } from '../../_lib/route-auth';

export const dynamic = 'force-dynamic';

/** GET /admin/settings/ca.pem — the SCEP CA certificate (public information, but this copy is for signed-in admins). */
export async function GET(): Promise<Response> {
  const admin = await adminOrUnauthorized();
  if (admin instanceof Response) return admin;
  const pem = await getCaCertificatePem(await getRuntime());
  return new Response(pem, {
    headers: { 'Content-Type': 'application/x-pem-file', 'Content-Disposition': 'attachment; filename="tessera-ca.pem"', 'Cache-Control': 'no-store' },
  });
}
