import type pg from "pg";
import {
  imageFacts,
  sameMainColour,
  DUPLICATE_MAX_DISTANCE,
  type TDominantColour,
  type TExposure,
  type TImageFacts,
  type TImageFinding,
  type TOcrLine,
} from "@truecopy/core";
import { withRetriedTransaction, type TQueryable } from "./client.js";
import { appendAudit, type TAuditInput } from "./audit.repo.js";
import { recordJobRunBatch } from "./job-run.repo.js";
import { createQueuedJobRun, importJobRun, writeOutboxBatches } from "./outbox.repo.js";

// Product images and what the vision checks found in them. The report of a check lives in
// ProductImage.findings (a versioned JSON document; width, height and phash in their columns), so
// the API, the worker and generation read one shape through this file.

// The vision queue's contract (packages/jobs) repeated here: db must not import jobs.
export const VISION_QUEUE = "vision";
export const VISION_JOB_NAME = "check-images";
/** Images per job: OCR takes about a second an image, so a job stays short and progress moves. */
export const VISION_BATCH = 8;
export const VISION_RUN_IMPORT = "vision-import";
export const VISION_RUN_RECHECK = "vision-recheck";
/** Most images a product may have (the catalog row limit). */
export const MAX_PRODUCT_IMAGES = 50;

export type TImageStatus = "PENDING" | "CHECKED" | "UNAVAILABLE";

export type TImageReport = {
  v: 1;
  status: "CHECKED" | "UNAVAILABLE";
  checkedAt: string;
  format: string | null;
  bytes: number | null;
  sha256: string | null;
  /** Focus (contrast-normalised variance of the Laplacian); null when the image could not be read. */
  blur: number | null;
  exposure: TExposure | null;
  dhash: string | null;
  colors: TDominantColour[];
  text: TOcrLine[];
  recognizedText: string;
  findings: TImageFinding[];
  /** Why the image could not be read (fetch, format, size …). */
  error: string | null;
  ocrModel: string | null;
};

export type TProductImage = {
  id: string;
  productId: string;
  position: number;
  url: string;
  width: number | null;
  height: number | null;
  phash: string | null;
  status: TImageStatus;
  report: TImageReport | null;
  createdAt: Date;
};

type TImageRow = Omit<TProductImage, "status" | "report"> & { findings: unknown };

/** The stored report, or null for an image not checked yet (the column's default is `[]`). */
export function parseImageReport(value: unknown): TImageReport | null {
  if (!value || typeof value !== "object" || Array.isArray(value)) return null;
  const r = value as Partial<TImageReport>;
  if (r.v !== 1 || (r.status !== "CHECKED" && r.status !== "UNAVAILABLE")) return null;
  return {
    v: 1,
    status: r.status,
    checkedAt: String(r.checkedAt ?? ""),
    format: r.format ?? null,
    bytes: r.bytes ?? null,
    sha256: r.sha256 ?? null,
    blur: r.blur ?? null,
    exposure: r.exposure ?? null,
    dhash: r.dhash ?? null,
    colors: Array.isArray(r.colors) ? r.colors : [],
    text: Array.isArray(r.text) ? r.text : [],
    recognizedText: r.recognizedText ?? "",
    findings: Array.isArray(r.findings) ? r.findings : [],
    error: r.error ?? null,
    ocrModel: r.ocrModel ?? null,
  };
}

function toImage(row: TImageRow): TProductImage {
  const { findings, ...rest } = row;
  const report = parseImageReport(findings);
  return { ...rest, status: report?.status ?? "PENDING", report };
}

const IMAGE_COLUMNS = `i.id, i."productId", i.position, i.url, i.width, i.height, i.phash, i.findings, i."createdAt"`;

/** Images of products, by position. */
export async function listProductImages(db: TQueryable, productIds: readonly string[]): Promise<TProductImage[]> {
  if (!productIds.length) return [];
  const { rows } = await db.query<TImageRow>(
    `SELECT ${IMAGE_COLUMNS} FROM "ProductImage" i WHERE i."productId" = ANY($1::uuid[]) ORDER BY i."productId", i.position, i.url`,
    [productIds],
  );
  return rows.map(toImage);
}

