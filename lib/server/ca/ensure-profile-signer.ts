import { issueProfileSigner } from '../../pki/x509/profile-signer';
import type { MasterKey } from '../../secrets/master-key';
import type { Db } from '../../store/prisma';
import { loadAuthority, type LoadedAuthority } from './load-authority';
import { storeAuthority } from './store-authority';

const SIGNER_LOCK = 7_301_002;

/**
 * The identity that signs .mobileconfig files: by default a dedicated certificate issued by our CA at bootstrap
 * (re-issued when missing, expired, or issued by a CA that is no longer active). An imported identity
 * (`tessera signer import`, e.g. the TLS certificate so iOS shows "Verified") is kept as long as it is valid.
 */
export async function ensureProfileSigner(db: Db, masterKey: MasterKey, ca: LoadedAuthority, log: (line: string) => void): Promise<LoadedAuthority> {
  const current = await loadAuthority(db, masterKey, 'profile-signer');
  const now = new Date();
  const imported = current && current.info.issuer !== ca.info.subject;
  if (current && current.info.notAfter > now && (imported || current.chainDer[0]?.equals(ca.certificateDer))) return current;
  await db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SIGNER_LOCK})`;
    const again = await tx.certificateAuthority.findFirst({ where: { role: 'profile-signer', active: true }, orderBy: { createdAt: 'desc' } });
    if (again && again.id !== current?.id) return; // another instance just did it
    const signer = issueProfileSigner({ ca, now });
    await storeAuthority(tx, masterKey, 'profile-signer', { ...signer, chainDer: [ca.certificateDer] });
  });
  const signer = await loadAuthority(db, masterKey, 'profile-signer');
  if (!signer) throw new Error('profile signer bootstrap failed');
  log(`Issued profile-signing certificate "${signer.info.subject}" from the CA.`);
  return signer;
}
