/** Best-effort client address: the first X-Forwarded-For hop when behind a proxy, else X-Real-IP. */
export function clientAddress(req: Request): string | null {
  const xff = req.headers.get('x-forwarded-for');
  if (xff) return xff.split(',')[0]!.trim() || null;
  return req.headers.get('x-real-ip');
}

export function userAgent(req: Request): string | null {
  return req.headers.get('user-agent');
}