export async function getProductImage(
  db: TQueryable,
  imageId: string,
): Promise<(TProductImage & { merchantId: string }) | null> {
  const { rows } = await db.query<TImageRow & { merchantId: string }>(
    `SELECT ${IMAGE_COLUMNS}, p."merchantId" FROM "ProductImage" i JOIN "Product" p ON p.id = i."productId" WHERE i.id = $1`,
    [imageId],
  );
  return rows[0] ? { ...toImage(rows[0]), merchantId: rows[0].merchantId } : null;
}

/**
 * Queues checks of images through the outbox, inside the caller's transaction, in jobs of
 * VISION_BATCH images. With a `jobRunId` each job counts on that run (whose total the caller set).
 */
export async function enqueueImageChecks(
  tx: TQueryable,
  imageIds: readonly string[],
  jobRunId?: string,
): Promise<number> {
  const ids = [...new Set(imageIds)];
  return writeOutboxBatches(tx, {
    queue: VISION_QUEUE,
    jobName: VISION_JOB_NAME,
    key: "imageIds",
    ids,
    batchSize: VISION_BATCH,
    jobRunId,
  });
}

/**
 * Queues the checks of the images of products an import batch created or changed (their images
 * were just written). All batches of one import share one run, found by the import run's id, so
 * its progress reads like the analyze run's. Called inside the import batch's transaction.
 */
export async function queueImportVision(
  tx: TQueryable,
  o: { importRunId: string; merchantId: string; productIds: readonly string[]; actorId: string | null },
): Promise<{ jobRunId: string | null; images: number }> {
  if (!o.productIds.length) return { jobRunId: null, images: 0 };
  const { rows } = await tx.query<{ id: string }>(
    `SELECT id FROM "ProductImage" WHERE "productId" = ANY($1::uuid[]) ORDER BY "productId", position, id`,
    [o.productIds],
  );
  if (!rows.length) return { jobRunId: null, images: 0 };
  const jobRunId = await importJobRun(tx, {
    queue: VISION_QUEUE,
    name: VISION_RUN_IMPORT,
    importRunId: o.importRunId,
    merchantId: o.merchantId,
    count: rows.length,
    actorId: o.actorId,
  });
  await enqueueImageChecks(
    tx,
    rows.map((r) => r.id),
    jobRunId,
  );
  return { jobRunId, images: rows.length };
}

export type TImageActor = Pick<TAuditInput, "actorId" | "actorKind" | "requestId"> & { userId: string | null };

/**
 * Adds an image to a product (after its last one) and queues its check, in one transaction with
 * its audit event. The same reference twice is the same image: it is checked again instead.
 */
export async function addProductImage(
  pool: pg.Pool,
  o: { productId: string; url: string; actor: TImageActor; source: "url" | "upload" | "path" },
): Promise<{ image: TProductImage; created: boolean; jobRunId: string }> {
  return withRetriedTransaction(pool, async (tx) => {
    const product = await tx.query<{ merchantId: string; images: number }>(
      `SELECT p."merchantId", (SELECT count(*)::int FROM "ProductImage" WHERE "productId" = p.id) AS images
       FROM "Product" p WHERE p.id = $1 FOR UPDATE`,
      [o.productId],
    );
    const p = product.rows[0];
    if (!p) throw new Error(`product ${o.productId} not found`);
    const inserted = await tx.query<TImageRow>(
      `INSERT INTO "ProductImage" AS i (id, "productId", url, position)
       SELECT gen_random_uuid(), $1, $2, COALESCE(max(position) + 1, 0) FROM "ProductImage" WHERE "productId" = $1
       HAVING count(*) < $3
       ON CONFLICT ("productId", url) DO NOTHING
       RETURNING ${IMAGE_COLUMNS}`,
      [o.productId, o.url, MAX_PRODUCT_IMAGES],
    );
    let row = inserted.rows[0];
    const created = Boolean(row);
    if (!row) {
      const existing = await tx.query<TImageRow>(
        `SELECT ${IMAGE_COLUMNS} FROM "ProductImage" i WHERE "productId" = $1 AND url = $2`,
        [o.productId, o.url],
      );
      row = existing.rows[0];
      if (!row) throw new TooManyImagesError(`a product has at most ${MAX_PRODUCT_IMAGES} images`);
    }
    const jobRunId = await createQueuedJobRun(tx, {
      queue: VISION_QUEUE,
      name: VISION_RUN_RECHECK,
      digest: `image:${row.id}`,
      merchantId: p.merchantId,
      total: 1,
      actorId: o.actor.userId,
    });
    await enqueueImageChecks(tx, [row.id], jobRunId);
    await appendAudit(tx, {
      ...o.actor,
      action: created ? "image.add" : "image.recheck",
      entityType: "ProductImage",
      entityId: row.id,
      after: { productId: o.productId, source: o.source, url: o.source === "upload" ? o.url : o.url.slice(0, 500) },
    });
    return { image: toImage(row), created, jobRunId };
  });
}

