/**
 * One SCEP HTTP exchange: build the protocol service for the active CA and current policy, let it answer, and write
 * the exchange to the SCEP log (what the dashboard shows when an iPhone only says "invalid response").
 */
import { createScepService } from '../../scep/service';
import type { ScepEvent, ScepHttpRequest, ScepHttpResponse, ScepService } from '../../scep/types';
import type { Runtime } from '../runtime';
import { createPrismaScepBackend } from './prisma-backend';
import { logText, logTextOrNull } from './log-text';
import { readScepSettings } from './scep-settings';

export const MAX_SCEP_BODY_BYTES = 1024 * 1024;

// The protocol service (keys imported, caps computed) is reused while the CA and the policy stay the same.
const cache = new WeakMap<Runtime, { key: string; service: ScepService }>();

export interface ScepRequestOptions {
  penalty?: (ms: number) => Promise<void>;
  /** A fixed clock (tests of time-dependent rules such as the renewal window); never cached. */
  now?: () => Date;
}

async function serviceFor(runtime: Runtime, opts: ScepRequestOptions): Promise<ScepService> {
  const settings = await readScepSettings(runtime.db, runtime.env);
  const ca = await runtime.ca();
  const key = `${ca.id}:${JSON.stringify(settings)}:${opts.penalty ? 'custom' : 'default'}`;
  const cached = cache.get(runtime);
  if (!opts.now && cached?.key === key) return cached.service;
  const backend = await createPrismaScepBackend(runtime, settings, opts);
  const service = createScepService({
    ca,
    legacy: settings.legacyCiphers,
    renewal: settings.renewal,
    maxBodyBytes: MAX_SCEP_BODY_BYTES,
    minRsaBits: settings.minRsaBits,
    backend,
    now: opts.now,
  });
  if (!opts.now) cache.set(runtime, { key, service });
  return service;
}

export async function handleScepRequest(runtime: Runtime, req: ScepHttpRequest, opts: ScepRequestOptions = {}): Promise<ScepHttpResponse> {
  const service = await serviceFor(runtime, opts);
  const res = await service.handle(req);
  await recordScepEvent(runtime, res.event);
  return res;
}

function eventRow(e: ScepEvent) {
  return {
    operation: logText(e.operation, 100),
    messageType: logTextOrNull(e.messageType, 50),
    transactionId: logTextOrNull(e.transactionId, 200),
    outcome: logText(e.outcome, 20),
    httpStatus: e.httpStatus,
    failInfo: logTextOrNull(e.failInfo, 50),
    reasonCode: e.reasonCode,
    reason: logText(e.reason, 2000),
    algorithms: logTextOrNull(e.algorithms, 100),
    durationMs: Math.round(e.durationMs),
    clientAddress: logTextOrNull(e.client.address, 100),
    userAgent: logTextOrNull(e.client.userAgent, 500),
  };
}

/**
 * Writes one SCEP log row; a logging failure never turns into a failed SCEP answer, and never silently loses the row:
 * if the event cannot be stored as it is, a row with what certainly can be stored (and why) is written instead.
 */
export async function recordScepEvent(runtime: Runtime, e: ScepEvent): Promise<void> {
  const row = eventRow(e);
  try {
    await runtime.db.scepEvent.create({ data: row, select: { id: true } });
    return;
  } catch (first) {
    const why = logText(first instanceof Error ? first.message : String(first), 300);
    try {
      await runtime.db.scepEvent.create({
        data: {
          operation: row.operation,
          outcome: row.outcome,
          httpStatus: Number.isInteger(row.httpStatus) ? row.httpStatus : 0,
          transactionId: row.transactionId,
          reasonCode: row.reasonCode,
          reason: `${logText(row.reason, 1500)} [stored in part: ${why}]`,
          durationMs: Number.isFinite(row.durationMs) ? row.durationMs : 0,
          clientAddress: row.clientAddress,
        },
        select: { id: true },
      });
    } catch (second) {
      console.error('[tessera] could not write the SCEP log', second, row);
    }
  }
}
