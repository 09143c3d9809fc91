import type { ScepBackend } from '../../scep/backend';
import { findCertificateBySerial } from '../../store/certificates';
import type { Runtime } from '../runtime';
import { enroll, type EnrollDeps } from './enroll';
import { poll } from './poll';
import type { ScepSettings } from './scep-settings';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Tessera's ScepBackend: decisions and storage in Postgres, on behalf of lib/scep's protocol engine. */
export async function createPrismaScepBackend(runtime: Runtime, settings: ScepSettings, opts: { now?: () => Date; penalty?: (ms: number) => Promise<void> } = {}): Promise<ScepBackend> {
  const ca = await runtime.ca();
  const deps: EnrollDeps = { db: runtime.db, masterKey: runtime.masterKey, ca, settings, now: opts.now ?? (() => new Date()), penalty: opts.penalty ?? sleep };
  return {
    enroll: (input) => enroll(deps, input),
    poll: (input) => poll(deps, input),
    async getCertificate(serialHex) {
      const cert = await findCertificateBySerial(runtime.db, ca.id, serialHex.toLowerCase());
      return cert ? cert.der : null;
    },
  };
}
