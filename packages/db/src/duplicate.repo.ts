import type pg from "pg";
import {
  COPY_SIGNATURE_SCHEME,
  simHashFromBigInt,
  simHashToBigInt,
  type TCopySignature,
  type TDuplicateKind,
  type TDuplicateMethod,
  type TSimHash,
} from "@truecopy/core";
import type { TQueryable } from "./client.js";
import { writeOutboxBatches } from "./outbox.repo.js";
import { nearestProductsSql, vectorLiterals, widenHnswSearch, type TVectorModel } from "./vector.js";
import { withTransaction } from "./client.js";

// Storage behind incremental duplicate detection: per-product signatures in GIN-indexed arrays (a
// new or changed product is looked up, nothing is rebuilt), the pairs found, and moderators' pair
// verdicts. Clusters: duplicate-cluster.repo.ts.

// The dedupe queue's contract (packages/jobs) repeated here: db must not import jobs.
export const DEDUPE_QUEUE = "dedupe";
export const DEDUPE_JOB_NAME = "dedupe-products";
export const MAX_DEDUPE_BATCH = 500;

export type TDedupeProduct = {
  id: string;
  merchantId: string;
  sku: string;
  title: string;
  description: string;
  price: number | null;
  attributes: Record<string, unknown>;
  locale: string | null;
  sourceVersion: number;
  createdAt: Date;
};

const PRODUCT_COLUMNS = `p.id, p."merchantId", p.sku, p.title, p.description, p.price, p.attributes, p.locale,
  p."sourceVersion", p."createdAt"`;

export async function loadProductsForDedupe(db: TQueryable, ids: readonly string[]): Promise<TDedupeProduct[]> {
  if (!ids.length) return [];
  const { rows } = await db.query<TDedupeProduct>(
    `SELECT ${PRODUCT_COLUMNS} FROM "Product" p WHERE p.id = ANY($1::uuid[]) ORDER BY p.id`,
    [ids],
  );
  return rows;
}

/**
 * Queues products for duplicate detection through the outbox, inside the caller's transaction.
 * Called by the analyze job once a batch's analyses and embeddings are stored.
 */
export async function enqueueDedupe(tx: TQueryable, productIds: readonly string[]): Promise<number> {
  return writeOutboxBatches(tx, {
    queue: DEDUPE_QUEUE,
    jobName: DEDUPE_JOB_NAME,
    key: "productIds",
    ids: [...new Set(productIds)],
    batchSize: MAX_DEDUPE_BATCH,
  });
}

export type TSignatureRow = {
  productId: string;
  merchantId: string;
  sourceVersion: number;
  signature: TCopySignature;
  blockingKeys: readonly string[];
};

const SIGNATURE_CHUNK = 500;

/** Inserts or replaces signatures (many rows per statement). */
export async function saveDuplicateSignatures(db: TQueryable, rows: readonly TSignatureRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += SIGNATURE_CHUNK) {
    const chunk = rows.slice(i, i + SIGNATURE_CHUNK);
    const values: unknown[] = [];
    const tuples = chunk.map((r) => {
      const at = values.length;
      values.push(
        r.productId,
        r.merchantId,
        r.sourceVersion,
        r.signature.scheme,
        simHashToBigInt(r.signature.simhash).toString(),
        r.signature.simhashKeys,
        r.signature.bandKeys.map(String),
        Buffer.from(r.signature.minhash),
        r.signature.shingles,
        [...r.blockingKeys],
      );
      const p = (k: number) => `$${at + k}`;
      return `(${p(1)}::uuid, ${p(2)}::uuid, ${p(3)}::int, ${p(4)}::int, ${p(5)}::bigint, ${p(6)}::int[], ${p(7)}::bigint[], ${p(8)}::bytea, ${p(9)}::int, ${p(10)}::text[], now())`;
    });
    await db.query(
      `INSERT INTO "DuplicateSignature" ("productId", "merchantId", "sourceVersion", scheme, simhash, "simhashKeys",
         "bandKeys", minhash, shingles, "blockingKeys", "updatedAt")
       VALUES ${tuples.join(", ")}
       ON CONFLICT ("productId") DO UPDATE SET "merchantId" = EXCLUDED."merchantId", "sourceVersion" = EXCLUDED."sourceVersion",
         scheme = EXCLUDED.scheme, simhash = EXCLUDED.simhash, "simhashKeys" = EXCLUDED."simhashKeys",
         "bandKeys" = EXCLUDED."bandKeys", minhash = EXCLUDED.minhash, shingles = EXCLUDED.shingles,
         "blockingKeys" = EXCLUDED."blockingKeys", "updatedAt" = now()`,
      values,
    );
  }
}

export type TStoredSignature = {
  productId: string;
  simhash: TSimHash;
  minhash: Uint8Array;
  shingles: number;
};

