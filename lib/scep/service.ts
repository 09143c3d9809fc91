/**
 * The SCEP service over HTTP-neutral requests (RFC 8894 §4): GetCACaps, GetCACert and PKIOperation (GET or POST).
 * app/scep/route.ts turns a Next request into `ScepHttpRequest` and the result into a Response; everything
 * protocol-related, including the HTTP status codes, is decided here.
 */
import { spkiOfKey } from '../pki/x509';
import { capabilitiesFor, renderCapabilities } from './capabilities';
import { ContentType } from './constants';
import { decodeGetMessage, decodeOperation, rawQueryParam } from './http-decode';
import { handlePkiOperation, type PkiOperationContext } from './pki-operation';
import type { ScepReasonCode } from './reason-codes';
import type { ScepEvent, ScepHttpRequest, ScepHttpResponse, ScepService, ScepServiceConfig } from './types';

type Draft = Omit<ScepHttpResponse, 'event'> & { event: Omit<ScepEvent, 'durationMs' | 'client' | 'httpStatus'> };

const text = (s: string): Uint8Array => Buffer.from(s, 'utf8');

/** Client-chosen strings (operation, transactionID) go to the dashboard: no control characters. */
const printable = (s: string | null): string | null => (s === null ? null : s.replace(/[\u0000-\u001f\u007f]/g, '?'));

function plain(status: number, body: string, operation: string, reasonCode: ScepReasonCode, reason: string, headers?: Record<string, string>): Draft {
  return {
    status,
    contentType: ContentType.text,
    body: text(`${body}\n`),
    headers,
    event: { operation, messageType: null, transactionId: null, outcome: 'http-error', failInfo: null, reasonCode, reason, algorithms: null },
  };
}

function success(operation: string, contentType: string, body: Uint8Array, reasonCode: ScepReasonCode, reason: string): Draft {
  return {
    status: 200,
    contentType,
    body,
    event: { operation, messageType: null, transactionId: null, outcome: 'success', failInfo: null, reasonCode, reason, algorithms: null },
  };
}

const notAllowed = (method: string, op: string, allow: string) => plain(405, 'method not allowed', op, 'method-not-allowed', `${method} ${op}`, { Allow: allow });

/** Validates the configuration (throws on a CA key that does not match the certificate, or bad limits). */
export function createScepService(cfg: ScepServiceConfig): ScepService {
  const signer = cfg.ca;
  if (Buffer.compare(spkiOfKey(signer.privateKey), signer.certificate.spkiDer) !== 0) throw new Error('SCEP CA key does not match the CA certificate');
  if (signer.privateKey.asymmetricKeyType !== 'rsa') throw new Error('the SCEP CA key must be RSA (Apple refuses other recipients)');
  if (!(cfg.maxBodyBytes > 0) || !(cfg.minRsaBits >= 1024)) throw new Error('invalid SCEP limits');
  const capabilities = capabilitiesFor({ renewal: cfg.renewal });
  const capsBody = text(renderCapabilities(capabilities));
  const now = cfg.now ?? (() => new Date());

  async function pkiOperation(req: ScepHttpRequest): Promise<Draft> {
    const op = 'PKIOperation';
    let bytes: Uint8Array;
    if (req.method === 'POST') {
      bytes = req.body ?? new Uint8Array(0);
      if (bytes.length === 0) return plain(400, 'empty PKIOperation body', op, 'missing-message', 'POST PKIOperation with an empty body');
    } else {
      const raw = rawQueryParam(req.rawQuery, 'message');
      if (raw === null || raw === '') return plain(400, 'missing message parameter', op, 'missing-message', 'GET PKIOperation without a message parameter');
      // base64 is 4/3 of the binary size; refuse before decoding anything absurd.
      if (raw.length > cfg.maxBodyBytes * 2) return plain(413, 'message too large', op, 'body-too-large', `GET message parameter of ${raw.length} characters is over the limit`);
      const decoded = decodeGetMessage(raw);
      if (!decoded.ok) return plain(400, 'undecodable message parameter', op, 'undecodable-message', `GET PKIOperation: ${decoded.reason}`);
      bytes = decoded.bytes;
    }
    if (bytes.length > cfg.maxBodyBytes) {
      return plain(413, 'request too large', op, 'body-too-large', `pkiMessage of ${bytes.length} bytes is over the ${cfg.maxBodyBytes}-byte limit`);
    }
    const ctx: PkiOperationContext = {
      ca: signer,
      legacy: cfg.legacy,
      renewal: cfg.renewal,
      minRsaBits: cfg.minRsaBits,
      backend: cfg.backend,
      now,
      client: req.client,
    };
    const r = await handlePkiOperation(bytes, ctx);
    return {
      status: r.status,
      contentType: r.contentType,
      body: r.body,
      event: {
        operation: op,
        messageType: r.messageType,
        transactionId: r.transactionId,
        outcome: r.outcome,
        failInfo: r.failInfo,
        reasonCode: r.reasonCode,
        reason: r.reason,
        algorithms: r.algorithms,
      },
    };
  }

  async function route(req: ScepHttpRequest): Promise<Draft> {
    const method = req.method.toUpperCase();
    const { operation, given } = decodeOperation(req.rawQuery);
    const label = operation ?? given ?? '(none)';
    if (method !== 'GET' && method !== 'POST') {
      return plain(405, 'method not allowed', label, 'method-not-allowed', `${method} is not a SCEP method`, { Allow: 'GET, POST' });
    }
    if (method === 'POST' && req.body && req.body.length > cfg.maxBodyBytes) {
      return plain(413, 'request too large', label, 'body-too-large', `POST body of ${req.body.length} bytes is over the ${cfg.maxBodyBytes}-byte limit`);
    }
    // RFC 8894 §4.3: many CAs never check `operation` on POST; treat a POST without it as PKIOperation.
    const op = operation ?? (method === 'POST' && given === null ? 'PKIOperation' : null);
    switch (op) {
      case 'GetCACaps':
        if (method !== 'GET') return notAllowed(method, op, 'GET');
        return success(op, ContentType.text, capsBody, 'capabilities-served', 'served capabilities');
      case 'GetCACert':
        // Any `message` (a CA identifier, RFC 8894 §4.2) gets the same certificate; certmonger asks with several.
        if (method !== 'GET') return notAllowed(method, op, 'GET');
        return success(op, ContentType.caCert, signer.certificate.der, 'ca-certificate-served', 'served the CA certificate');
      case 'PKIOperation':
        return pkiOperation({ ...req, method });
      default:
        return plain(
          400,
          'unknown or missing operation',
          label,
          'unknown-operation',
          given === null ? 'request without an operation parameter' : `unsupported operation "${given}"`,
        );
    }
  }

  return {
    capabilities,
    async handle(req: ScepHttpRequest): Promise<ScepHttpResponse> {
      const started = performance.now();
      let draft: Draft;
      try {
        draft = await route(req);
      } catch (e) {
        draft = plain(500, 'internal error', 'unknown', 'internal-error', `unexpected error: ${e instanceof Error ? e.message : String(e)}`);
      }
      return {
        ...draft,
        event: {
          ...draft.event,
          operation: printable(draft.event.operation)!,
          transactionId: printable(draft.event.transactionId),
          httpStatus: draft.status,
          durationMs: Math.round((performance.now() - started) * 100) / 100,
          client: req.client,
        },
      };
    },
  };
}
