/**
 * First-start and every-start duties, run by `npm start` (and by tests) before the web server takes requests:
 * check the master key against the database, create the CA if there is none, create the admin from ADMIN_EMAIL /
 * ADMIN_PASSWORD. Safe to run concurrently from several instances (advisory lock) and idempotent.
 */
import { createCaCertificate } from '../../pki/x509/create-ca';
import { MasterKeyError, type MasterKey } from '../../secrets/master-key';
import { hashPassword } from '../../secrets/password';
import type { Db } from '../../store/prisma';
import { getSetting, putSetting } from '../../store/settings';
import { loadAuthority, type LoadedAuthority } from '../ca/load-authority';
import { storeAuthority } from '../ca/store-authority';
import { ensureProfileSigner } from '../ca/ensure-profile-signer';

const BOOTSTRAP_LOCK = 7_301_001;
const CHECK_PURPOSE = 'master key check';

export interface BootstrapOptions {
  caSubject: string;
  caKeyBits: 2048 | 3072 | 4096;
  caValidityDays: number;
  adminEmail?: string;
  adminPassword?: string;
  log: (line: string) => void;
}

export interface BootstrapReport {
  ca: LoadedAuthority;
  caCreated: boolean;
  adminCount: number;
}

/** Fails with MasterKeyError, before anything is written, when the key is not the one the data was written with. */
export async function verifyMasterKey(db: Db, masterKey: MasterKey): Promise<void> {
  const check = await getSetting<{ envelope: string }>(db, 'masterKeyCheck');
  if (check) {
    try {
      masterKey.decrypt(Buffer.from(check.envelope, 'base64'), CHECK_PURPOSE);
    } catch {
      throw new MasterKeyError(
        `The master key from ${masterKey.source} is not the key this database was created with, so the CA private key ` +
          'cannot be decrypted. Set TESSERA_MASTER_KEY (or restore master.key in the data directory) to the original key. ' +
          'Nothing was changed.',
      );
    }
    return;
  }
  // Older data or a first start: prove the key on the CA itself (throws MasterKeyError on mismatch), then record a check.
  await loadAuthority(db, masterKey, 'scep-ca');
  await putSetting(db, 'masterKeyCheck', { envelope: masterKey.encrypt(Buffer.from('tessera'), CHECK_PURPOSE).toString('base64') });
}

export async function bootstrap(db: Db, masterKey: MasterKey, opts: BootstrapOptions): Promise<BootstrapReport> {
  await verifyMasterKey(db, masterKey);
  let caCreated = false;
  await db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${BOOTSTRAP_LOCK})`;
    const existing = await tx.certificateAuthority.count({ where: { role: 'scep-ca', active: true } });
    if (existing === 0) {
      const ca = createCaCertificate({ subject: opts.caSubject, keyBits: opts.caKeyBits, validityDays: opts.caValidityDays });
      await storeAuthority(tx, masterKey, 'scep-ca', { ...ca, chainDer: [] });
      caCreated = true;
    }
  });
  const ca = await loadAuthority(db, masterKey, 'scep-ca');
  if (!ca) throw new Error('CA bootstrap failed: no active CA after creation');
  if (caCreated) opts.log(`Created CA "${ca.info.subject}" (SHA-256 ${ca.info.sha256Hex}).`);
  await ensureProfileSigner(db, masterKey, ca, opts.log);

  if (opts.adminEmail && opts.adminPassword) {
    const email = opts.adminEmail.toLowerCase();
    const exists = await db.adminUser.findUnique({ where: { email } });
    if (!exists) {
      await db.adminUser.create({ data: { email, passwordHash: await hashPassword(opts.adminPassword) } });
      opts.log(`Created admin ${email} from ADMIN_EMAIL/ADMIN_PASSWORD.`);
    }
  }
  const adminCount = await db.adminUser.count();
  if (adminCount === 0) {
    opts.log(
      'No admin account exists yet. Create one with:\n' +
        '    npm run tessera -- admin create --email you@example.com --password \'a long password\'\n' +
        '  or start with ADMIN_EMAIL and ADMIN_PASSWORD set.',
    );
  }
  return { ca, caCreated, adminCount };
}
