-- Hand-written (nothing Prisma can express).

-- The near-duplicate image lookup (findDuplicateImages) compared every image of the merchant with
-- bit_count. A pHash is 16 hex digits; its 8 bytes, each tagged with its position ("3:a7"), are
-- the keys of a GIN index. Two hashes within 7 bits differ in at most 7 of the 8 bytes, so they
-- share a key (pigeonhole): the overlap of the keys finds every candidate within
-- DUPLICATE_MAX_DISTANCE (6), and the exact distance is then checked on those rows only.
-- imageHashBlocks in @truecopy/core computes the same keys. A stored hash that is not 16 lower-case
-- hex digits (none, or an older format) has no keys and is never a candidate, as before.
-- A plain expression (no sub-select, not STRICT) so the planner can inline it.
CREATE FUNCTION image_hash_blocks(phash text) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN phash ~ '^[0-9a-f]{16}$' THEN ARRAY[
    '0:' || substr(phash, 1, 2), '1:' || substr(phash, 3, 2), '2:' || substr(phash, 5, 2),
    '3:' || substr(phash, 7, 2), '4:' || substr(phash, 9, 2), '5:' || substr(phash, 11, 2),
    '6:' || substr(phash, 13, 2), '7:' || substr(phash, 15, 2)
  ] END
$$;

CREATE INDEX "ProductImage_phash_blocks_idx" ON "ProductImage" USING gin (image_hash_blocks("phash"));
