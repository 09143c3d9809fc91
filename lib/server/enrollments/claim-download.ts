/**
 * Counts one profile download, atomically. A single conditional UPDATE: Postgres row locking serialises concurrent
 * downloads of the same link, each re-checks `downloads < maxDownloads`, so the limit holds on any number of app
 * instances. Taking the last allowed download flips the status to USED in the same statement.
 */
import type { DbOrTx } from '../../store/prisma';

/** The new download count, or null when the link is no longer active (used up, expired or revoked meanwhile). */
export async function claimDownload(tx: DbOrTx, enrollmentId: string, now: Date): Promise<number | null> {
  const rows = await tx.$queryRaw<{ downloads: number }[]>`
    UPDATE "Enrollment"
       SET "downloads" = "downloads" + 1,
           "lastDownloadAt" = ${now},
           "status" = CASE WHEN "downloads" + 1 >= "maxDownloads" THEN 'USED'::"EnrollmentStatus" ELSE "status" END
     WHERE "id" = ${enrollmentId}::uuid
       AND "status" = 'ACTIVE'::"EnrollmentStatus"
       AND "expiresAt" > ${now}
       AND "downloads" < "maxDownloads"
    RETURNING "downloads"`;
  return rows[0] ? Number(rows[0].downloads) : null;
}
