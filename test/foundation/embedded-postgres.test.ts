import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../lib/store/embedded-postgres';
import { applyMigrations, loadMigrationList } from '../../lib/store/migrate';
import { createPrisma, type Db } from '../../lib/store/prisma';

let pg: EmbeddedPostgres;
let db: Db;

beforeAll(async () => {
  pg = await startEmbeddedPostgres({ dataDir: null });
  // Every committed migration applies to a fresh database.
  expect(await applyMigrations(pg.url)).toHaveLength((await loadMigrationList()).migrationDirectories.length);
  db = createPrisma(pg.url);
});
afterAll(async () => {
  await db?.$disconnect();
  await pg?.stop();
});

describe('embedded PGlite over pglite-socket', () => {
  it('applies migrations once (the second run applies nothing)', async () => {
    expect(await applyMigrations(pg.url)).toEqual([]);
  });

  it('keeps working after a statement fails outside a transaction (pglite-socket drops that connection)', async () => {
    await db.setting.create({ data: { key: 'dup', value: 1 } });
    await expect(db.setting.create({ data: { key: 'dup', value: 2 } })).rejects.toThrow(/Unique constraint/);
    expect(await db.setting.count()).toBe(1);
    expect((await db.setting.findUnique({ where: { key: 'dup' } }))?.value).toBe(1);
  });

  it('serialises concurrent transactions over its single connection without mixing them up', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        db.$transaction(async (tx) => {
          await tx.setting.create({ data: { key: `t${i}`, value: { big: 'x'.repeat(20_000 + i) } } });
          const back = await tx.setting.findUniqueOrThrow({ where: { key: `t${i}` } });
          expect((back.value as { big: string }).big.length).toBe(20_000 + i);
        }),
      ),
    );
    expect(await db.setting.count({ where: { key: { startsWith: 't' } } })).toBe(20);
  });
});
