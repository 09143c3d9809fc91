/** A ready-to-use service over a fresh test CA and the fake backend, for tests and benchmarks. */
import { parseCertificate } from '../../../lib/pki/x509';
import type { ScepClientInfo } from '../../../lib/scep/backend';
import { createScepService } from '../../../lib/scep/service';
import type { ScepHttpResponse, ScepService, ScepServiceConfig } from '../../../lib/scep/types';
import { FakeScepBackend, type FakeBackendOptions } from './fake-backend';
import { createTestCa, type TestCa } from './identities';

export interface HarnessOptions extends Partial<Omit<ScepServiceConfig, 'backend' | 'ca'>> {
  ca?: TestCa;
  challenge?: FakeBackendOptions['challenge'];
  mode?: FakeBackendOptions['mode'];
}

export interface Harness {
  ca: TestCa;
  backend: FakeScepBackend;
  service: ScepService;
  post(body: Uint8Array, rawQuery?: string): Promise<ScepHttpResponse>;
  get(rawQuery: string): Promise<ScepHttpResponse>;
}

export const TEST_CLIENT: ScepClientInfo = { address: '127.0.0.1', userAgent: 'tessera-test' };
export const FIXED_NOW = new Date('2026-03-01T12:00:00Z');

let sharedCa: TestCa | null = null;

/** One CA per test process unless a test brings its own (CA key generation is the slow part). */
export function sharedTestCa(): TestCa {
  sharedCa ??= createTestCa(undefined, new Date('2026-01-01T00:00:00Z'));
  return sharedCa;
}

export function createHarness(opts: HarnessOptions = {}): Harness {
  const ca = opts.ca ?? sharedTestCa();
  const now = opts.now ?? (() => FIXED_NOW);
  const backend = new FakeScepBackend({ ca, challenge: opts.challenge ?? null, mode: opts.mode, now });
  const service = createScepService({
    ca: { certificate: parseCertificate(ca.certificateDer), privateKey: ca.privateKey },
    legacy: opts.legacy ?? false,
    renewal: opts.renewal ?? false,
    maxBodyBytes: opts.maxBodyBytes ?? 1024 * 1024,
    minRsaBits: opts.minRsaBits ?? 2048,
    backend,
    now,
  });
  return {
    ca,
    backend,
    service,
    post: (body, rawQuery = 'operation=PKIOperation') => service.handle({ method: 'POST', rawQuery, body, client: TEST_CLIENT }),
    get: (rawQuery) => service.handle({ method: 'GET', rawQuery, body: null, client: TEST_CLIENT }),
  };
}
