-- CreateIndex
CREATE INDEX "Analysis_variantId_idx" ON "Analysis"("variantId");

-- CreateIndex
CREATE INDEX "Variant_parentVariantId_idx" ON "Variant"("parentVariantId");