/**
 * Products whose stored signature shares a SimHash block or an LSH band with `signature` (the GIN
 * indexes answer), at most `limit` of them: the candidates a new product is compared with.
 */
export async function copyCandidates(
  pool: pg.Pool,
  o: { productId: string; signature: TCopySignature; limit?: number },
): Promise<TStoredSignature[]> {
  const { rows } = await withTransaction(pool, async (tx) => {
    // Without fresh statistics (a bulk load autovacuum has not analysed yet) the planner guesses
    // that hundreds of rows share a key and prefers a sequential scan that stops at the LIMIT; the
    // keys are near-unique hashes, so the GIN indexes are always the right plan.
    await tx.query(`SELECT set_config('enable_seqscan', 'off', true)`);
    return tx.query<{ productId: string; simhash: string; minhash: Buffer; shingles: number }>(
      `SELECT "productId", simhash::text AS simhash, minhash, shingles FROM "DuplicateSignature"
       WHERE scheme = $1 AND "productId" <> $2 AND ("simhashKeys" && $3::int[] OR "bandKeys" && $4::bigint[])
       LIMIT $5`,
      [
        COPY_SIGNATURE_SCHEME,
        o.productId,
        o.signature.simhashKeys,
        o.signature.bandKeys.map(String),
        Math.max(1, Math.min(5_000, o.limit ?? 500)),
      ],
    );
  });
  return rows.map((r) => ({
    productId: r.productId,
    simhash: simHashFromBigInt(r.simhash),
    minhash: new Uint8Array(r.minhash),
    shingles: r.shingles,
  }));
}

export type TProductCandidate = { productId: string; via: ("knn" | "model" | "brand")[]; cosine: number | null };

/**
 * Same-product candidates of a stored product: its nearest neighbours by embedding (HNSW), the
 * products sharing a model-number blocking key, and the nearest products of its brand. Each with
 * the cosine of the stored embeddings when both have one.
 */
export async function productCandidates(
  pool: pg.Pool,
  model: TVectorModel,
  o: { productId: string; blockingKeys: readonly string[]; k?: number; perKey?: number },
): Promise<TProductCandidate[]> {
  const { name, dim } = vectorLiterals(model);
  const k = Math.max(1, Math.min(100, o.k ?? 20));
  const modelKeys = o.blockingKeys.filter((key) => key.startsWith("m:"));
  const brandKeys = o.blockingKeys.filter((key) => key.startsWith("b:"));
  const expr = `e.vector::vector(${dim})`;
  return withTransaction(pool, async (tx) => {
    await widenHnswSearch(tx, 2 * k);
    const found = new Map<string, TProductCandidate>();
    const add = (id: string, via: TProductCandidate["via"][number], cosine: number | null) => {
      const c = found.get(id);
      if (c) {
        if (!c.via.includes(via)) c.via.push(via);
        c.cosine ??= cosine;
      } else found.set(id, { productId: id, via: [via], cosine });
    };
    const query = `SELECT vector::vector(${dim}) AS v FROM "Embedding" WHERE "ownerKind" = 'PRODUCT' AND "ownerId" = $1 AND model = '${name}'`;
    // The vector is read first: only a parameter lets the kNN statement walk the HNSW index.
    const own = await tx.query<{ v: string }>(`SELECT v::text AS v FROM (${query}) q`, [o.productId]);
    const vector = own.rows[0]?.v;
    if (vector !== undefined) {
      const knn = await tx.query<{ ownerId: string; score: number }>(nearestProductsSql(model, k), [
        vector,
        o.productId,
        null,
      ]);
      for (const r of knn.rows) add(r.ownerId, "knn", Number(r.score));
    }
    const blocked = async (keys: string[], via: "model" | "brand", limit: number) => {
      if (!keys.length) return;
      // Within a block the nearest first (exact cosine over the block; a product without a vector last).
      const { rows } = await tx.query<{ productId: string; score: number | null }>(
        `SELECT s."productId", 1 - (${expr} <=> q.v) AS score
         FROM "DuplicateSignature" s
         LEFT JOIN "Embedding" e ON e."ownerKind" = 'PRODUCT' AND e."ownerId" = s."productId" AND e.model = '${name}'
         LEFT JOIN (${query}) q ON true
         WHERE s."blockingKeys" && $2::text[] AND s."productId" <> $1
         ORDER BY ${expr} <=> q.v NULLS LAST, s."productId" LIMIT $3`,
        [o.productId, keys, limit],
      );
      for (const r of rows) add(r.productId, via, r.score === null ? null : Number(r.score));
    };
    await blocked(modelKeys, "model", o.perKey ?? 50);
    await blocked(brandKeys, "brand", o.perKey ?? 20);
    return [...found.values()];
  });
}

