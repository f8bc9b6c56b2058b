import { createHash } from "node:crypto";
import type pg from "pg";
import { AppError, type TStoredClaim, type TStoredGateReason } from "@truecopy/core";
import { withRetriedTransaction, type TQueryable } from "./client.js";
import { recordJobRunBatch } from "./job-run.repo.js";
import { enqueueLint } from "./lint.repo.js";

// The generate queue's contract (packages/jobs) repeated here: db must not import jobs.
export const GENERATE_QUEUE = "generate";
export const GENERATE_JOB_NAME = "generate-variants";
/** Job-run name of a batch generation. */
export const GENERATE_RUN = "generate-variants";
/** Products per job: one job writes all their fields × styles × audiences in one transaction. */
export const GENERATE_BATCH = 25;
/** Products one request may select. */
export const MAX_GENERATION_PRODUCTS = 10_000;

export type TGenerationSelection = {
  /** Null: every merchant (staff only; the API scopes merchant-bound callers). */
  merchantId: string | null;
  productIds?: readonly string[] | undefined;
  category?: string | null | undefined;
  /** Case-insensitive match on sku, title and description (as the products query). */
  search?: string | null | undefined;
};

export type TGenerationRequest = {
  fields: readonly ("TITLE" | "BULLETS" | "DESCRIPTION" | "SHORT")[];
  styles: readonly ("concise" | "vivid" | "technical")[];
  /** Empty: no particular audience. */
  audiences: readonly string[];
  generator?: "template" | "llm" | undefined;
  ratePerSecond?: number | undefined;
};

const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Selects the products a request covers and queues their generation as one tracked run: a JobRun
 * (queue `generate`, total = number of products, progress per product) and one outbox row per
 * batch of products, in one transaction. Returns the run (finished at once when nothing matched).
 */
export async function queueGenerationRun(
  pool: pg.Pool,
  o: { selection: TGenerationSelection; request: TGenerationRequest; actorId: string | null },
): Promise<{ jobRunId: string; products: number }> {
  const s = o.selection;
  const where: string[] = [];
  const params: unknown[] = [];
  const param = (v: unknown): string => {
    params.push(v);
    return `$${params.length}`;
  };
  if (s.merchantId) where.push(`p."merchantId" = ${param(s.merchantId)}::uuid`);
  if (s.productIds?.length) where.push(`p.id = ANY(${param(s.productIds)}::uuid[])`);
  if (s.category) where.push(`p.category = ${param(s.category)}`);
  if (s.search?.trim()) {
    const like = param(`%${escapeLike(s.search.trim())}%`);
    where.push(`(p.sku ILIKE ${like} OR p.title ILIKE ${like} OR p.description ILIKE ${like})`);
  }
  const digest = createHash("sha256")
    .update(
      JSON.stringify([s.merchantId, [...(s.productIds ?? [])].sort(), s.category ?? null, s.search ?? null, o.request]),
    )
    .digest("hex");
  return withRetriedTransaction(pool, async (tx) => {
    const { rows } = await tx.query<{ id: string }>(
      `SELECT p.id FROM "Product" p ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY p.id LIMIT ${MAX_GENERATION_PRODUCTS + 1}`,
      params,
    );
    if (rows.length > MAX_GENERATION_PRODUCTS)
      throw new AppError(
        "BAD_USER_INPUT",
        `the selection covers more than ${MAX_GENERATION_PRODUCTS} products: narrow it (merchant, category, search, ids)`,
        { max: MAX_GENERATION_PRODUCTS },
      );
    const ids = rows.map((r) => r.id);
    const run = await tx.query<{ id: string }>(
      `INSERT INTO "JobRun" (id, queue, name, "payloadDigest", status, total, "merchantId", "createdById", "updatedAt", "finishedAt")
       VALUES (gen_random_uuid(), $1, $2, $3, $4::"JobStatus", $5, $6, $7, now(), CASE WHEN $5 = 0 THEN now() END) RETURNING id`,
      [GENERATE_QUEUE, GENERATE_RUN, digest, ids.length ? "QUEUED" : "COMPLETED", ids.length, s.merchantId, o.actorId],
    );
    const jobRunId = run.rows[0]!.id;
    const payloads: string[] = [];
    for (let i = 0; i < ids.length; i += GENERATE_BATCH)
      payloads.push(
        JSON.stringify({
          jobRunId,
          productIds: ids.slice(i, i + GENERATE_BATCH),
          fields: o.request.fields,
          styles: o.request.styles,
          audiences: o.request.audiences,
          ...(o.request.generator ? { generator: o.request.generator } : {}),
          ...(o.request.ratePerSecond ? { ratePerSecond: o.request.ratePerSecond } : {}),
        }),
      );
    if (payloads.length)
      await tx.query(
        `INSERT INTO "Outbox" (queue, "jobName", payload) SELECT $2, $3, p::jsonb FROM unnest($1::text[]) AS p`,
        [payloads, GENERATE_QUEUE, GENERATE_JOB_NAME],
      );
    return { jobRunId, products: ids.length };
  });
}

