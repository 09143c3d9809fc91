import { apiRoute } from '@/lib/http/api-route';
import { getCertificateDetail, getCertificatePem } from '@/lib/server/certificates/certificates';

export const dynamic = 'force-dynamic';

/** JSON by default; the PEM itself with `Accept: application/x-pem-file`. */
export const GET = apiRoute({}, async ({ req, params, runtime }) => {
  const serial = params.serial ?? '';
  if ((req.headers.get('accept') ?? '').includes('application/x-pem-file')) {
    const pem = await getCertificatePem(runtime, { serial });
    return new Response(pem, { headers: { 'Content-Type': 'application/x-pem-file', 'Content-Disposition': `attachment; filename="${serial}.pem"`, 'Cache-Control': 'no-store' } });
  }
  return getCertificateDetail(runtime, { serial });
});
