import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMasterKey } from '../../lib/secrets/master-key';
import { bootstrap } from '../../lib/server/boot/bootstrap';
import { createPrisma, type Db } from '../../lib/store/prisma';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

let database: TestDatabase;
let db: Db;
const key = createMasterKey(randomBytes(32), 'test key');
const opts = { caSubject: 'CN=Bootstrap Test CA,O=Tessera', caKeyBits: 2048 as const, caValidityDays: 3650, log: () => {} };

beforeAll(async () => {
  database = await createTestDatabase();
  db = createPrisma(database.url, { poolSize: 4 });
});
afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
});

describe('bootstrap', () => {
  it('creates the CA and a profile signer once; later starts (even concurrent ones) keep the same CA', async () => {
    const first = await bootstrap(db, key, { ...opts, adminEmail: 'Admin@Example.test', adminPassword: 'a long enough password' });
    expect(first.caCreated).toBe(true);
    expect(first.ca.info.subject).toBe('CN=Bootstrap Test CA,O=Tessera');
    expect(first.ca.info.isCa).toBe(true);
    expect(first.ca.info.keyUsage).toEqual(expect.arrayContaining(['keyCertSign', 'cRLSign', 'digitalSignature', 'keyEncipherment']));
    const again = await Promise.all([bootstrap(db, key, opts), bootstrap(db, key, opts)]);
    for (const r of again) {
      expect(r.caCreated).toBe(false);
      expect(r.ca.info.sha256Hex).toBe(first.ca.info.sha256Hex);
    }
    expect(await db.certificateAuthority.count({ where: { role: 'scep-ca' } })).toBe(1);
    expect(await db.certificateAuthority.count({ where: { role: 'profile-signer', active: true } })).toBe(1);
    expect((await db.adminUser.findMany()).map((a) => a.email)).toEqual(['admin@example.test']);
    const row = await db.certificateAuthority.findFirstOrThrow({ where: { role: 'scep-ca' } });
    expect(Buffer.from(row.encryptedKey).toString('latin1')).not.toContain('PRIVATE KEY');
  });

  it('refuses a different master key with a clear message and changes nothing', async () => {
    const before = await db.certificateAuthority.findMany({ orderBy: { id: 'asc' } });
    const wrong = createMasterKey(randomBytes(32), 'TESSERA_MASTER_KEY');
    await expect(bootstrap(db, wrong, opts)).rejects.toThrow(/not the key this database was created with.*Nothing was changed/s);
    const after = await db.certificateAuthority.findMany({ orderBy: { id: 'asc' } });
    expect(after.map((a) => [a.id, a.active, Buffer.from(a.encryptedKey).toString('hex')])).toEqual(
      before.map((a) => [a.id, a.active, Buffer.from(a.encryptedKey).toString('hex')]),
    );
  });
});