export type TProductForGeneration = {
  id: string;
  merchantId: string;
  category: string | null;
  locale: string | null;
  sourceVersion: number;
  attributes: unknown;
  reviews: { id: string; text: string }[];
};

const REVIEWS_PER_PRODUCT = 200;

/** Products with what generation reads: attributes, locale, version and their first reviews. */
export async function loadProductsForGeneration(
  db: TQueryable,
  ids: readonly string[],
): Promise<TProductForGeneration[]> {
  const { rows } = await db.query<TProductForGeneration>(
    `SELECT p.id, p."merchantId", p.category, p.locale, p."sourceVersion", p.attributes,
       COALESCE((SELECT json_agg(json_build_object('id', r.id, 'text', r.text) ORDER BY r."createdAt", r.id)
                 FROM (SELECT id, text, "createdAt" FROM "ProductReview" WHERE "productId" = p.id
                       ORDER BY "createdAt", id LIMIT ${REVIEWS_PER_PRODUCT}) r), '[]'::json) AS reviews
     FROM "Product" p WHERE p.id = ANY($1::uuid[]) ORDER BY p.id`,
    [ids],
  );
  return rows;
}

/** Which of these idempotency keys already have a variant (a re-run finds them instead of duplicating). */
export async function existingGenerationKeys(db: TQueryable, keys: readonly string[]): Promise<Set<string>> {
  if (!keys.length) return new Set();
  const { rows } = await db.query<{ key: string }>(
    `SELECT "idempotencyKey" AS key FROM "Variant" WHERE "idempotencyKey" = ANY($1::text[])`,
    [keys],
  );
  return new Set(rows.map((r) => r.key));
}

/** The run's status as processors see it; null when it is not a generation run. */
export async function generationRunStatus(db: TQueryable, jobRunId: string): Promise<string | null> {
  const { rows } = await db.query<{ status: string }>(`SELECT status FROM "JobRun" WHERE id = $1 AND queue = $2`, [
    jobRunId,
    GENERATE_QUEUE,
  ]);
  return rows[0]?.status ?? null;
}

/** One candidate as the worker produced it. */
export type TGeneratedVariant = {
  productId: string;
  productVersion: number;
  field: "TITLE" | "BULLETS" | "DESCRIPTION" | "SHORT";
  locale: string;
  text: string;
  origin: "GENERATED" | "LLM";
  generator: string;
  generatorVersion: string;
  style: string;
  audience: string | null;
  emphasis: string[];
  /** Offered candidates wait for review; the gate's rejects are kept BLOCKED, for the record. */
  status: "PENDING_REVIEW" | "BLOCKED";
  idempotencyKey: string;
  /** Claims with provenance (Variant.claims). */
  claims: TStoredClaim[];
  /** The gate's reasons when it held the candidate back (Variant.blockReasons), else null. */
  blockReasons: TStoredGateReason[] | null;
  /** How it was generated (generator, style, audience, LLM accounting): the Analysis row, with the run. */
  generation: Record<string, unknown>;
};

