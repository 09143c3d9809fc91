import { env } from '../env';
import { getRuntime } from './runtime';

export interface HealthReport {
  status: 'ok' | 'degraded';
  database: { ok: boolean; latencyMs: number | null; error?: string };
  ca: { present: boolean; subject?: string; sha256?: string; notAfter?: string; error?: string };
  version: string;
}

const VERSION = env().npm_package_version;

export async function checkHealth(): Promise<HealthReport> {
  let runtime;
  try {
    runtime = await getRuntime();
  } catch (e) {
    return { status: 'degraded', database: { ok: false, latencyMs: null, error: (e as Error).message }, ca: { present: false }, version: VERSION };
  }
  const started = performance.now();
  const database: HealthReport['database'] = { ok: false, latencyMs: null };
  try {
    await runtime.db.$queryRaw`SELECT 1`;
    database.ok = true;
    database.latencyMs = Math.round((performance.now() - started) * 10) / 10;
  } catch {
    database.error = 'database unreachable';
  }
  const ca: HealthReport['ca'] = { present: false };
  if (database.ok) {
    try {
      const loaded = await runtime.ca();
      Object.assign(ca, { present: true, subject: loaded.info.subject, sha256: loaded.info.sha256Hex, notAfter: loaded.info.notAfter.toISOString() });
    } catch (e) {
      ca.error = (e as Error).message;
    }
  }
  return { status: database.ok && ca.present ? 'ok' : 'degraded', database, ca, version: VERSION };
}
