/**
 * The SCEP hot path as ONE statement: consume the one-time challenge, insert the request (ISSUED, or PENDING for a
 * manual challenge) and, when issued, its certificate. A single statement is atomic on its own — no interactive
 * transaction, one round trip — and the foreign key from Challenge to ScepRequest is checked at the end of the
 * statement, after both CTEs ran. The certificate is signed before the call (speculatively): when the challenge is
 * not accepted nothing is written and that certificate is simply discarded.
 *
 * The challenge is accepted only for the identity it allows: a bound challenge when `identityKey` equals its own, an
 * unbound one when the caller found the identity within the identity policy (`unboundAllowed`).
 */
import type { DbOrTx } from './prisma';

export interface HotPathRequest {
  id: string;
  caId: string;
  transactionId: string;
  messageType: string;
  /** The CSR with its challengePassword blanked. */
  csrDer: Uint8Array;
  /** What the CSR asked for. */
  subject: string;
  requestedSans: unknown;
  /** What is issued (now, or on approval): {subject, sans}. */
  identity: { subject: string; sans: unknown };
  identityKey: string;
  unboundAllowed: boolean;
  keyType: string;
  keyBits: number;
  publicKeySha256: string;
  publicKeySpki: Uint8Array;
  signerCertDer: Uint8Array;
  clientAddress: string | null;
  userAgent: string | null;
  pendingExpiresAt: Date;
}

export interface HotPathCertificate {
  id: string;
  serial: string;
  subject: string;
  sansText: string;
  notBefore: Date;
  notAfter: Date;
  der: Uint8Array;
  pem: string;
  sha256Fingerprint: string;
}

export type HotPathOutcome = { kind: 'rejected' } | { kind: 'issued'; enrollmentId: string | null } | { kind: 'pending' };

export async function enrollWithChallenge(db: DbOrTx, secretHash: string, r: HotPathRequest, c: HotPathCertificate, now: Date): Promise<HotPathOutcome> {
  const identity = JSON.stringify(r.identity);
  const rows = await db.$queryRaw<{ approval: 'AUTO' | 'MANUAL'; enrollmentId: string | null }[]>`
    WITH ch AS (
      UPDATE "Challenge" SET "usedAt" = ${now}, "usedByRequestId" = ${r.id}::uuid
      WHERE "secretHash" = ${secretHash} AND "usedAt" IS NULL AND "revokedAt" IS NULL AND "expiresAt" > ${now}
        AND ("identityKey" = ${r.identityKey} OR ("identityKey" IS NULL AND ${r.unboundAllowed}::boolean))
      RETURNING "approval", "enrollmentId"
    ), req AS (
      INSERT INTO "ScepRequest" ("id", "caId", "transactionId", "messageType", "status", "csrDer", "subject", "sans", "identity", "keyType",
        "keyBits", "publicKeySha256", "publicKeySpki", "signerCertDer", "clientAddress", "userAgent", "expiresAt", "createdAt", "updatedAt")
      SELECT ${r.id}::uuid, ${r.caId}::uuid, ${r.transactionId}, ${r.messageType},
        (CASE WHEN ch."approval" = 'MANUAL' THEN 'PENDING' ELSE 'ISSUED' END)::"ScepRequestStatus",
        ${Buffer.from(r.csrDer)}, ${r.subject}, ${JSON.stringify(r.requestedSans)}::jsonb, ${identity}::jsonb,
        ${r.keyType}, ${r.keyBits}, ${r.publicKeySha256}, ${Buffer.from(r.publicKeySpki)}, ${Buffer.from(r.signerCertDer)}, ${r.clientAddress}, ${r.userAgent},
        (CASE WHEN ch."approval" = 'MANUAL' THEN ${r.pendingExpiresAt}::timestamp(3) END), ${now}, ${now}
      FROM ch
      RETURNING "id", "status"
    ), cert AS (
      INSERT INTO "Certificate" ("id", "caId", "serial", "subject", "sans", "sansText", "notBefore", "notAfter", "der", "pem",
        "sha256Fingerprint", "requestId", "enrollmentId", "createdAt")
      SELECT ${c.id}::uuid, ${r.caId}::uuid, ${c.serial}, ${c.subject}, ${JSON.stringify(r.identity.sans)}::jsonb, ${c.sansText},
        ${c.notBefore}, ${c.notAfter}, ${Buffer.from(c.der)}, ${c.pem}, ${c.sha256Fingerprint}, req."id", ch."enrollmentId", ${now}
      FROM req, ch
      WHERE req."status" = 'ISSUED'
      RETURNING "id"
    )
    SELECT ch."approval"::text AS "approval", ch."enrollmentId"::text AS "enrollmentId", (SELECT count(*) FROM cert)::int AS "certs" FROM ch`;
  const row = rows[0];
  if (!row) return { kind: 'rejected' };
  return row.approval === 'MANUAL' ? { kind: 'pending' } : { kind: 'issued', enrollmentId: row.enrollmentId };
}
