import { createPrivateKey, type KeyObject } from 'node:crypto';
import { describeCertificate, type CertificateInfo } from '../../pki/x509/certificate-info';
import type { MasterKey } from '../../secrets/master-key';
import { findActiveAuthority, type AuthorityRole } from '../../store/authorities';
import type { DbOrTx } from '../../store/prisma';

export interface LoadedAuthority {
  id: string;
  role: AuthorityRole;
  certificateDer: Buffer;
  chainDer: Buffer[];
  privateKey: KeyObject;
  info: CertificateInfo;
}

export const keyPurpose = (role: AuthorityRole): string => `${role} private key`;

/** The active authority of a role with its private key decrypted, or null when none exists yet. */
export async function loadAuthority(db: DbOrTx, masterKey: MasterKey, role: AuthorityRole): Promise<LoadedAuthority | null> {
  const row = await findActiveAuthority(db, role);
  if (!row) return null;
  const pkcs8 = masterKey.decrypt(row.encryptedKey, keyPurpose(role));
  const certificateDer = Buffer.from(row.certificateDer);
  return {
    id: row.id,
    role,
    certificateDer,
    chainDer: row.chainDer.map((c) => Buffer.from(c)),
    privateKey: createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' }),
    info: describeCertificate(certificateDer),
  };
}