export type TPairInput = { a: string; b: string; score: number; method: TDuplicateMethod };

const ordered = (a: string, b: string): [string, string] => (a < b ? [a, b] : [b, a]);

/**
 * Replaces the pairs of `kind` that involve `productIds` with `pairs` (what checking them found
 * now). Pairs a moderator marked distinct are not stored.
 */
export async function replaceDuplicatePairs(
  tx: TQueryable,
  o: { kind: TDuplicateKind; productIds: readonly string[]; pairs: readonly TPairInput[] },
): Promise<{ removed: string[]; stored: number }> {
  const removed = await tx.query<{ a: string; b: string }>(
    `DELETE FROM "DuplicatePair" WHERE kind = $1::"DuplicateKind" AND ("productAId" = ANY($2::uuid[]) OR "productBId" = ANY($2::uuid[]))
     RETURNING "productAId" AS a, "productBId" AS b`,
    [o.kind, o.productIds],
  );
  const best = new Map<string, TPairInput>();
  for (const p of o.pairs) {
    if (p.a === p.b) continue;
    const [a, b] = ordered(p.a, p.b);
    const key = `${a}:${b}`;
    const prev = best.get(key);
    if (!prev || p.score > prev.score)
      best.set(key, { a, b, score: Math.min(1, Math.max(0, p.score)), method: p.method });
  }
  const list = [...best.values()];
  let stored = 0;
  if (list.length) {
    const r = await tx.query(
      `INSERT INTO "DuplicatePair" (kind, "productAId", "productBId", method, score)
       SELECT $1::"DuplicateKind", x.a, x.b, x.m::"DuplicateMethod", x.s
       FROM unnest($2::uuid[], $3::uuid[], $4::text[], $5::float8[]) AS x(a, b, m, s)
       WHERE NOT EXISTS (SELECT 1 FROM "DuplicateVerdict" v WHERE v.kind = $1::"DuplicateKind"
                         AND v."productAId" = x.a AND v."productBId" = x.b AND v.verdict = 'DISTINCT')
       ON CONFLICT (kind, "productAId", "productBId") DO UPDATE SET method = EXCLUDED.method, score = EXCLUDED.score`,
      [o.kind, list.map((p) => p.a), list.map((p) => p.b), list.map((p) => p.method), list.map((p) => p.score)],
    );
    stored = r.rowCount ?? 0;
  }
  return { removed: [...new Set(removed.rows.flatMap((r) => [r.a, r.b]))], stored };
}

export type TVerdictRow = { a: string; b: string; verdict: "SAME" | "DISTINCT" };

/** Records verdicts on pairs (a later verdict on a pair replaces the earlier one). */
export async function saveDuplicateVerdicts(
  tx: TQueryable,
  o: { kind: TDuplicateKind; verdicts: readonly TVerdictRow[]; actorId: string | null; clusterId: string | null },
): Promise<void> {
  const rows = new Map<string, TVerdictRow>();
  for (const v of o.verdicts) {
    if (v.a === v.b) continue;
    const [a, b] = ordered(v.a, v.b);
    rows.set(`${a}:${b}`, { a, b, verdict: v.verdict });
  }
  if (!rows.size) return;
  const list = [...rows.values()];
  await tx.query(
    `INSERT INTO "DuplicateVerdict" (kind, "productAId", "productBId", verdict, "actorId", "clusterId")
     SELECT $1::"DuplicateKind", x.a, x.b, x.v::"DuplicateVerdictKind", $5, $6
     FROM unnest($2::uuid[], $3::uuid[], $4::text[]) AS x(a, b, v)
     ON CONFLICT (kind, "productAId", "productBId") DO UPDATE SET verdict = EXCLUDED.verdict,
       "actorId" = EXCLUDED."actorId", "clusterId" = EXCLUDED."clusterId", "createdAt" = now()`,
    [o.kind, list.map((v) => v.a), list.map((v) => v.b), list.map((v) => v.verdict), o.actorId, o.clusterId],
  );
}

/** Pairs marked distinct among the given products (keys "a:b" with a < b). */
export async function distinctPairsAmong(
  db: TQueryable,
  kind: TDuplicateKind,
  productIds: readonly string[],
): Promise<Set<string>> {
  if (!productIds.length) return new Set();
  const { rows } = await db.query<{ a: string; b: string }>(
    `SELECT "productAId" AS a, "productBId" AS b FROM "DuplicateVerdict"
     WHERE kind = $1::"DuplicateKind" AND verdict = 'DISTINCT' AND ("productAId" = ANY($2::uuid[]) OR "productBId" = ANY($2::uuid[]))`,
    [kind, productIds],
  );
  return new Set(rows.map((r) => `${r.a}:${r.b}`));
}

export const pairKeyOf = (a: string, b: string): string => ordered(a, b).join(":");