/**
 * Stores one batch's candidates in one transaction: each becomes a new GENERATED/LLM variant
 * (PENDING_REVIEW or BLOCKED) with its claims and, when blocked, the gate's reasons, unless its
 * idempotency key already has one — so a retried job or a repeated request never duplicates — tied
 * to its run, with an Analysis row holding how it was generated (and the LLM's accounting); new variants are queued for
 * linting (their findings); the batch counts on its run.
 * Nothing else is touched: existing variants, human-written or edited, stay as they are.
 */
export async function saveGeneratedVariants(
  pool: pg.Pool,
  o: {
    variants: readonly TGeneratedVariant[];
    progress: { jobRunId: string; batchKey: string; processed: number; failed: number; error?: string | null };
  },
): Promise<{ created: number; existing: number; recorded: boolean }> {
  return withRetriedTransaction(pool, async (tx) => {
    // A cancelled run takes no more variants (a job that was already past its check writes nothing).
    const run = await tx.query<{ status: string }>(`SELECT status FROM "JobRun" WHERE id = $1 FOR SHARE`, [
      o.progress.jobRunId,
    ]);
    if (run.rows[0]?.status === "CANCELLED") return { created: 0, existing: 0, recorded: false };
    const rows = o.variants.filter((v) => v.text.trim());
    let inserted: { id: string; key: string }[] = [];
    if (rows.length) {
      const result = await tx.query<{ id: string; key: string }>(
        `INSERT INTO "Variant" AS v (id, "productId", field, locale, text, origin, generator, "generatorVersion", audience,
           emphasis, style, status, "idempotencyKey", claims, "blockReasons", "jobRunId", "updatedAt")
         SELECT gen_random_uuid(), x."productId", x.field::"VariantField", x.locale, x.text, x.origin::"VariantOrigin",
           x.generator, x."generatorVersion", x.audience, ARRAY(SELECT jsonb_array_elements_text(x.emphasis)), x.style,
           x.status::"VariantStatus", x."idempotencyKey", x.claims, x."blockReasons", $2::uuid, now()
         FROM jsonb_to_recordset($1::jsonb) AS x("productId" uuid, field text, locale text, text text, origin text,
           generator text, "generatorVersion" text, audience text, emphasis jsonb, style text, status text, "idempotencyKey" text,
           claims jsonb, "blockReasons" jsonb)
         ON CONFLICT ("idempotencyKey") DO NOTHING
         RETURNING v.id, v."idempotencyKey" AS key`,
        [JSON.stringify(rows.map(({ generation: _g, productVersion: _p, ...v }) => v)), o.progress.jobRunId],
      );
      inserted = result.rows;
    }
    if (inserted.length) {
      const byKey = new Map(rows.map((v) => [v.idempotencyKey, v]));
      const analyses = inserted.map(({ id, key }) => {
        const v = byKey.get(key)!;
        return {
          productId: v.productId,
          variantId: id,
          sourceVersion: v.productVersion,
          language: v.locale,
          normalized: { generation: { ...v.generation, jobRunId: o.progress.jobRunId } },
        };
      });
      await tx.query(
        `INSERT INTO "Analysis" (id, "productId", "variantId", "sourceVersion", language, normalized)
         SELECT gen_random_uuid(), x."productId", x."variantId", x."sourceVersion", x.language, x.normalized
         FROM jsonb_to_recordset($1::jsonb) AS x("productId" uuid, "variantId" uuid, "sourceVersion" int, language text,
           normalized jsonb)`,
        [JSON.stringify(analyses)],
      );
      await enqueueLint(
        tx,
        inserted.map((r) => r.id),
      );
    }
    const recorded = await recordJobRunBatch(tx, o.progress);
    return { created: inserted.length, existing: rows.length - inserted.length, recorded };
  });
}

