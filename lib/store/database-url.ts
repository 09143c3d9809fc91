/** Pool sizing: an embedded (pglite-socket) database must be reached over exactly one connection. */
export function isEmbeddedUrl(url: string): boolean {
  return /[?&]embedded=1\b/.test(url);
}

export function poolSizeFor(url: string, requested = 10): number {
  return isEmbeddedUrl(url) ? 1 : requested;
}

/** pg does not know our `embedded` marker; strip it before handing the URL to a driver. */
export function driverUrl(url: string): string {
  return url.replace(/([?&])embedded=1(&|$)/, (_m, pre: string, post: string) => (post ? pre : '')).replace(/[?&]$/, '');
}
