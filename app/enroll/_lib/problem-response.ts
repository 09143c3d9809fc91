/**
 * A small self-contained HTML page for a profile download that can't be served. Safari shows it instead of trying
 * to install something; it never looks like (or is) a broken profile. Inline styles: no stylesheet is linked here.
 */
import { LINK_PROBLEMS, type LinkProblem } from './link-problems';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function htmlPage(status: number, title: string, text: string): Response {
  const body = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(title)}</title>
<style>body{margin:0;font:16px/1.5 -apple-system,system-ui,sans-serif;background:#f8fafc;color:#0f172a}
main{max-width:28rem;margin:0 auto;padding:3rem 1.25rem}h1{font-size:1.375rem;line-height:1.3;margin:0 0 .75rem}p{color:#475569;margin:0}</style>
</head><body><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p></main></body></html>
`;
  return new Response(body, { status, headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' } });
}

export function problemResponse(problem: LinkProblem): Response {
  const p = LINK_PROBLEMS[problem];
  return htmlPage(p.status, p.title, p.text);
}
