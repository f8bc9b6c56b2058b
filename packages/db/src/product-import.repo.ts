import { productContentHash, reviewKey, type TProductRow } from "@truecopy/core";
import { withRetriedTransaction, type TQueryable } from "./client.js";
import type pg from "pg";
import { appendAudit, type TAuditInput } from "./audit.repo.js";
import { queueImportLint } from "./lint.repo.js";
import { queueImportVision } from "./image.repo.js";
import { createQueuedJobRun, writeOutboxBatches } from "./outbox.repo.js";

export type TImportActor = Pick<TAuditInput, "actorId" | "actorKind" | "requestId">;
export type TImportBatchResult = {
  created: number;
  updated: number;
  unchanged: number;
  changedIds: string[];
  jobRunId: string | null;
};

export const ANALYZE_QUEUE = "analyze";
export const ANALYZE_JOB_NAME = "analyze-products";
/** The analyze payload's limit on product ids (packages/jobs). */
export const MAX_ANALYZE_BATCH = 1000;

/**
 * Writes one batch of validated rows for one merchant in a single transaction: upsert by
 * (merchant, sku) skipping rows whose content hash is unchanged, replace reviews/images/original
 * variants of changed products, and queue their analysis through the outbox. Re-running the same
 * batch (or running it concurrently) converges on the same state.
 * `jobRunId` groups the batches of one import under one progress record; pass the value returned
 * by the previous batch (null for the first).
 */
export async function importProductBatch(
  pool: pg.Pool,
  input: { merchantId: string; rows: TProductRow[]; actor: TImportActor; jobRunId: string | null; source: string },
): Promise<TImportBatchResult> {
  const { merchantId, rows } = input;
  if (!rows.length) return { created: 0, updated: 0, unchanged: 0, changedIds: [], jobRunId: input.jobRunId };
  if (rows.length > MAX_ANALYZE_BATCH) throw new Error(`a batch holds at most ${MAX_ANALYZE_BATCH} rows`);
  // Rows are written in sku order so concurrent imports of overlapping catalogs lock in the same
  // order (no deadlock cycles); a deadlock or serialization failure still retries the batch.
  const records = [...rows]
    .sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0))
    .map((r) => ({
      sku: r.sku,
      title: r.title,
      description: r.description,
      category: r.category ?? null,
      locale: r.locale ?? null,
      attributes: r.attributes,
      price: r.price ?? null,
      currency: r.currency ?? null,
      contentHash: productContentHash(r),
    }));
  return withRetriedTransaction(pool, async (tx) => {
    const upserted = await tx.query<{ id: string; sku: string; inserted: boolean }>(
      `WITH input AS (
         SELECT * FROM jsonb_to_recordset($2::jsonb) AS x(sku text, title text, description text, category text,
           locale text, attributes jsonb, price numeric, currency text, "contentHash" text)
       )
       INSERT INTO "Product" (id, "merchantId", sku, title, description, category, locale, attributes, price, currency, "contentHash", "updatedAt")
       SELECT gen_random_uuid(), $1::uuid, sku, title, description, category, locale, attributes, price, currency, "contentHash", now() FROM input
       ON CONFLICT ("merchantId", sku) DO UPDATE SET
         title = EXCLUDED.title, description = EXCLUDED.description, category = EXCLUDED.category,
         locale = EXCLUDED.locale, attributes = EXCLUDED.attributes, price = EXCLUDED.price,
         currency = EXCLUDED.currency, "contentHash" = EXCLUDED."contentHash",
         "sourceVersion" = "Product"."sourceVersion" + 1, "updatedAt" = now()
       WHERE "Product"."contentHash" IS DISTINCT FROM EXCLUDED."contentHash"
       RETURNING id, sku, (xmax = 0) AS inserted`,
      [merchantId, JSON.stringify(records)],
    );
    const changed = upserted.rows;
    const created = changed.filter((r) => r.inserted).length;
    const result: TImportBatchResult = {
      created,
      updated: changed.length - created,
      unchanged: rows.length - changed.length,
      changedIds: changed.map((r) => r.id),
      jobRunId: input.jobRunId,
    };
    if (!changed.length) return result;

    const idBySku = new Map(changed.map((r) => [r.sku, r.id]));
    const changedRows = rows.filter((r) => idBySku.has(r.sku));
    const updatedIds = changed.filter((r) => !r.inserted).map((r) => r.id);
    await replaceChildren(tx, changedRows, idBySku, updatedIds);

    result.jobRunId = await addToJobRun(tx, {
      jobRunId: input.jobRunId,
      merchantId,
      count: changed.length,
      actorId: input.actor.actorKind === "user" ? input.actor.actorId : null,
    });
    // One message: a batch holds at most MAX_ANALYZE_BATCH rows.
    await writeOutboxBatches(tx, {
      queue: ANALYZE_QUEUE,
      jobName: ANALYZE_JOB_NAME,
      key: "productIds",
      ids: result.changedIds,
      batchSize: MAX_ANALYZE_BATCH,
      jobRunId: result.jobRunId,
    });
    // The merchant's copy as imported is linted too (its own run, one per import), and its images checked.
    const importedBy = {
      importRunId: result.jobRunId,
      merchantId,
      productIds: result.changedIds,
      actorId: input.actor.actorKind === "user" ? input.actor.actorId : null,
    };
    await queueImportLint(tx, importedBy);
    await queueImportVision(tx, importedBy);
    await appendAudit(tx, {
      ...input.actor,
      action: "products.import",
      entityType: "Merchant",
      entityId: merchantId,
      after: {
        source: input.source,
        created: result.created,
        updated: result.updated,
        unchanged: result.unchanged,
        skus: changedRows.slice(0, 50).map((r) => r.sku),
      },
    });
    return result;
  });
}

