/** The SCEP service's public shapes: configuration, the HTTP-neutral request/response, and the log event. */
import type { KeyObject } from 'node:crypto';
import type { Certificate } from '../pki/x509/certificate';
import type { FailInfoName, ScepBackend, ScepClientInfo } from './backend';
import type { ScepReasonCode } from './reason-codes';

export interface ScepServiceConfig {
  /** The certificate served by GetCACert (parsed once per CA) and its key: it signs CertReps and opens envelopes. */
  ca: { certificate: Certificate; privateKey: KeyObject };
  /** Accept single DES and MD5 (never advertised). RFC 8894 §2.9 forbids them; off by default. */
  legacy: boolean;
  /** Advertise `Renewal` and accept RenewalReq (17). */
  renewal: boolean;
  /** POST body / decoded GET message limit in bytes (1 MiB recommended). */
  maxBodyBytes: number;
  /** Smallest RSA modulus accepted in a CSR (2048 recommended). */
  minRsaBits: number;
  backend: ScepBackend;
  /** Clock for signingTime; defaults to the system clock. */
  now?: () => Date;
}

export interface ScepHttpRequest {
  method: string;
  /** The query string exactly as received, without the leading '?'. */
  rawQuery: string;
  body: Uint8Array | null;
  client: ScepClientInfo;
}

export type ScepOutcome = 'success' | 'failure' | 'pending' | 'http-error';

/** One line of the dashboard's SCEP log. `reason` is plain English for an admin and never holds secrets. */
export interface ScepEvent {
  operation: string;
  messageType: string | null;
  transactionId: string | null;
  outcome: ScepOutcome;
  httpStatus: number;
  failInfo: FailInfoName | null;
  reasonCode: ScepReasonCode;
  reason: string;
  /** e.g. "AES-128-CBC/SHA-256": the request's content cipher and digest, when known. */
  algorithms: string | null;
  durationMs: number;
  client: ScepClientInfo;
}

export interface ScepHttpResponse {
  status: number;
  contentType: string;
  body: Uint8Array;
  /** Extra headers, e.g. Allow on 405. */
  headers?: Record<string, string>;
  event: ScepEvent;
}

export interface ScepService {
  /** Never throws: an unexpected error becomes HTTP 500 with an event. */
  handle(req: ScepHttpRequest): Promise<ScepHttpResponse>;
  /** The GetCACaps keywords being served. */
  readonly capabilities: readonly string[];
}
