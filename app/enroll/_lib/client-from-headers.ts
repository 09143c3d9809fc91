import { headers } from 'next/headers';
import { clientAddress, userAgent } from '@/lib/http/client-info';

/** Client address and user agent inside a page or server action, parsed by the same code as route handlers. */
export async function clientFromHeaders(): Promise<{ address: string | null; userAgent: string | null }> {
  const req = new Request('http://tessera.invalid/', { headers: await headers() });
  return { address: clientAddress(req), userAgent: userAgent(req) };
}