/** `updatedIds`: the products that existed before this batch; only they can have children to replace. */
async function replaceChildren(
  tx: TQueryable,
  rows: TProductRow[],
  idBySku: Map<string, string>,
  updatedIds: string[],
): Promise<void> {
  if (updatedIds.length) {
    await tx.query(`DELETE FROM "ProductReview" WHERE "productId" = ANY($1::uuid[])`, [updatedIds]);
    await tx.query(`DELETE FROM "ProductImage" WHERE "productId" = ANY($1::uuid[])`, [updatedIds]);
  }
  const reviews = rows.flatMap((r) =>
    r.reviews.map((rv) => ({
      productId: idBySku.get(r.sku),
      externalId: reviewKey(rv),
      author: rv.author ?? null,
      rating: rv.rating ?? null,
      text: rv.text,
    })),
  );
  if (reviews.length) {
    await tx.query(
      `INSERT INTO "ProductReview" (id, "productId", "externalId", author, rating, text)
       SELECT gen_random_uuid(), "productId", "externalId", author, rating, text
       FROM jsonb_to_recordset($1::jsonb) AS x("productId" uuid, "externalId" text, author text, rating smallint, text text)
       ON CONFLICT ("productId", "externalId") DO NOTHING`,
      [JSON.stringify(reviews)],
    );
  }
  const images = rows.flatMap((r) =>
    r.images.map((url, position) => ({ productId: idBySku.get(r.sku), url, position })),
  );
  if (images.length) {
    await tx.query(
      `INSERT INTO "ProductImage" (id, "productId", url, position)
       SELECT gen_random_uuid(), "productId", url, position
       FROM jsonb_to_recordset($1::jsonb) AS x("productId" uuid, url text, position smallint)
       ON CONFLICT ("productId", url) DO NOTHING`,
      [JSON.stringify(images)],
    );
  }
  // The merchant's own copy is the ORIGINAL variant: live as published, the control arm, always restorable.
  const originals = rows.flatMap((r) => {
    const productId = idBySku.get(r.sku);
    const locale = r.locale ?? "und";
    const out = [{ productId, field: "TITLE", locale, text: r.title }];
    if (r.description.trim()) out.push({ productId, field: "DESCRIPTION", locale, text: r.description });
    return out;
  });
  // Originals keep their ids across re-imports (events attribute to them); only a field or locale
  // that disappeared from the row is removed, unless an edit was derived from it.
  if (updatedIds.length) {
    await tx.query(
      `DELETE FROM "Variant" v
     WHERE v."productId" = ANY($1::uuid[]) AND v.origin = 'ORIGINAL'
       AND NOT EXISTS (SELECT 1 FROM jsonb_to_recordset($2::jsonb) AS x("productId" uuid, field text, locale text)
                       WHERE x."productId" = v."productId" AND x.field = v.field::text AND x.locale = v.locale)
       AND NOT EXISTS (SELECT 1 FROM "Variant" c WHERE c."parentVariantId" = v.id)`,
      [updatedIds, JSON.stringify(originals)],
    );
  }
  await tx.query(
    `INSERT INTO "Variant" (id, "productId", field, locale, text, origin, status, "updatedAt")
     SELECT gen_random_uuid(), "productId", field::"VariantField", locale, text, 'ORIGINAL', 'PUBLISHED', now()
     FROM jsonb_to_recordset($1::jsonb) AS x("productId" uuid, field text, locale text, text text)
     ON CONFLICT ("productId", field, locale) WHERE origin = 'ORIGINAL'
     DO UPDATE SET text = EXCLUDED.text, "updatedAt" = now()`,
    [JSON.stringify(originals)],
  );
}

async function addToJobRun(
  tx: TQueryable,
  o: { jobRunId: string | null; merchantId: string; count: number; actorId: string | null },
): Promise<string> {
  if (o.jobRunId) {
    // A later batch of the same import: a run the worker already finished is reopened.
    const { rows } = await tx.query<{ id: string }>(
      `UPDATE "JobRun" SET total = total + $2,
         status = CASE WHEN status IN ('COMPLETED', 'FAILED') THEN 'RUNNING'::"JobStatus" ELSE status END,
         "finishedAt" = NULL, "updatedAt" = now()
       WHERE id = $1 RETURNING id`,
      [o.jobRunId, o.count],
    );
    if (rows[0]) return rows[0].id;
  }
  return createQueuedJobRun(tx, {
    queue: ANALYZE_QUEUE,
    name: ANALYZE_JOB_NAME,
    digest: `import:${o.merchantId}`,
    total: o.count,
    merchantId: o.merchantId,
    actorId: o.actorId,
  });
}
