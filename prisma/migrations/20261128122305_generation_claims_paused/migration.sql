-- AlterEnum
ALTER TYPE "JobStatus" ADD VALUE 'PAUSED';

-- AlterTable
ALTER TABLE "Variant" ADD COLUMN     "blockReasons" JSONB,
ADD COLUMN     "claims" JSONB;


-- Backfill: generated variants kept their claims and the gate's reasons in an Analysis row
-- (attributes = claims with provenance, normalized.generation.gate = {status, reasons}).
-- The claims keep the CLI's shape; the reasons get the stored shape (code, detail, text, start, end, severity).
WITH gen AS (
  SELECT DISTINCT ON (a."variantId") a."variantId" AS id, a.attributes AS claims, a.normalized->'generation'->'gate' AS gate
  FROM "Analysis" a
  WHERE a."variantId" IS NOT NULL AND a.normalized ? 'generation'
  ORDER BY a."variantId", a."createdAt" DESC
)
UPDATE "Variant" v SET
  "claims" = (
    SELECT COALESCE(jsonb_agg(jsonb_build_object('text', c->'text', 'start', c->'start', 'end', c->'end', 'source', c->'source')
                              ORDER BY i), '[]'::jsonb)
    FROM jsonb_array_elements(CASE WHEN jsonb_typeof(gen.claims) = 'array' THEN gen.claims ELSE '[]'::jsonb END)
      WITH ORDINALITY AS x(c, i)
  ),
  "blockReasons" = CASE WHEN gen.gate->>'status' = 'blocked' THEN (
    SELECT COALESCE(jsonb_agg(
      CASE r->>'code'
        WHEN 'lint_finding' THEN jsonb_build_object('code', r->'code', 'detail', r->'rule', 'text', r->'match',
          'start', r->'start', 'end', r->'end', 'severity', r->'severity')
        WHEN 'ungrounded_claim' THEN jsonb_build_object('code', r->'code', 'detail', concat(r->>'kind', ': ', r->>'status'),
          'text', r->'text', 'start', r->'start', 'end', r->'end', 'severity', NULL)
        WHEN 'unsourced_fact' THEN jsonb_build_object('code', r->'code', 'detail', r->'kind', 'text', r->'term',
          'start', r->'start', 'end', r->'end', 'severity', NULL)
        ELSE jsonb_build_object('code', r->'code', 'detail', COALESCE(r->>'message', ''), 'text', '',
          'start', NULL, 'end', NULL, 'severity', NULL)
      END ORDER BY i), '[]'::jsonb)
    FROM jsonb_array_elements(CASE WHEN jsonb_typeof(gen.gate->'reasons') = 'array' THEN gen.gate->'reasons' ELSE '[]'::jsonb END)
      WITH ORDINALITY AS y(r, i)
  ) END
FROM gen
WHERE v.id = gen.id;
