/**
 * Generates a new migration offline with Prisma's WebAssembly schema engine (no engine download).
 *
 * Usage: npm run db:migrate:new -- add_something
 *
 * The engine diffs two datamodels: prisma/migrations/schema-snapshot.prisma (the schema as of the latest committed
 * migration) and prisma/schema.prisma. Why not replay the migrations into a shadow database like `prisma migrate dev`:
 * the Wasm engine's Postgres introspection fails on both PGlite and Postgres 15 here ("Column type 'char' could not be
 * deserialized"), while a datamodel-to-datamodel diff needs no database at all. A unit test keeps the snapshot honest
 * (test/migrations.test.ts: the snapshot equals the schema, and the migrations build the same tables).
 */
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import { driverUrl } from '../lib/store/database-url';
import { startEmbeddedPostgres } from '../lib/store/embedded-postgres';
import { loadMigrationList, readSchema } from '../lib/store/migrate';
import { NO_FILTERS, openSchemaEngine } from '../lib/store/schema-engine';

async function main(): Promise<void> {
  const name = (process.argv[2] ?? '').replace(/[^a-z0-9_]/gi, '_');
  if (!name) throw new Error('usage: npm run db:migrate:new -- <name>');
  const existing = await loadMigrationList();
  const schema = await readSchema();
  const snapshotPath = path.join(existing.baseDir, 'schema-snapshot.prisma');
  const snapshot = await readFile(snapshotPath, 'utf8').catch(() => null);
  if (existing.migrationDirectories.length > 0 && snapshot === null) throw new Error(`${snapshotPath} is missing`);
  // The engine wants a connector even for a pure diff; an in-memory PGlite is enough and is never queried for DDL.
  const embedded = await startEmbeddedPostgres({ dataDir: null });
  const { engine, close } = await openSchemaEngine(new PrismaPg({ connectionString: driverUrl(embedded.url), max: 1 }), schema);
  try {
    const diff = await engine.diff({
      from: snapshot === null ? { tag: 'empty' } : { tag: 'schemaDatamodel', files: [{ path: snapshotPath, content: snapshot }] },
      to: { tag: 'schemaDatamodel', files: [schema] },
      script: true,
      exitCode: null,
      filters: NO_FILTERS,
    });
    const sql = diff.stdout ?? '';
    if (!sql.trim() || /^-- This is an empty migration/m.test(sql)) {
      console.log('Schema and migrations agree: no migration needed.');
      return;
    }
    const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
    const dir = path.join(existing.baseDir, `${stamp}_${name}`);
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'migration.sql'), sql);
    await writeFile(path.join(existing.baseDir, 'migration_lock.toml'), 'provider = "postgresql"\n');
    await copyFile(schema.path, snapshotPath);
    console.log(`Wrote ${path.relative(process.cwd(), dir)}/migration.sql`);
  } finally {
    await close();
    await embedded.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
