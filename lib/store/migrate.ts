/**
 * Applies the committed migrations in prisma/migrations to the database behind `databaseUrl`, exactly as
 * `prisma migrate deploy` would (same `_prisma_migrations` bookkeeping), without any engine download.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import { env } from '../env';
import { driverUrl } from "./database-url";
import { NO_FILTERS, openSchemaEngine } from './schema-engine';

export interface MigrationList {
  baseDir: string;
  lockfile: { path: string; content: string | null };
  shadowDbInitScript: string;
  migrationDirectories: { path: string; migrationFile: { path: string; content: { tag: 'ok'; value: string } } }[];
}

export function projectRoot(): string {
  return env().TESSERA_ROOT ?? process.cwd();
}

export async function loadMigrationList(baseDir = path.join(projectRoot(), 'prisma', 'migrations')): Promise<MigrationList> {
  const entries = (await readdir(baseDir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort();
  const migrationDirectories = await Promise.all(
    entries.map(async (dir) => ({
      path: dir,
      migrationFile: {
        path: 'migration.sql',
        content: { tag: 'ok' as const, value: await readFile(path.join(baseDir, dir, 'migration.sql'), 'utf8') },
      },
    })),
  );
  const lockPath = path.join(baseDir, 'migration_lock.toml');
  const lockContent = await readFile(lockPath, 'utf8').catch(() => null);
  return { baseDir, lockfile: { path: 'migration_lock.toml', content: lockContent }, shadowDbInitScript: '', migrationDirectories };
}

export async function readSchema(): Promise<{ path: string; content: string }> {
  const schemaPath = path.join(projectRoot(), 'prisma', 'schema.prisma');
  return { path: schemaPath, content: await readFile(schemaPath, 'utf8') };
}

/** Returns the names of the migrations applied by this call (empty when the database was up to date). */
export async function applyMigrations(databaseUrl: string): Promise<string[]> {
  const adapter = new PrismaPg({ connectionString: driverUrl(databaseUrl), max: 1 });
  const { engine, close } = await openSchemaEngine(adapter, await readSchema());
  try {
    const out = await engine.applyMigrations({ migrationsList: await loadMigrationList(), filters: NO_FILTERS });
    return out.appliedMigrationNames;
  } finally {
    await close();
  }
}
