import { handleCliRequest } from '@/lib/http/cli-endpoint';

export const dynamic = 'force-dynamic';

export const POST = handleCliRequest;
