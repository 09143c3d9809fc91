-- AlterTable
ALTER TABLE "Challenge" ADD COLUMN     "identity" JSONB,
ADD COLUMN     "identityKey" TEXT;

-- AlterTable
ALTER TABLE "ScepRequest" ADD COLUMN     "identity" JSONB,
ADD COLUMN     "publicKeySpki" BYTEA;

-- AlterTable
ALTER TABLE "Certificate" ADD COLUMN     "originApproval" "ApprovalMode" NOT NULL DEFAULT 'AUTO';

-- AlterTable
ALTER TABLE "ProfileTemplate" ADD COLUMN     "autoRenew" BOOLEAN NOT NULL DEFAULT false;

-- CreateIndex
CREATE INDEX "ScepRequest_renewalOfSerial_idx" ON "ScepRequest"("renewalOfSerial");

-- Certificates issued before this migration from a manual-approval challenge keep needing approval to renew.
UPDATE "Certificate" SET "originApproval" = 'MANUAL'
WHERE "requestId" IN (SELECT "usedByRequestId" FROM "Challenge" WHERE "approval" = 'MANUAL' AND "usedByRequestId" IS NOT NULL);