export type TGenerationRunStats = {
  /** Candidates stored for review, and held back by the gate. */
  offered: number;
  blocked: number;
  /** Why candidates were blocked: gate reason code → count. */
  blockedReasons: Record<string, number>;
  /** LLM usage of the run (0 for the template generator). */
  promptTokens: number;
  completionTokens: number;
  costUsd: number;
  cachedResponses: number;
};

/**
 * What a generation run has produced so far: its variants (Variant.jobRunId, indexed: the batch panel
 * polls this every second); blocked ones are those with the gate's reasons on the variant, the LLM's
 * accounting is in each variant's generation Analysis row.
 */
export async function generationRunStats(db: TQueryable, jobRunId: string): Promise<TGenerationRunStats> {
  type TLlm = { promptTokens?: number; completionTokens?: number; costUsd?: number; cached?: boolean };
  const { rows } = await db.query<{ blockReasons: { code?: string }[] | null; llm: TLlm | null }>(
    `SELECT v."blockReasons", g.llm
     FROM "Variant" v
     LEFT JOIN LATERAL (
       SELECT a.normalized->'generation'->'llm' AS llm FROM "Analysis" a
       WHERE a."variantId" = v.id AND a.normalized ? 'generation'
       ORDER BY a."createdAt" DESC LIMIT 1
     ) g ON true
     WHERE v."jobRunId" = $1::uuid`,
    [jobRunId],
  );
  const stats: TGenerationRunStats = {
    offered: 0,
    blocked: 0,
    blockedReasons: {},
    promptTokens: 0,
    completionTokens: 0,
    costUsd: 0,
    cachedResponses: 0,
  };
  for (const r of rows) {
    if (r.blockReasons) {
      stats.blocked++;
      for (const reason of r.blockReasons)
        if (reason.code) stats.blockedReasons[reason.code] = (stats.blockedReasons[reason.code] ?? 0) + 1;
    } else stats.offered++;
    if (r.llm) {
      stats.promptTokens += r.llm.promptTokens ?? 0;
      stats.completionTokens += r.llm.completionTokens ?? 0;
      stats.costUsd += r.llm.costUsd ?? 0;
      if (r.llm.cached) stats.cachedResponses++;
    }
  }
  stats.costUsd = Math.round(stats.costUsd * 1e6) / 1e6;
  return stats;
}

/** Cancels a generation run that has not finished (running, queued or paused); returns whether it did. */
export async function cancelGenerationRun(db: TQueryable, jobRunId: string): Promise<boolean> {
  const r = await db.query(
    `UPDATE "JobRun" SET status = 'CANCELLED', "finishedAt" = now(), "updatedAt" = now(),
       error = COALESCE(error, 'cancelled')
     WHERE id = $1 AND queue = $2 AND status IN ('QUEUED', 'RUNNING', 'PAUSED')`,
    [jobRunId, GENERATE_QUEUE],
  );
  return (r.rowCount ?? 0) > 0;
}

/** Pauses a running or queued generation run (its batches wait); returns whether it did. */
export async function pauseGenerationRun(db: TQueryable, jobRunId: string): Promise<boolean> {
  const r = await db.query(
    `UPDATE "JobRun" SET status = 'PAUSED', "updatedAt" = now()
     WHERE id = $1 AND queue = $2 AND status IN ('QUEUED', 'RUNNING')`,
    [jobRunId, GENERATE_QUEUE],
  );
  return (r.rowCount ?? 0) > 0;
}

/**
 * Resumes a paused generation run: RUNNING again, or QUEUED when no batch had started before the
 * pause; returns whether it did.
 */
export async function resumeGenerationRun(db: TQueryable, jobRunId: string): Promise<boolean> {
  const r = await db.query(
    `UPDATE "JobRun" SET status = (CASE WHEN "startedAt" IS NULL THEN 'QUEUED' ELSE 'RUNNING' END)::"JobStatus",
       "updatedAt" = now()
     WHERE id = $1 AND queue = $2 AND status = 'PAUSED'`,
    [jobRunId, GENERATE_QUEUE],
  );
  return (r.rowCount ?? 0) > 0;
}
