/**
 * One SCEP HTTP exchange: build the protocol service for the active CA and current policy, let it answer, and write
 * the exchange to the SCEP log (what the dashboard shows when an iPhone only says "invalid response").
 */
import { createScepService } from '../../scep/service';
import type { ScepEvent, ScepHttpRequest, ScepHttpResponse, ScepService } from '../../scep/types';
import type { Runtime } from '../runtime';
import { createPrismaScepBackend } from './prisma-backend';
import { readScepSettings } from './scep-settings';

export const MAX_SCEP_BODY_BYTES = 1024 * 1024;

// The protocol service (keys imported, caps computed) is reused while the CA and the policy stay the same.
const cache = new WeakMap<Runtime, { key: string; service: ScepService }>();

async function serviceFor(runtime: Runtime, opts: { penalty?: (ms: number) => Promise<void> }): Promise<ScepService> {
  const settings = await readScepSettings(runtime.db, runtime.env);
  const ca = await runtime.ca();
  const key = `${ca.id}:${JSON.stringify(settings)}:${opts.penalty ? 'custom' : 'default'}`;
  const cached = cache.get(runtime);
  if (cached?.key === key) return cached.service;
  const backend = await createPrismaScepBackend(runtime, settings, opts);
  const service = createScepService({
    ca,
    legacy: settings.legacyCiphers,
    renewal: settings.renewal,
    maxBodyBytes: MAX_SCEP_BODY_BYTES,
    minRsaBits: settings.minRsaBits,
    backend,
  });
  cache.set(runtime, { key, service });
  return service;
}

export async function handleScepRequest(runtime: Runtime, { penalty, ...req }: ScepHttpRequest & { penalty?: (ms: number) => Promise<void> }): Promise<ScepHttpResponse> {
  const service = await serviceFor(runtime, { penalty });
  const res = await service.handle(req);
  await recordScepEvent(runtime, res.event);
  return res;
}

/** Writes one SCEP log row; a logging failure is reported but never turns into a failed SCEP answer. */
export async function recordScepEvent(runtime: Runtime, e: ScepEvent): Promise<void> {
  await runtime.db.scepEvent
    .create({
      data: {
        operation: e.operation,
        messageType: e.messageType,
        transactionId: e.transactionId,
        outcome: e.outcome,
        httpStatus: e.httpStatus,
        failInfo: e.failInfo,
        reasonCode: e.reasonCode,
        reason: e.reason.slice(0, 2000),
        algorithms: e.algorithms,
        durationMs: Math.round(e.durationMs),
        clientAddress: e.client.address,
        userAgent: e.client.userAgent?.slice(0, 500) ?? null,
      },
    })
    .catch((err: unknown) => console.error('[tessera] could not write the SCEP log', err));
}