export class TooManyImagesError extends Error {
  override name = "TooManyImagesError";
}

/** Queues the checks of a product's images again (all, or the given ones) as one tracked run. */
export async function recheckProductImages(
  pool: pg.Pool,
  o: { productId: string; imageIds?: readonly string[]; actor: TImageActor },
): Promise<{ jobRunId: string | null; images: number }> {
  return withRetriedTransaction(pool, async (tx) => {
    const { rows } = await tx.query<{ id: string; merchantId: string }>(
      `SELECT i.id, p."merchantId" FROM "ProductImage" i JOIN "Product" p ON p.id = i."productId"
       WHERE i."productId" = $1 AND ($2::uuid[] IS NULL OR i.id = ANY($2::uuid[])) ORDER BY i.position, i.id`,
      [o.productId, o.imageIds ?? null],
    );
    if (!rows.length) return { jobRunId: null, images: 0 };
    const jobRunId = await createQueuedJobRun(tx, {
      queue: VISION_QUEUE,
      name: VISION_RUN_RECHECK,
      digest: `product:${o.productId}`,
      merchantId: rows[0]!.merchantId,
      total: rows.length,
      actorId: o.actor.userId,
    });
    await enqueueImageChecks(
      tx,
      rows.map((r) => r.id),
      jobRunId,
    );
    await appendAudit(tx, {
      ...o.actor,
      action: "image.recheck",
      entityType: "Product",
      entityId: o.productId,
      after: { images: rows.length },
    });
    return { jobRunId, images: rows.length };
  });
}

export type TImageForCheck = {
  id: string;
  productId: string;
  merchantId: string;
  position: number;
  url: string;
  product: { title: string; description: string; locale: string | null; attributes: unknown };
};

/** Images with the product data their checks compare against. Missing ids are skipped. */
export async function loadImagesForCheck(db: TQueryable, ids: readonly string[]): Promise<TImageForCheck[]> {
  const { rows } = await db.query<Omit<TImageForCheck, "product"> & TImageForCheck["product"]>(
    `SELECT i.id, i."productId", p."merchantId", i.position, i.url, p.title, p.description, p.locale, p.attributes
     FROM "ProductImage" i JOIN "Product" p ON p.id = i."productId" WHERE i.id = ANY($1::uuid[]) ORDER BY i.id`,
    [ids],
  );
  return rows.map(({ title, description, locale, attributes, ...r }) => ({
    ...r,
    product: { title, description, locale, attributes },
  }));
}

/**
 * Stores the reports of a batch of checked images and records the batch on its run, in one
 * transaction (a retried job overwrites its own reports and counts once). An image deleted
 * meanwhile (a re-import replaced it) is skipped.
 */
export async function saveImageReports(
  pool: pg.Pool,
  o: {
    reports: {
      imageId: string;
      width: number | null;
      height: number | null;
      phash: string | null;
      report: TImageReport;
    }[];
    progress?: { jobRunId: string; batchKey: string; processed: number; failed: number } | undefined;
  },
): Promise<{ saved: number; recorded: boolean }> {
  return withRetriedTransaction(pool, async (tx) => {
    const r = o.reports.length
      ? await tx.query(
          `UPDATE "ProductImage" i SET width = x.width, height = x.height, phash = x.phash, findings = x.report
           FROM jsonb_to_recordset($1::jsonb) AS x("imageId" uuid, width int, height int, phash text, report jsonb)
           WHERE i.id = x."imageId"`,
          [JSON.stringify(o.reports)],
        )
      : { rowCount: 0 };
    const recorded = o.progress ? await recordJobRunBatch(tx, o.progress) : false;
    return { saved: r.rowCount ?? 0, recorded };
  });
}

