import type { KeyObject } from 'node:crypto';
import { describeCertificate } from '../../pki/x509/certificate-info';
import type { MasterKey } from '../../secrets/master-key';
import { insertActiveAuthority, type AuthorityRole } from '../../store/authorities';
import type { DbOrTx } from '../../store/prisma';
import { keyPurpose } from './load-authority';

/** Encrypts the key under the master key and makes this the active authority of its role. */
export async function storeAuthority(
  db: DbOrTx,
  masterKey: MasterKey,
  role: AuthorityRole,
  identity: { certificateDer: Uint8Array; chainDer: Uint8Array[]; privateKey: KeyObject },
) {
  const info = describeCertificate(identity.certificateDer);
  const pkcs8 = identity.privateKey.export({ format: 'der', type: 'pkcs8' });
  return insertActiveAuthority(db, {
    role,
    subject: info.subject,
    certificateDer: identity.certificateDer,
    chainDer: identity.chainDer,
    encryptedKey: masterKey.encrypt(pkcs8, keyPurpose(role)),
    keyAlgorithm: `${info.keyType}-${info.keyBits}`,
    sha256Fingerprint: info.sha256Hex,
    sha1Fingerprint: info.sha1Hex,
    notBefore: info.notBefore,
    notAfter: info.notAfter,
  });
}
