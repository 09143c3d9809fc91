/** The HTTP answer for a signed profile; shared by the public link and the admin API. */
import type { IssuedProfile } from './issue-enrollment-profile';

export function profileResponse(profile: IssuedProfile): Response {
  return new Response(new Uint8Array(profile.body), {
    status: 200,
    headers: {
      'Content-Type': 'application/x-apple-aspen-config',
      'Content-Disposition': `attachment; filename="${profile.filename}"`,
      'Content-Length': String(profile.body.length),
      // Every download carries a fresh one-time challenge: no cache may keep or replay it.
      'Cache-Control': 'no-store',
    },
  });
}
