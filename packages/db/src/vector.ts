import pgvector from "pgvector";
import type pg from "pg";
import { withTransaction, type TQueryable } from "./client.js";

// Vector SQL lives here, behind typed helpers. Model name and dimension are inlined as literals
// because the per-model partial HNSW index is only used when the query repeats its exact
// expression and predicate; both are validated so nothing untrusted reaches the SQL text.
export type TVectorModel = { name: string; dim: number };
export type TOwnerKind = "PRODUCT" | "VARIANT" | "REVIEW" | "IMAGE";

export function vectorLiterals(model: TVectorModel): { name: string; dim: number } {
  if (!/^[a-z0-9][a-z0-9.-]{0,62}$/.test(model.name))
    throw new Error(`invalid model name for vector SQL: ${model.name}`);
  if (!Number.isInteger(model.dim) || model.dim < 1 || model.dim > 16_000)
    throw new Error(`invalid vector dimension: ${model.dim}`);
  return model;
}

/**
 * For the rest of the transaction: an HNSW search list of at least `candidates` (pgvector's default
 * is 40) and iterative scans (pgvector 0.8), so filtered kNN queries still return enough rows.
 */
export async function widenHnswSearch(tx: TQueryable, candidates: number): Promise<void> {
  await tx.query(
    `SELECT set_config('hnsw.ef_search', $1, true), set_config('hnsw.iterative_scan', 'relaxed_order', true)`,
    [String(Math.max(40, candidates))],
  );
}

export function toVectorLiteral(v: ArrayLike<number>): string {
  return pgvector.toSql(Array.from(v)) as string;
}

/** Inserts or replaces the embeddings of many owners in one statement. */
export async function upsertEmbeddings(
  db: TQueryable,
  model: TVectorModel,
  rows: { ownerKind: TOwnerKind; ownerId: string; vector: ArrayLike<number> }[],
): Promise<void> {
  if (!rows.length) return;
  const { name, dim } = vectorLiterals(model);
  for (const r of rows) {
    if (r.vector.length !== dim)
      throw new Error(`embedding for ${r.ownerId} has ${r.vector.length} dimensions, model ${name} has ${dim}`);
  }
  await db.query(
    `INSERT INTO "Embedding" (id, "ownerKind", "ownerId", model, dim, vector)
     SELECT gen_random_uuid(), x.kind::"OwnerKind", x.owner, $1, $2, x.vec::vector
     FROM unnest($3::text[], $4::uuid[], $5::text[]) AS x(kind, owner, vec)
     ON CONFLICT ("ownerKind", "ownerId", model) DO UPDATE SET vector = EXCLUDED.vector, dim = EXCLUDED.dim, "createdAt" = now()`,
    [name, dim, rows.map((r) => r.ownerKind), rows.map((r) => r.ownerId), rows.map((r) => toVectorLiteral(r.vector))],
  );
}

export type TNeighbour = { ownerId: string; score: number };

/**
 * k nearest products to a stored product by cosine similarity (HNSW). `merchantId` restricts the
 * candidates. The search list is widened to at least 2k and iterative index scans (pgvector 0.8)
 * keep filtered queries from returning fewer than k rows; the outer ORDER BY restores exact order.
 */
export async function nearestProducts(
  pool: pg.Pool,
  model: TVectorModel,
  options: { productId: string; k: number; merchantId?: string | null },
): Promise<TNeighbour[]> {
  const { name, dim } = vectorLiterals(model);
  const k = Math.max(1, Math.min(100, Math.floor(options.k)));
  const expr = `e.vector::vector(${dim})`;
  const sql = `
    SELECT "ownerId", score FROM (
      SELECT e."ownerId" AS "ownerId", 1 - (${expr} <=> q.v) AS score
      FROM "Embedding" e
      JOIN "Product" p ON p.id = e."ownerId"
      CROSS JOIN (SELECT vector::vector(${dim}) AS v FROM "Embedding"
                  WHERE "ownerKind" = 'PRODUCT' AND "ownerId" = $1 AND model = '${name}') q
      WHERE e.model = '${name}' AND e."ownerKind" = 'PRODUCT' AND e."ownerId" <> $1
        AND ($2::uuid IS NULL OR p."merchantId" = $2::uuid)
      ORDER BY ${expr} <=> q.v
      LIMIT ${k}
    ) nearest ORDER BY score DESC, "ownerId"`;
  return withTransaction(pool, async (tx) => {
    await widenHnswSearch(tx, 2 * k);
    const { rows } = await tx.query<{ ownerId: string; score: number }>(sql, [
      options.productId,
      options.merchantId ?? null,
    ]);
    return rows.map((r) => ({ ownerId: r.ownerId, score: Number(r.score) }));
  });
}
