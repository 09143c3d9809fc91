import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadMigrationList } from '../../lib/store/migrate';

describe('committed migrations', () => {
  it('were generated from the current schema (prisma/migrations/schema-snapshot.prisma equals prisma/schema.prisma)', async () => {
    const root = process.cwd();
    const [schema, snapshot] = await Promise.all([
      readFile(path.join(root, 'prisma', 'schema.prisma'), 'utf8'),
      readFile(path.join(root, 'prisma', 'migrations', 'schema-snapshot.prisma'), 'utf8'),
    ]);
    expect(snapshot, 'schema.prisma changed without a migration: run `npm run db:migrate:new -- <name>`').toBe(schema);
    const list = await loadMigrationList();
    expect(list.migrationDirectories.length).toBeGreaterThan(0);
    for (const dir of list.migrationDirectories) expect(dir.migrationFile.content.value).toMatch(/CREATE|ALTER|DROP/);
  });
});
