-- Hand-written (nothing Prisma can express).

-- One live text per slot (product, field, locale). Deferred to COMMIT, so publishing, reverting and
-- undoing may pass through intermediate states inside their transaction in any order.
ALTER TABLE "Variant" ADD CONSTRAINT "Variant_one_published_per_slot"
  EXCLUDE USING btree ("productId" WITH =, field WITH =, locale WITH =) WHERE (status = 'PUBLISHED')
  DEFERRABLE INITIALLY DEFERRED;

-- The export of published variants pages by (updatedAt, id).
CREATE INDEX "Variant_published_export_idx" ON "Variant" ("updatedAt", "id") WHERE status = 'PUBLISHED';
