/**
 * The SCEP HTTP glue shared by every SCEP path (/scep, /cgi-bin/pkiclient.exe, /scep/…/pkiclient.exe): raw query
 * (never form-decoded: `+` must stay `+`), raw body with a size limit, binary response with an exact Content-Type
 * (no charset) and Content-Length. Protocol decisions live in lib/scep and lib/server/scep.
 */
import { handleScepRequest, MAX_SCEP_BODY_BYTES, recordScepEvent } from '../server/scep/handle-scep-request';
import { getRuntime } from '../server/runtime';
import { readBodyLimited } from './read-body';
import { requestMetadata } from './request-metadata';

function textResponse(status: number, text: string, extra: Record<string, string> = {}): Response {
  const body = Buffer.from(`${text}\n`);
  return new Response(body, { status, headers: { 'Content-Type': 'text/plain', 'Content-Length': String(body.length), 'Cache-Control': 'no-store', ...extra } });
}

export async function scepEndpoint(req: Request): Promise<Response> {
  const url = new URL(req.url);
  const rawQuery = url.search.startsWith('?') ? url.search.slice(1) : url.search;
  const started = performance.now();
  let runtime;
  try {
    runtime = await getRuntime();
  } catch (e) {
    console.error('[tessera] SCEP unavailable', e);
    return textResponse(503, 'SCEP service unavailable');
  }
  const client = requestMetadata(req, runtime.env);
  let body: Uint8Array | null = null;
  if (req.method === 'POST' || req.method === 'PUT') {
    const read = await readBodyLimited(req, MAX_SCEP_BODY_BYTES);
    if (read === 'too-large') {
      const reason = `request body larger than ${MAX_SCEP_BODY_BYTES} bytes: refused before parsing`;
      await recordScepEvent(runtime, {
        operation: new URLSearchParams(rawQuery).get('operation') ?? 'PKIOperation',
        messageType: null,
        transactionId: null,
        outcome: 'http-error',
        httpStatus: 413,
        failInfo: null,
        reasonCode: 'body-too-large',
        reason,
        algorithms: null,
        durationMs: performance.now() - started,
        client,
      });
      return textResponse(413, reason);
    }
    body = read;
  }
  const res = await handleScepRequest(runtime, { method: req.method, rawQuery, body, client });
  const out = Buffer.from(res.body);
  return new Response(out, {
    status: res.status,
    headers: { 'Content-Type': res.contentType, 'Content-Length': String(out.length), 'Cache-Control': 'no-store', ...res.headers },
  });
}
