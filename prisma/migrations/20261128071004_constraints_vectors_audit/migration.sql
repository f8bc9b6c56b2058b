-- Constraints Prisma cannot express, per-model HNSW indexes, the append-only audit log.


ALTER TABLE "Merchant" ADD CONSTRAINT "Merchant_slug_format" CHECK ("slug" ~ '^[a-z0-9][a-z0-9-]{0,62}$');
ALTER TABLE "User" ADD CONSTRAINT "User_email_lower" CHECK ("email" = lower("email") AND position('@' in "email") > 1);
-- A shop's service account always belongs to a merchant; merchandisers too.
ALTER TABLE "User" ADD CONSTRAINT "User_merchant_role" CHECK ("role" NOT IN ('MERCHANDISER', 'SERVICE') OR "merchantId" IS NOT NULL);
ALTER TABLE "ApiKey" ADD CONSTRAINT "ApiKey_merchant_role" CHECK ("role" <> 'SERVICE' OR "merchantId" IS NOT NULL);
ALTER TABLE "Product" ADD CONSTRAINT "Product_sku_nonempty" CHECK (length(btrim("sku")) > 0 AND length("sku") <= 128);
ALTER TABLE "Product" ADD CONSTRAINT "Product_title_nonempty" CHECK (length(btrim("title")) > 0);
ALTER TABLE "Product" ADD CONSTRAINT "Product_price_nonnegative" CHECK ("price" IS NULL OR "price" >= 0);
ALTER TABLE "Product" ADD CONSTRAINT "Product_currency_format" CHECK ("currency" IS NULL OR "currency" ~ '^[A-Z]{3}$');
ALTER TABLE "Product" ADD CONSTRAINT "Product_attributes_object" CHECK (jsonb_typeof("attributes") = 'object');
ALTER TABLE "Product" ADD CONSTRAINT "Product_source_version_positive" CHECK ("sourceVersion" >= 1);
ALTER TABLE "ProductReview" ADD CONSTRAINT "ProductReview_rating_range" CHECK ("rating" IS NULL OR "rating" BETWEEN 1 AND 5);
ALTER TABLE "Embedding" ADD CONSTRAINT "Embedding_dim_matches" CHECK (vector_dims("vector") = "dim");
ALTER TABLE "Variant" ADD CONSTRAINT "Variant_text_nonempty" CHECK (length(btrim("text")) > 0);
-- Only originals stand alone; every derived variant records what it came from, except generated ones.
ALTER TABLE "Variant" ADD CONSTRAINT "Variant_edited_has_parent" CHECK ("origin" <> 'EDITED' OR "parentVariantId" IS NOT NULL);
-- One ORIGINAL per product, field and locale.
CREATE UNIQUE INDEX "Variant_one_original" ON "Variant" ("productId", "field", "locale") WHERE "origin" = 'ORIGINAL';
ALTER TABLE "Finding" ADD CONSTRAINT "Finding_span_valid" CHECK ("start" >= 0 AND "end" >= "start");
ALTER TABLE "DuplicateCluster" ADD CONSTRAINT "DuplicateCluster_score_range" CHECK ("score" >= 0 AND "score" <= 1);
ALTER TABLE "JobRun" ADD CONSTRAINT "JobRun_counts_valid" CHECK ("total" >= 0 AND "processed" >= 0 AND "failed" >= 0 AND "processed" + "failed" <= "total");
ALTER TABLE "Outbox" ADD CONSTRAINT "Outbox_attempts_nonnegative" CHECK ("attempts" >= 0);
CREATE INDEX "Outbox_pending" ON "Outbox" ("availableAt", "id") WHERE "status" = 'PENDING';

-- Per-model HNSW indexes over the unconstrained vector column: a new model adds its own partial
-- index (cast to its dimension) in its own migration. kNN queries must repeat the same expression.
CREATE INDEX "Embedding_hnsw_hashgram_v1" ON "Embedding"
  USING hnsw (("vector"::vector(256)) vector_cosine_ops)
  WHERE "model" = 'hashgram-v1';

-- AuditEvent is append-only.
CREATE FUNCTION "audit_event_immutable"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'AuditEvent is append-only (% refused)', TG_OP;
END;
$$;
CREATE TRIGGER "AuditEvent_no_update" BEFORE UPDATE OR DELETE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION "audit_event_immutable"();
-- A retried analyze job must not create a second analysis of the same product version.
CREATE UNIQUE INDEX "Analysis_product_version" ON "Analysis" ("productId", "sourceVersion") WHERE "variantId" IS NULL;
