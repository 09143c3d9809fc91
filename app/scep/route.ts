import { scepEndpoint } from '@/lib/http/scep-endpoint';

export const dynamic = 'force-dynamic';

export const GET = scepEndpoint;
export const POST = scepEndpoint;
export const PUT = scepEndpoint;
export const DELETE = scepEndpoint;
