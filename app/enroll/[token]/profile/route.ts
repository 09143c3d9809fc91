import { requestMetadata } from '@/lib/http/request-metadata';
import { AppError } from '@/lib/server/errors';
import { issueEnrollmentProfile } from '@/lib/server/enrollments/issue-enrollment-profile';
import { profileResponse } from '@/lib/server/enrollments/profile-response';
import { getRuntime } from '@/lib/server/runtime';
import { htmlPage, problemResponse } from '../../_lib/problem-response';
import type { LinkProblem } from '../../_lib/link-problems';

export const dynamic = 'force-dynamic';

const goneProblem = (state: unknown): LinkProblem => (state === 'expired' || state === 'revoked' ? state : 'used');

export async function GET(req: Request, ctx: { params: Promise<{ token: string }> }): Promise<Response> {
  const { token } = await ctx.params;
  try {
    const runtime = await getRuntime();
    const profile = await issueEnrollmentProfile(runtime, { token, actor: { id: 'enrollment-link', sourceAddress: requestMetadata(req, runtime.env).address } });
    return profileResponse(profile);
  } catch (e) {
    if (e instanceof AppError && e.code === 'not_found') return problemResponse('unknown');
    if (e instanceof AppError && e.code === 'gone') return problemResponse(goneProblem(e.details?.state));
    console.error('[tessera] enrollment profile download failed', e);
    return htmlPage(500, 'Something went wrong', 'The profile could not be prepared. Please try again in a minute, or contact your IT administrator.');
  }
}
