-- AlterTable
ALTER TABLE "Variant" ADD COLUMN     "severityRank" SMALLINT NOT NULL DEFAULT 0;


-- Hand-written.
ALTER TABLE "Variant" ADD CONSTRAINT "Variant_severity_rank_range" CHECK ("severityRank" BETWEEN 0 AND 5);

-- Every write to Finding (the linter's replace, feedback, cascades, fixtures) keeps its variants'
-- rank: one statement-level trigger per event recomputes the variants it touched.
CREATE FUNCTION "finding_refresh_severity_rank"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids uuid[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(DISTINCT "variantId") INTO ids FROM new_rows;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(DISTINCT "variantId") INTO ids FROM old_rows;
  ELSE
    SELECT array_agg(DISTINCT u.id) INTO ids
    FROM (SELECT "variantId" AS id FROM new_rows UNION SELECT "variantId" FROM old_rows) u;
  END IF;
  IF ids IS NULL THEN
    RETURN NULL;
  END IF;
  UPDATE "Variant" v SET "severityRank" = r.rank
  FROM (
    SELECT c.id, COALESCE(array_position(ARRAY['INFO', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL']::"Severity"[],
      (SELECT max(f.severity) FROM "Finding" f WHERE f."variantId" = c.id)), 0) AS rank
    FROM unnest(ids) AS c(id)
  ) r
  WHERE v.id = r.id AND v."severityRank" <> r.rank;
  RETURN NULL;
END;
$$;
CREATE TRIGGER "Finding_severity_rank_insert" AFTER INSERT ON "Finding"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "finding_refresh_severity_rank"();
CREATE TRIGGER "Finding_severity_rank_update" AFTER UPDATE ON "Finding"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "finding_refresh_severity_rank"();
CREATE TRIGGER "Finding_severity_rank_delete" AFTER DELETE ON "Finding"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "finding_refresh_severity_rank"();

UPDATE "Variant" v SET "severityRank" = r.rank
FROM (
  SELECT f."variantId" AS id,
    array_position(ARRAY['INFO', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL']::"Severity"[], max(f.severity)) AS rank
  FROM "Finding" f GROUP BY f."variantId"
) r
WHERE v.id = r.id;

-- The SEVERITY order of the review queue, like "Variant_pending_review_idx" for the default order.
CREATE INDEX "Variant_pending_review_severity_idx" ON "Variant" ("severityRank" DESC, "createdAt", "id")
  WHERE "status" = 'PENDING_REVIEW';
