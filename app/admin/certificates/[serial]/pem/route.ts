import { getCertificatePem } from '@/lib/server/certificates/certificates';
import { AppError } from '@/lib/server/errors';
import { getRuntime } from '@/lib/server/runtime';
import { adminOrUnauthorized } from '../../../_lib/route-auth';

export const dynamic = 'force-dynamic';

/** GET /admin/certificates/{serial}/pem — the issued certificate as a PEM file (admins only). */
export async function GET(_req: Request, ctx: { params: Promise<{ serial: string }> }): Promise<Response> {
  const admin = await adminOrUnauthorized();
  if (admin instanceof Response) return admin;
  const { serial } = await ctx.params;
  try {
    const pem = await getCertificatePem(await getRuntime(), { serial });
    const name = serial.toLowerCase().replace(/[^0-9a-f]/g, '').slice(0, 40);
    return new Response(pem, {
      headers: { 'Content-Type': 'application/x-pem-file', 'Content-Disposition': `attachment; filename="certificate-${name}.pem"`, 'Cache-Control': 'no-store' },
    });
  } catch (e) {
    if (e instanceof AppError && e.code === 'not_found') return new Response('certificate not found\n', { status: 404 });
    throw e;
  }
}
