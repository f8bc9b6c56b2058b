import type pg from "pg";
import { withTransaction } from "./client.js";
import { recordJobRunBatch } from "./job-run.repo.js";
import { upsertEmbeddings, type TVectorModel } from "./vector.js";

export type TProductForAnalysis = { id: string; title: string; description: string; sourceVersion: number };

export async function loadProductsForAnalysis(pool: pg.Pool, ids: string[]): Promise<TProductForAnalysis[]> {
  const { rows } = await pool.query<TProductForAnalysis>(
    `SELECT id, title, description, "sourceVersion" FROM "Product" WHERE id = ANY($1::uuid[])`,
    [ids],
  );
  return rows;
}

export type TProductAnalysis = {
  productId: string;
  sourceVersion: number;
  language: string;
  normalized: Record<string, unknown>;
  vector: Float32Array;
};

/** Stores analyses, embeddings and the batch's progress atomically: a crash leaves all or nothing. */
export async function saveProductAnalyses(
  pool: pg.Pool,
  o: {
    model: TVectorModel;
    analyses: TProductAnalysis[];
    progress: { jobRunId: string; batchKey: string; processed: number; failed: number; error?: string | null };
  },
): Promise<void> {
  await withTransaction(pool, async (tx) => {
    if (o.analyses.length) {
      await tx.query(
        `INSERT INTO "Analysis" (id, "productId", "sourceVersion", language, "embeddingModel", normalized)
         SELECT gen_random_uuid(), "productId", "sourceVersion", language, $2, normalized
         FROM jsonb_to_recordset($1::jsonb) AS x("productId" uuid, "sourceVersion" int, language text, normalized jsonb)
         ON CONFLICT ("productId", "sourceVersion") WHERE "variantId" IS NULL
         DO UPDATE SET language = EXCLUDED.language, "embeddingModel" = EXCLUDED."embeddingModel",
           normalized = EXCLUDED.normalized, "createdAt" = now()`,
        [JSON.stringify(o.analyses.map(({ vector: _v, ...a }) => a)), o.model.name],
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
