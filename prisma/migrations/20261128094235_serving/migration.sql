-- CreateTable
CREATE TABLE "ServingStat" (
    "productId" UUID NOT NULL,
    "segment" TEXT NOT NULL,
    "variantId" UUID NOT NULL,
    "impressions" INTEGER NOT NULL DEFAULT 0,
    "clicks" INTEGER NOT NULL DEFAULT 0,
    "addToCarts" INTEGER NOT NULL DEFAULT 0,
    "purchases" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ServingStat_pkey" PRIMARY KEY ("productId","segment","variantId")
);

-- CreateTable
CREATE TABLE "ServingDailyStat" (
    "productId" UUID NOT NULL,
    "day" DATE NOT NULL,
    "segment" TEXT NOT NULL,
    "variantId" UUID NOT NULL,
    "impressions" INTEGER NOT NULL DEFAULT 0,
    "clicks" INTEGER NOT NULL DEFAULT 0,
    "addToCarts" INTEGER NOT NULL DEFAULT 0,
    "purchases" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ServingDailyStat_pkey" PRIMARY KEY ("productId","day","segment","variantId")
);

-- CreateTable
CREATE TABLE "ServingPause" (
    "variantId" UUID NOT NULL,
    "segment" TEXT NOT NULL,
    "productId" UUID NOT NULL,
    "probability" DOUBLE PRECISION NOT NULL,
    "impressions" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "pausedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ServingPause_pkey" PRIMARY KEY ("variantId","segment")
);

-- CreateTable
CREATE TABLE "ServingModel" (
    "id" BIGSERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "params" JSONB NOT NULL,
    "metrics" JSONB NOT NULL DEFAULT '{}',
    "trainedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ServingModel_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ServingCursor" (
    "name" TEXT NOT NULL,
    "position" TIMESTAMPTZ(3) NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ServingCursor_pkey" PRIMARY KEY ("name")
);

-- CreateIndex
CREATE INDEX "ServingStat_variantId_idx" ON "ServingStat"("variantId");

-- CreateIndex
CREATE INDEX "ServingDailyStat_variantId_idx" ON "ServingDailyStat"("variantId");

-- CreateIndex
CREATE INDEX "ServingPause_productId_idx" ON "ServingPause"("productId");


-- Hand-written: what Prisma cannot express.
ALTER TABLE "ServingStat"
  ADD CONSTRAINT "ServingStat_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product"("id") ON DELETE CASCADE,
  ADD CONSTRAINT "ServingStat_variantId_fkey" FOREIGN KEY ("variantId") REFERENCES "Variant"("id") ON DELETE CASCADE,
  ADD CONSTRAINT "ServingStat_counts_check" CHECK (impressions >= 0 AND clicks >= 0 AND "addToCarts" >= 0 AND purchases >= 0);
ALTER TABLE "ServingDailyStat"
  ADD CONSTRAINT "ServingDailyStat_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product"("id") ON DELETE CASCADE,
  ADD CONSTRAINT "ServingDailyStat_variantId_fkey" FOREIGN KEY ("variantId") REFERENCES "Variant"("id") ON DELETE CASCADE,
  ADD CONSTRAINT "ServingDailyStat_counts_check" CHECK (impressions >= 0 AND clicks >= 0 AND "addToCarts" >= 0 AND purchases >= 0);
ALTER TABLE "ServingPause"
  ADD CONSTRAINT "ServingPause_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product"("id") ON DELETE CASCADE,
  ADD CONSTRAINT "ServingPause_variantId_fkey" FOREIGN KEY ("variantId") REFERENCES "Variant"("id") ON DELETE CASCADE,
  ADD CONSTRAINT "ServingPause_probability_check" CHECK (probability >= 0 AND probability <= 1);

-- The learning job reads new events by arrival time.
CREATE INDEX "Event_receivedAt_idx" ON "Event" ("receivedAt");

-- (merchantId, key) is unique per merchant; shared segments (no merchant) need their own rule.
CREATE UNIQUE INDEX "Segment_global_key_key" ON "Segment" (key) WHERE "merchantId" IS NULL;
