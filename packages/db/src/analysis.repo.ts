import type pg from "pg";
import { withTransaction } from "./client.js";
import { recordJobRunBatch } from "./job-run.repo.js";
import { ANALYZE_JOB_NAME, ANALYZE_QUEUE, MAX_ANALYZE_BATCH } from "./product-import.repo.js";
import { upsertEmbeddings, type TVectorModel } from "./vector.js";

export type TProductForAnalysis = {
  id: string;
  sku: string;
  title: string;
  description: string;
  attributes: Record<string, unknown>;
  sourceVersion: number;
  /** Locale the merchant declared (zh-CN, en-US, …), if any. */
  locale: string | null;
  /** Oldest first, at most `reviewLimit`. */
  reviews: { id: string; text: string }[];
};

export async function loadProductsForAnalysis(
  pool: pg.Pool,
  ids: string[],
  reviewLimit = 200,
): Promise<TProductForAnalysis[]> {
  const { rows } = await pool.query<TProductForAnalysis>(
    `SELECT p.id, p.sku, p.title, p.description, p.attributes, p."sourceVersion", p.locale,
       COALESCE((SELECT jsonb_agg(jsonb_build_object('id', r.id, 'text', r.text) ORDER BY r."createdAt", r.id)
                 FROM (SELECT id, text, "createdAt" FROM "ProductReview" WHERE "productId" = p.id
                       ORDER BY "createdAt", id LIMIT $2) r),
                '[]'::jsonb) AS reviews
     FROM "Product" p WHERE p.id = ANY($1::uuid[])`,
    [ids, reviewLimit],
  );
  return rows;
}

export type TProductAnalysis = {
  productId: string;
  sourceVersion: number;
  language: string;
  normalized: Record<string, unknown>;
  keyphrases: unknown[];
  /** Facts found in the copy compared with the structured attributes: the grounding evidence. */
  attributes: unknown[];
  /**
   * Review insights: `{ reviews: { total, positive, negative, neutral }, aspects: TAspectSummary[],
   * model }` (core's `summarizeSentiments` and `summarizeAspects`).
   */
  aspects: unknown;
  /** Space-separated search terms (core's `searchDocument`) for the keyword index. */
  searchDocument: string;
  vector: Float32Array;
};

/**
 * What an analysis records as its embedding model: name and version ("hashgram-v2@2.0.0"), so a
 * retrained model of the same name is noticed too. Vectors are stored under the name alone, the key
 * of the model's partial HNSW index.
 */
export function embeddingModelLabel(model: { name: string; version?: string }): string {
  return model.version ? `${model.name}@${model.version}` : model.name;
}

/** Stores analyses, embeddings and the batch's progress atomically: a crash leaves all or nothing. */
export async function saveProductAnalyses(
  pool: pg.Pool,
  o: {
    model: TVectorModel & { version?: string };
    analyses: TProductAnalysis[];
    progress: { jobRunId: string; batchKey: string; processed: number; failed: number; error?: string | null };
  },
): Promise<void> {
  await withTransaction(pool, async (tx) => {
    if (o.analyses.length) {
      await tx.query(
        `INSERT INTO "Analysis" (id, "productId", "sourceVersion", language, "embeddingModel", normalized, keyphrases, attributes, aspects)
         SELECT gen_random_uuid(), "productId", "sourceVersion", language, $2, normalized, keyphrases, attributes, aspects
         FROM jsonb_to_recordset($1::jsonb) AS x("productId" uuid, "sourceVersion" int, language text, normalized jsonb,
                                                 keyphrases jsonb, attributes jsonb, aspects jsonb)
         ON CONFLICT ("productId", "sourceVersion") WHERE "variantId" IS NULL
         DO UPDATE SET language = EXCLUDED.language, "embeddingModel" = EXCLUDED."embeddingModel",
           normalized = EXCLUDED.normalized, keyphrases = EXCLUDED.keyphrases, attributes = EXCLUDED.attributes,
           aspects = EXCLUDED.aspects, "createdAt" = now()`,
        [JSON.stringify(o.analyses.map(({ vector: _v, searchDocument: _d, ...a }) => a)), embeddingModelLabel(o.model)],
      );
      // Only the version that was analysed: a newer edit has its own job on the way.
      await tx.query(
        `UPDATE "Product" p SET "searchVector" = to_tsvector('simple', x.doc)
         FROM jsonb_to_recordset($1::jsonb) AS x("productId" uuid, "sourceVersion" int, doc text)
         WHERE p.id = x."productId" AND p."sourceVersion" = x."sourceVersion"`,
        [
          JSON.stringify(
            o.analyses.map((a) => ({ productId: a.productId, sourceVersion: a.sourceVersion, doc: a.searchDocument })),
          ),
        ],
      );
      await upsertEmbeddings(
        tx,
        o.model,
        o.analyses.map((a) => ({ ownerKind: "PRODUCT" as const, ownerId: a.productId, vector: a.vector })),
      );
    }
    await recordJobRunBatch(tx, o.progress);
  });
}

