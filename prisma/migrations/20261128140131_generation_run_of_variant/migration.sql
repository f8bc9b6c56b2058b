-- AlterTable
ALTER TABLE "Variant" ADD COLUMN     "jobRunId" UUID;

-- CreateIndex
CREATE INDEX "Variant_jobRunId_idx" ON "Variant"("jobRunId");

-- AddForeignKey
ALTER TABLE "Variant" ADD CONSTRAINT "Variant_jobRunId_fkey" FOREIGN KEY ("jobRunId") REFERENCES "JobRun"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- Hand-written: variants generated before this column kept their run in their Analysis row
-- (normalized.generation.jobRunId); the run's statistics read the column from now on.
UPDATE "Variant" v SET "jobRunId" = (a.normalized->'generation'->>'jobRunId')::uuid
FROM "Analysis" a
WHERE a."variantId" = v.id
  AND v."jobRunId" IS NULL
  AND a.normalized->'generation'->>'jobRunId' ~ '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'
  AND EXISTS (SELECT 1 FROM "JobRun" r WHERE r.id = (a.normalized->'generation'->>'jobRunId')::uuid);
