/** A bootstrapped Tessera runtime (CA, profile signer, admin) on a fresh test database. */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseEnv } from '../../lib/env';
import { bootstrap } from '../../lib/server/boot/bootstrap';
import { createRuntime, type Runtime } from '../../lib/server/runtime';
import { createTestDatabase, type TestDatabase } from './test-database';

export interface TestRuntime extends Runtime {
  database: TestDatabase;
  close(): Promise<void>;
}

export const TEST_ADMIN = { email: 'admin@example.test', password: 'correct horse battery staple' };

export async function createTestRuntime(extraEnv: Record<string, string> = {}): Promise<TestRuntime> {
  const database = await createTestDatabase();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'tessera-test-'));
  const env = parseEnv({
    TESSERA_DATA_DIR: dataDir,
    TESSERA_MASTER_KEY: randomBytes(32).toString('hex'),
    TESSERA_PUBLIC_URL: 'http://127.0.0.1:3999',
    DATABASE_URL: database.url,
    ...extraEnv,
  });
  const runtime = await createRuntime(env, database.url, { poolSize: 4 });
  await bootstrap(runtime.db, runtime.masterKey, {
    caSubject: 'CN=Tessera Test CA,O=Tessera Tests',
    caKeyBits: 2048,
    caValidityDays: 3650,
    adminEmail: TEST_ADMIN.email,
    adminPassword: TEST_ADMIN.password,
    log: () => {},
  });
  return {
    ...runtime,
    database,
    async close() {
      await runtime.db.$disconnect();
      await database.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