const REEMBED_LOCK = 724_110_003;
export const REEMBED_JOB_NAME = "reembed-products";

/**
 * When the embedding model changes, products analysed with an older one have no vector for the
 * current model, or (same name, new version) no analysis recording the current version: queue them
 * (through the outbox, in batches) for analysis again. One run at a time: nothing is queued while
 * an earlier re-embed run is unfinished, and concurrent callers skip.
 */
export async function queueReembedding(
  pool: pg.Pool,
  o: { model: string; version?: string; batchSize: number; limit?: number },
): Promise<{ jobRunId: string | null; products: number }> {
  return withTransaction(pool, async (tx) => {
    const locked = await tx.query<{ ok: boolean }>(`SELECT pg_try_advisory_xact_lock($1) AS ok`, [REEMBED_LOCK]);
    if (!locked.rows[0]?.ok) return { jobRunId: null, products: 0 };
    const running = await tx.query(
      `SELECT 1 FROM "JobRun" WHERE name = $1 AND status IN ('QUEUED', 'RUNNING') LIMIT 1`,
      [REEMBED_JOB_NAME],
    );
    if (running.rowCount) return { jobRunId: null, products: 0 };
    const { rows } = await tx.query<{ id: string }>(
      `SELECT p.id FROM "Product" p
       WHERE EXISTS (SELECT 1 FROM "Analysis" a WHERE a."productId" = p.id AND a."variantId" IS NULL)
         AND (NOT EXISTS (SELECT 1 FROM "Embedding" e WHERE e."ownerKind" = 'PRODUCT' AND e."ownerId" = p.id AND e.model = $1)
              OR ($3::text IS NOT NULL AND NOT EXISTS (
                SELECT 1 FROM "Analysis" a WHERE a."productId" = p.id AND a."variantId" IS NULL AND a."embeddingModel" = $3)))
       ORDER BY p.id LIMIT $2`,
      [o.model, o.limit ?? 1_000_000, o.version ? embeddingModelLabel({ name: o.model, version: o.version }) : null],
    );
    if (!rows.length) return { jobRunId: null, products: 0 };
    const run = await tx.query<{ id: string }>(
      `INSERT INTO "JobRun" (id, queue, name, "payloadDigest", status, total, "updatedAt")
       VALUES (gen_random_uuid(), $4, $1, $2, 'QUEUED', $3, now()) RETURNING id`,
      [
        REEMBED_JOB_NAME,
        `reembed:${embeddingModelLabel({ name: o.model, version: o.version })}`,
        rows.length,
        ANALYZE_QUEUE,
      ],
    );
    const jobRunId = run.rows[0]!.id;
    const ids = rows.map((r) => r.id);
    const payloads: string[] = [];
    const size = Math.min(MAX_ANALYZE_BATCH, Math.max(1, o.batchSize));
    for (let i = 0; i < ids.length; i += size)
      payloads.push(JSON.stringify({ jobRunId, productIds: ids.slice(i, i + size) }));
    await tx.query(
      `INSERT INTO "Outbox" (queue, "jobName", payload) SELECT $2, $3, p::jsonb FROM unnest($1::text[]) AS p`,
      [payloads, ANALYZE_QUEUE, ANALYZE_JOB_NAME],
    );
    return { jobRunId, products: ids.length };
  });
}
