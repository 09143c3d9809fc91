import type { DbOrTx } from './prisma';

export async function getSetting<T>(db: DbOrTx, key: string): Promise<T | null> {
  const row = await db.setting.findUnique({ where: { key } });
  return row ? (row.value as T) : null;
}

export async function putSetting(db: DbOrTx, key: string, value: unknown, updatedBy: string | null = null): Promise<void> {
  const json = value as object;
  await db.setting.upsert({ where: { key }, create: { key, value: json, updatedBy }, update: { value: json, updatedBy } });
}

/** Inserts only when absent; returns the stored value (first writer wins across instances). */
export async function ensureSetting<T>(db: DbOrTx, key: string, value: T): Promise<T> {
  await db.setting.createMany({ data: [{ key, value: value as object }], skipDuplicates: true });
  return (await getSetting<T>(db, key)) as T;
}
