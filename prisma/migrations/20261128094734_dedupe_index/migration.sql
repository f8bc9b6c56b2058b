-- CreateEnum
CREATE TYPE "DuplicateKind" AS ENUM ('COPY', 'PRODUCT');

-- CreateEnum
CREATE TYPE "DuplicateClusterStatus" AS ENUM ('OPEN', 'CONFIRMED');

-- CreateEnum
CREATE TYPE "DuplicateVerdictKind" AS ENUM ('SAME', 'DISTINCT');

-- AlterTable
ALTER TABLE "DuplicateCluster" ADD COLUMN     "canonicalPinned" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "kind" "DuplicateKind" NOT NULL DEFAULT 'COPY',
ADD COLUMN     "status" "DuplicateClusterStatus" NOT NULL DEFAULT 'OPEN';

-- CreateTable
CREATE TABLE "DuplicateSignature" (
    "productId" UUID NOT NULL,
    "merchantId" UUID NOT NULL,
    "sourceVersion" INTEGER NOT NULL,
    "scheme" INTEGER NOT NULL,
    "simhash" BIGINT NOT NULL,
    "simhashKeys" INTEGER[],
    "bandKeys" BIGINT[],
    "minhash" BYTEA NOT NULL,
    "shingles" INTEGER NOT NULL,
    "blockingKeys" TEXT[],
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DuplicateSignature_pkey" PRIMARY KEY ("productId")
);

-- CreateTable
CREATE TABLE "DuplicatePair" (
    "kind" "DuplicateKind" NOT NULL,
    "productAId" UUID NOT NULL,
    "productBId" UUID NOT NULL,
    "method" "DuplicateMethod" NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DuplicatePair_pkey" PRIMARY KEY ("kind","productAId","productBId")
);

-- CreateTable
CREATE TABLE "DuplicateVerdict" (
    "kind" "DuplicateKind" NOT NULL,
    "productAId" UUID NOT NULL,
    "productBId" UUID NOT NULL,
    "verdict" "DuplicateVerdictKind" NOT NULL,
    "actorId" UUID,
    "clusterId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DuplicateVerdict_pkey" PRIMARY KEY ("kind","productAId","productBId")
);

-- CreateIndex
CREATE INDEX "DuplicateSignature_simhashKeys_idx" ON "DuplicateSignature" USING GIN ("simhashKeys");

-- CreateIndex
CREATE INDEX "DuplicateSignature_bandKeys_idx" ON "DuplicateSignature" USING GIN ("bandKeys");

-- CreateIndex
CREATE INDEX "DuplicateSignature_blockingKeys_idx" ON "DuplicateSignature" USING GIN ("blockingKeys");

-- CreateIndex
CREATE INDEX "DuplicateSignature_merchantId_idx" ON "DuplicateSignature"("merchantId");

-- CreateIndex
CREATE INDEX "DuplicatePair_productAId_idx" ON "DuplicatePair"("productAId");

-- CreateIndex
CREATE INDEX "DuplicatePair_productBId_idx" ON "DuplicatePair"("productBId");

-- CreateIndex
CREATE INDEX "DuplicateVerdict_productBId_idx" ON "DuplicateVerdict"("productBId");

-- CreateIndex
CREATE INDEX "DuplicateCluster_kind_status_updatedAt_idx" ON "DuplicateCluster"("kind", "status", "updatedAt");

-- Hand-written: rows go with their products; pairs are stored once, in id order.
ALTER TABLE "DuplicateSignature"
  ADD CONSTRAINT "DuplicateSignature_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product"("id") ON DELETE CASCADE,
  ADD CONSTRAINT "DuplicateSignature_simhashKeys_check" CHECK (cardinality("simhashKeys") = 4),
  ADD CONSTRAINT "DuplicateSignature_shingles_check" CHECK ("shingles" >= 0);

ALTER TABLE "DuplicatePair"
  ADD CONSTRAINT "DuplicatePair_productAId_fkey" FOREIGN KEY ("productAId") REFERENCES "Product"("id") ON DELETE CASCADE,
  ADD CONSTRAINT "DuplicatePair_productBId_fkey" FOREIGN KEY ("productBId") REFERENCES "Product"("id") ON DELETE CASCADE,
  ADD CONSTRAINT "DuplicatePair_order_check" CHECK ("productAId" < "productBId"),
  ADD CONSTRAINT "DuplicatePair_score_check" CHECK ("score" >= 0 AND "score" <= 1);

ALTER TABLE "DuplicateVerdict"
  ADD CONSTRAINT "DuplicateVerdict_productAId_fkey" FOREIGN KEY ("productAId") REFERENCES "Product"("id") ON DELETE CASCADE,
  ADD CONSTRAINT "DuplicateVerdict_productBId_fkey" FOREIGN KEY ("productBId") REFERENCES "Product"("id") ON DELETE CASCADE,
  ADD CONSTRAINT "DuplicateVerdict_order_check" CHECK ("productAId" < "productBId");

-- Verdicts are looked up by either product of the pair, whatever the kind.
CREATE INDEX "DuplicateVerdict_productAId_idx" ON "DuplicateVerdict"("productAId");
