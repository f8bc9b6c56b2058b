-- CreateEnum
CREATE TYPE "LintVerdict" AS ENUM ('PASS', 'REVIEW', 'BLOCK');

-- CreateEnum
CREATE TYPE "FindingFeedbackKind" AS ENUM ('FALSE_POSITIVE', 'CONFIRMED');

-- CreateEnum
CREATE TYPE "WebhookDeliveryStatus" AS ENUM ('PENDING', 'DELIVERED', 'FAILED');

-- AlterTable
ALTER TABLE "Variant" ADD COLUMN     "claimExpiresAt" TIMESTAMPTZ(3),
ADD COLUMN     "claimedById" UUID,
ADD COLUMN     "lintedAt" TIMESTAMPTZ(3),
ADD COLUMN     "verdict" "LintVerdict";

-- AlterTable
ALTER TABLE "Finding" ADD COLUMN     "autofix" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "legalBasis" TEXT,
ADD COLUMN     "match" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "message" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "Decision" ADD COLUMN     "batchId" UUID,
ADD COLUMN     "undoneAt" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "FindingFeedback" (
    "id" UUID NOT NULL,
    "findingId" UUID NOT NULL,
    "ruleId" TEXT NOT NULL,
    "actorId" UUID NOT NULL,
    "kind" "FindingFeedbackKind" NOT NULL,
    "comment" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FindingFeedback_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RulePackVersion" (
    "id" UUID NOT NULL,
    "merchantId" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "definition" JSONB NOT NULL,
    "comment" TEXT,
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RulePackVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookEndpoint" (
    "id" UUID NOT NULL,
    "merchantId" UUID,
    "url" TEXT NOT NULL,
    "secret" TEXT NOT NULL,
    "events" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WebhookEndpoint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookDelivery" (
    "id" UUID NOT NULL,
    "endpointId" UUID NOT NULL,
    "event" TEXT NOT NULL,
    "eventKey" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "status" "WebhookDeliveryStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "lastStatus" INTEGER,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deliveredAt" TIMESTAMPTZ(3),

    CONSTRAINT "WebhookDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "FindingFeedback_ruleId_kind_idx" ON "FindingFeedback"("ruleId", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "FindingFeedback_findingId_actorId_key" ON "FindingFeedback"("findingId", "actorId");

-- CreateIndex
CREATE UNIQUE INDEX "RulePackVersion_merchantId_version_key" ON "RulePackVersion"("merchantId", "version");

-- CreateIndex
CREATE INDEX "WebhookDelivery_status_createdAt_idx" ON "WebhookDelivery"("status", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "WebhookDelivery_endpointId_eventKey_key" ON "WebhookDelivery"("endpointId", "eventKey");

-- CreateIndex
CREATE INDEX "Variant_verdict_status_idx" ON "Variant"("verdict", "status");

-- CreateIndex
CREATE INDEX "Finding_ruleId_idx" ON "Finding"("ruleId");

-- CreateIndex
CREATE INDEX "Decision_batchId_idx" ON "Decision"("batchId");

-- CreateIndex
CREATE INDEX "Decision_createdAt_idx" ON "Decision"("createdAt");

-- AddForeignKey
ALTER TABLE "FindingFeedback" ADD CONSTRAINT "FindingFeedback_findingId_fkey" FOREIGN KEY ("findingId") REFERENCES "Finding"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RulePackVersion" ADD CONSTRAINT "RulePackVersion_merchantId_fkey" FOREIGN KEY ("merchantId") REFERENCES "Merchant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebhookEndpoint" ADD CONSTRAINT "WebhookEndpoint_merchantId_fkey" FOREIGN KEY ("merchantId") REFERENCES "Merchant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebhookDelivery" ADD CONSTRAINT "WebhookDelivery_endpointId_fkey" FOREIGN KEY ("endpointId") REFERENCES "WebhookEndpoint"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Hand-written: constraints and the review queue's index.
ALTER TABLE "Finding" ADD CONSTRAINT "Finding_span_check" CHECK ("start" >= 0 AND "end" >= "start");
ALTER TABLE "RulePackVersion" ADD CONSTRAINT "RulePackVersion_version_check" CHECK ("version" > 0);
ALTER TABLE "Variant" ADD CONSTRAINT "Variant_claim_check"
  CHECK (("claimedById" IS NULL) = ("claimExpiresAt" IS NULL));
ALTER TABLE "WebhookDelivery" ADD CONSTRAINT "WebhookDelivery_attempts_check" CHECK ("attempts" >= 0);

-- The moderators' queue reads pending items oldest first; a partial index keeps that page cheap at 100k+.
CREATE INDEX "Variant_pending_review_idx" ON "Variant" ("createdAt", "id") WHERE "status" = 'PENDING_REVIEW';
