import type pg from "pg";
import { withTransaction } from "./client.js";
import { toVectorLiteral, vectorLiterals, widenHnswSearch, type TVectorModel } from "./vector.js";

export type TSearchHit = { productId: string; score: number; vectorRank: number | null; keywordRank: number | null };

// Reciprocal rank fusion: each list contributes 1 / (K + rank); K = 60 as in Cormack et al. (2009).
const RRF_K = 60;

/**
 * Hybrid product search: the `candidates` nearest products by embedding (HNSW, cosine) and the
 * `candidates` best keyword matches (full text over search terms, any term may match), fused by
 * reciprocal rank. Filters apply inside both lists; iterative index scans keep filtered kNN full.
 */
export async function searchProducts(
  pool: pg.Pool,
  model: TVectorModel,
  o: {
    vector: ArrayLike<number>;
    terms: string[];
    /** The raw query: a product whose sku equals it comes first. */
    exactSku?: string;
    merchantId: string | null;
    category: string | null;
    candidates: number;
    limit: number;
    offset: number;
  },
): Promise<TSearchHit[]> {
  const { name, dim } = vectorLiterals(model);
  const candidates = Math.max(1, Math.min(1000, Math.floor(o.candidates)));
  const expr = `e.vector::vector(${dim})`;
  // websearch_to_tsquery never fails on user text; "a or b" makes any term enough to match.
  const keywordQuery = o.terms.slice(0, 64).join(" or ");
  const sql = `
    WITH vec AS (
      SELECT id, row_number() OVER (ORDER BY dist, id) AS r FROM (
        SELECT e."ownerId" AS id, ${expr} <=> $1::vector(${dim}) AS dist
        FROM "Embedding" e JOIN "Product" p ON p.id = e."ownerId"
        WHERE e.model = '${name}' AND e."ownerKind" = 'PRODUCT'
          AND ($3::uuid IS NULL OR p."merchantId" = $3::uuid)
          AND ($4::text IS NULL OR p.category = $4::text)
        ORDER BY ${expr} <=> $1::vector(${dim})
        LIMIT ${candidates}
      ) nearest
    ),
    kw AS (
      SELECT id, row_number() OVER (ORDER BY rank DESC, id) AS r FROM (
        SELECT p.id, ts_rank(p."searchVector", q) AS rank
        FROM "Product" p, websearch_to_tsquery('simple', $2) q
        WHERE $2 <> '' AND p."searchVector" @@ q
          AND ($3::uuid IS NULL OR p."merchantId" = $3::uuid)
          AND ($4::text IS NULL OR p.category = $4::text)
        ORDER BY rank DESC, p.id
        LIMIT ${candidates}
      ) matched
    )
    , exact AS (
      -- A query that is a sku finds that product first (it outranks any fused score, which is < 1).
      SELECT p.id, 1 AS r FROM "Product" p
      WHERE p.sku = $7 AND ($3::uuid IS NULL OR p."merchantId" = $3::uuid) AND ($4::text IS NULL OR p.category = $4::text)
    )
    SELECT id AS "productId",
           sum(CASE WHEN src = 'x' THEN 1.0 ELSE 1.0 / (${RRF_K} + r) END)::float8 AS score,
           min(r) FILTER (WHERE src = 'v')::int AS "vectorRank",
           min(r) FILTER (WHERE src = 'k')::int AS "keywordRank"
    FROM (SELECT id, r, 'v' AS src FROM vec UNION ALL SELECT id, r, 'k' AS src FROM kw
          UNION ALL SELECT id, r, 'x' AS src FROM exact) lists
    GROUP BY id
    ORDER BY score DESC, id
    LIMIT $5 OFFSET $6`;
  return withTransaction(pool, async (tx) => {
    await widenHnswSearch(tx, candidates);
    const { rows } = await tx.query<TSearchHit>(sql, [
      toVectorLiteral(o.vector),
      keywordQuery,
      o.merchantId,
      o.category,
      o.limit,
      o.offset,
      o.exactSku ?? "",
    ]);
    return rows;
  });
}
