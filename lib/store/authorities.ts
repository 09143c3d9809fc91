import type { DbOrTx } from './prisma';

export type AuthorityRole = 'scep-ca' | 'profile-signer';

export interface NewAuthority {
  role: AuthorityRole;
  subject: string;
  certificateDer: Uint8Array;
  chainDer: Uint8Array[];
  encryptedKey: Uint8Array;
  keyAlgorithm: string;
  sha256Fingerprint: string;
  sha1Fingerprint: string;
  notBefore: Date;
  notAfter: Date;
}

export function findActiveAuthority(db: DbOrTx, role: AuthorityRole) {
  return db.certificateAuthority.findFirst({ where: { role, active: true }, orderBy: { createdAt: 'desc' } });
}

/** Makes `authority` the only active one of its role. */
export async function insertActiveAuthority(db: DbOrTx, authority: NewAuthority) {
  await db.certificateAuthority.updateMany({ where: { role: authority.role, active: true }, data: { active: false } });
  return db.certificateAuthority.create({
    data: {
      ...authority,
      certificateDer: Buffer.from(authority.certificateDer),
      chainDer: authority.chainDer.map((c) => Buffer.from(c)),
      encryptedKey: Buffer.from(authority.encryptedKey),
      active: true,
    },
  });
}
