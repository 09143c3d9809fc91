-- AlterTable
ALTER TABLE "ScepEvent" ADD COLUMN     "reasonCode" TEXT;
