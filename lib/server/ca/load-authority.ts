import { createPrivateKey, type KeyObject } from 'node:crypto';
import { parseCertificate, type Certificate } from '../../pki/x509/certificate';
import { describeCertificate, type CertificateInfo } from '../../pki/x509/certificate-info';
import type { MasterKey } from '../../secrets/master-key';
import { findActiveAuthority, type AuthorityRole } from '../../store/authorities';
import type { DbOrTx } from '../../store/prisma';

/**
 * An active authority, loaded once (runtime.ts caches it until `reload()`): the certificate parsed once, with its
 * public key, and the private key as KeyObjects, so no request re-parses or re-imports them.
 */
export interface LoadedAuthority {
  id: string;
  role: AuthorityRole;
  certificateDer: Buffer;
  certificate: Certificate;
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
  const certificate = parseCertificate(certificateDer);
  void certificate.publicKey; // import the public key now, not on the first request
  return {
    id: row.id,
    role,
    certificateDer,
    certificate,
    chainDer: row.chainDer.map((c) => Buffer.from(c)),
    privateKey: createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' }),
    info: describeCertificate(certificate),
  };
}
