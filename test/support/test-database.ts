/**
 * A clean database per test file: a throwaway database on the Postgres server at TEST_DATABASE_URL / DATABASE_URL
 * when one is set, otherwise an in-memory embedded PGlite. Migrations are applied the same way `npm start` does.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { driverUrl } from '../../lib/store/database-url';
import { startEmbeddedPostgres } from '../../lib/store/embedded-postgres';
import { applyMigrations } from '../../lib/store/migrate';

export interface TestDatabase {
  url: string;
  kind: 'postgres' | 'pglite';
  drop(): Promise<void>;
}

export function serverUrlForTests(): string | undefined {
  return process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || undefined;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const server = serverUrlForTests();
  if (!server) {
    const embedded = await startEmbeddedPostgres({ dataDir: null });
    await applyMigrations(embedded.url);
    return { url: embedded.url, kind: 'pglite', drop: () => embedded.stop() };
  }
  const name = `tessera_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: driverUrl(server) });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const u = new URL(server);
  u.pathname = `/${name}`;
  const url = u.toString();
  await applyMigrations(url);
  return {
    url,
    kind: 'postgres',
    async drop() {
      const c = new pg.Client({ connectionString: driverUrl(server) });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}
