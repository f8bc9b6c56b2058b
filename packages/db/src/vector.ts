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
 * For the rest of the transaction: an HNSW search list of at least `candidates` and never under
 * MIN_EF_SEARCH, and iterative scans (pgvector 0.8), so filtered kNN queries still return enough rows.
 */
// pgvector's default (40) gave recall@10 0.955 on 100,000 products (0.928 for short search queries);
// 100 gave 0.982 for about 0.3 ms more per query (bench/knn, docs/benchmarks.md "kNN recall").
export const MIN_EF_SEARCH = 100;

export async function widenHnswSearch(tx: TQueryable, candidates: number): Promise<void> {
  await tx.query(
    `SELECT set_config('hnsw.ef_search', $1, true), set_config('hnsw.iterative_scan', 'relaxed_order', true)`,
    [String(Math.max(MIN_EF_SEARCH, candidates))],
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
 * The kNN statement of `nearestProducts`: $1 the query vector, $2 the product to leave out, $3 an
 * optional merchant. The query vector must be a value the planner sees (a parameter), not a
 * column of a joined row: pgvector can only walk the HNSW index in order of distance to a constant,
 * and a vector taken from a join turned this into a sort of every row (0.5 s at 100,000 products,
 * bench/knn).
 */
export function nearestProductsSql(model: TVectorModel, k: number): string {
  const { name, dim } = vectorLiterals(model);
  const limit = Math.max(1, Math.min(100, Math.floor(k)));
  const expr = `e.vector::vector(${dim})`;
  return `
    SELECT "ownerId", score FROM (
      SELECT e."ownerId" AS "ownerId", 1 - (${expr} <=> $1::vector(${dim})) AS score
      FROM "Embedding" e
      JOIN "Product" p ON p.id = e."ownerId"
      WHERE e.model = '${name}' AND e."ownerKind" = 'PRODUCT' AND e."ownerId" <> $2::uuid
        AND ($3::uuid IS NULL OR p."merchantId" = $3::uuid)
      ORDER BY ${expr} <=> $1::vector(${dim})
      LIMIT ${limit}
    ) nearest ORDER BY score DESC, "ownerId"`;
}

/**
 * k nearest products to a stored product by cosine similarity (HNSW). `merchantId` restricts the
 * candidates. The search list is widened to at least 2k and iterative index scans (pgvector 0.8)
 * keep filtered queries from returning fewer than k rows; the outer ORDER BY restores exact order.
 * A product without a vector of the model has no neighbours.
 */
export async function nearestProducts(
  pool: pg.Pool,
  model: TVectorModel,
  options: { productId: string; k: number; merchantId?: string | null },
): Promise<TNeighbour[]> {
  const { name, dim } = vectorLiterals(model);
  const k = Math.max(1, Math.min(100, Math.floor(options.k)));
  return withTransaction(pool, async (tx) => {
    const own = await tx.query<{ v: string }>(
      `SELECT vector::vector(${dim})::text AS v FROM "Embedding" WHERE "ownerKind" = 'PRODUCT' AND "ownerId" = $1 AND model = $2`,
      [options.productId, name],
    );
    const vector = own.rows[0]?.v;
    if (vector === undefined) return [];
    await widenHnswSearch(tx, 2 * k);
    const { rows } = await tx.query<{ ownerId: string; score: number }>(nearestProductsSql(model, k), [
      vector,
      options.productId,
      options.merchantId ?? null,
    ]);
    return rows.map((r) => ({ ownerId: r.ownerId, score: Number(r.score) }));
  });
}
