-- DropForeignKey
ALTER TABLE "FindingFeedback" DROP CONSTRAINT "FindingFeedback_findingId_fkey";

-- AlterTable
ALTER TABLE "FindingFeedback" ALTER COLUMN "findingId" DROP NOT NULL;

-- AddForeignKey
ALTER TABLE "FindingFeedback" ADD CONSTRAINT "FindingFeedback_findingId_fkey" FOREIGN KEY ("findingId") REFERENCES "Finding"("id") ON DELETE SET NULL ON UPDATE CASCADE;