export type TDuplicateImage = { imageId: string; productId: string; sku: string; distance: number };

/**
 * Widest search the block index answers exactly: hashes within 7 bits share one of their 8 bytes
 * (pigeonhole), so the key overlap loses no candidate; at 8 bits two hashes may differ in every byte.
 */
export const BLOCK_INDEX_MAX_DISTANCE = 7;

/**
 * Images of other products of the same merchant whose perceptual hash is within `maxDistance`
 * bits of each given image's and whose main colour is the same (nearest first, at most `limit`
 * each). Up to BLOCK_INDEX_MAX_DISTANCE the candidates come from the GIN index over
 * image_hash_blocks(phash); a wider search compares every image of the merchant.
 */
export async function findDuplicateImages(
  db: TQueryable,
  imageIds: readonly string[],
  o: { maxDistance?: number; limit?: number } = {},
): Promise<Map<string, TDuplicateImage[]>> {
  const out = new Map<string, TDuplicateImage[]>(imageIds.map((id) => [id, []]));
  if (!imageIds.length) return out;
  const maxDistance = o.maxDistance ?? DUPLICATE_MAX_DISTANCE;
  // The overlap only narrows the rows the exact distance is computed on; results are the same.
  const byBlocks =
    maxDistance <= BLOCK_INDEX_MAX_DISTANCE ? `AND image_hash_blocks(b.phash) && image_hash_blocks(a.phash)` : "";
  // One statement per merchant, the merchant a constant: the planner then knows how many images it
  // has and walks a small merchant's products, but the block index for a large one. Compared with
  // the outer row's merchant it guesses an average merchant and takes one path for all.
  const { rows: merchants } = await db.query<{ merchantId: string }>(
    `SELECT DISTINCT p."merchantId" FROM "ProductImage" a JOIN "Product" p ON p.id = a."productId"
     WHERE a.id = ANY($1::uuid[]) AND a.phash ~ '^[0-9a-f]{16}$'`,
    [imageIds],
  );
  const rows: (TDuplicateImage & { of: string; colours: unknown; candidateColours: unknown })[] = [];
  for (const { merchantId } of merchants) {
    const found = await db.query<TDuplicateImage & { of: string; colours: unknown; candidateColours: unknown }>(
      `SELECT a.id AS of, d.id AS "imageId", d."productId", d.sku, d.distance,
              a.findings->'colors' AS colours, d.findings->'colors' AS "candidateColours" FROM "ProductImage" a
       JOIN "Product" ap ON ap.id = a."productId"
       CROSS JOIN LATERAL (
         SELECT b.id, b."productId", bp.sku, b.findings,
                bit_count(('x' || b.phash)::bit(64) # ('x' || a.phash)::bit(64))::int AS distance
         FROM "ProductImage" b JOIN "Product" bp ON bp.id = b."productId"
         WHERE bp."merchantId" = $4 AND b."productId" <> a."productId"
           AND b.phash ~ '^[0-9a-f]{16}$' ${byBlocks}
           AND bit_count(('x' || b.phash)::bit(64) # ('x' || a.phash)::bit(64)) <= $2
         ORDER BY distance, bp.sku, b.id LIMIT $3
       ) d
       WHERE a.id = ANY($1::uuid[]) AND ap."merchantId" = $4 AND a.phash ~ '^[0-9a-f]{16}$'
       ORDER BY a.id, d.distance, d.sku, d.id`,
      [imageIds, maxDistance, o.limit ?? 20, merchantId],
    );
    rows.push(...found.rows);
  }
  const list = (v: unknown) => (Array.isArray(v) ? (v as TDominantColour[]) : []);
  for (const { of, colours, candidateColours, ...d } of rows)
    if (sameMainColour(list(colours), list(candidateColours))) out.get(of)?.push(d);
  return out;
}

/**
 * What a product's checked images say about it, as grounded evidence with provenance "image":
 * their main colours (zh and en names) and the text printed on them, each with the image it comes
 * from. For generation and grounding; images not checked yet or unreadable contribute nothing.
 */
export async function productImageFacts(db: TQueryable, productId: string): Promise<TImageFacts[]> {
  const images = await listProductImages(db, [productId]);
  return images.flatMap((img) => (img.report?.status === "CHECKED" ? [imageFacts(img.report, img.id)] : []));
}
