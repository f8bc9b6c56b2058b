import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { createLogger, parseEnv, testEnv, ZWorkerEnv } from "@truecopy/config";
import { llmCandidate, type TGenerationInput } from "@truecopy/core";
import {
  cancelGenerationRun,
  generationRunStats,
  pauseGenerationRun,
  queueGenerationRun,
  resumeGenerationRun,
  type TDatabase,
  type TGenerationRequest,
} from "@truecopy/db";
import { createTestMerchant, openTestDatabase } from "@truecopy/db/testing";
import { createRedis } from "@truecopy/jobs";
import type { Redis } from "ioredis";
import { startWorkerRuntime, type TWorkerRuntime } from "../../runtime.js";
import { generateBatch, type TGenerateDeps } from "./generate.handler.js";
import type { TLlmProvider } from "./llm-provider.js";

// Batch generation end to end: a request queues a run through the outbox, the worker writes one
// candidate per product × field × style × audience (PENDING_REVIEW, or BLOCKED with the gate's
// reasons), the lint job lints them; repeating the request writes nothing new; human-written and
// edited variants are never touched; a run can be paused, resumed and cancelled.

let db: TDatabase;
let redis: Redis;
let worker: TWorkerRuntime;
const prefix = `gen-${randomUUID().slice(0, 8)}`;
const log = createLogger("test", "error");

beforeAll(async () => {
  db = await openTestDatabase();
  const env = testEnv();
  redis = createRedis(env.REDIS_URL, "worker");
  worker = await startWorkerRuntime(
    parseEnv(ZWorkerEnv, {
      DATABASE_URL: env.DATABASE_URL,
      REDIS_URL: env.REDIS_URL,
      TRUECOPY_QUEUE_PREFIX: prefix,
      OUTBOX_POLL_MS: "50",
      LOG_LEVEL: "error",
    }),
    log,
  );
});
afterAll(async () => {
  await worker?.stop();
  redis?.disconnect();
  await db?.close();
});

async function until<T>(what: string, fn: () => Promise<T | null | undefined | false>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

type TRun = { id: string; status: string; total: number; processed: number; failed: number };
const runOf = async (id: string): Promise<TRun> =>
  (await db.pool.query<TRun>(`SELECT id, status, total, processed, failed FROM "JobRun" WHERE id = $1`, [id])).rows[0]!;
const finished = (id: string) =>
  until(`run ${id}`, async () => {
    const r = await runOf(id);
    return r.status === "COMPLETED" || r.status === "FAILED" ? r : null;
  });

const DRESS = { 类型: "裙", 裙长: "连衣裙", 颜色: ["白色", "黑色"], 材质: "雪纺", 裙领型: "v领" };
const WATCH = { type: "smartwatch", brand: "Stridely", colour: "black", "sport modes": ["running", "swimming"] };

/** A product with its ORIGINAL title (published) and an EDITED description a moderator approved. */
async function product(merchantId: string, o: { attributes: object; locale: string; reviews?: string[] }) {
  const sku = `g-${randomUUID().slice(0, 8)}`;
  const { rows } = await db.pool.query<{ id: string }>(
    `INSERT INTO "Product" (id, "merchantId", sku, title, description, locale, attributes, "contentHash", "updatedAt")
     VALUES (gen_random_uuid(), $1, $2, 'Original title', 'Original description', $3, $4, 'h', now()) RETURNING id`,
    [merchantId, sku, o.locale, JSON.stringify(o.attributes)],
  );
  const productId = rows[0]!.id;
  for (const [i, text] of (o.reviews ?? []).entries())
    await db.pool.query(
      `INSERT INTO "ProductReview" (id, "productId", "externalId", text) VALUES (gen_random_uuid(), $1, $2, $3)`,
      [productId, `r${i}`, text],
    );
  const original = await db.pool.query<{ id: string }>(
    `INSERT INTO "Variant" (id, "productId", field, locale, text, origin, status, "updatedAt")
     VALUES (gen_random_uuid(), $1, 'DESCRIPTION', $2, 'Original description', 'ORIGINAL', 'PUBLISHED', now()) RETURNING id`,
    [productId, o.locale],
  );
  await db.pool.query(
    `INSERT INTO "Variant" (id, "productId", field, locale, text, origin, status, "parentVariantId", "updatedAt")
     VALUES (gen_random_uuid(), $1, 'DESCRIPTION', $2, 'A moderator''s edit', 'EDITED', 'APPROVED', $3, now())`,
    [productId, o.locale, original.rows[0]!.id],
  );
  return productId;
}

type TVariantRow = {
  id: string;
  productId: string;
  field: string;
  origin: string;
  status: string;
  text: string;
  style: string | null;
  audience: string | null;
  emphasis: string[];
  generator: string | null;
  generatorVersion: string | null;
  idempotencyKey: string | null;
  updatedAt: Date;
  lintedAt: Date | null;
};
async function variantsOf(merchantId: string): Promise<TVariantRow[]> {
  const { rows } = await db.pool.query<TVariantRow>(
    `SELECT v.id, v."productId", v.field, v.origin, v.status, v.text, v.style, v.audience, v.emphasis, v.generator,
       v."generatorVersion", v."idempotencyKey", v."updatedAt", v."lintedAt"
     FROM "Variant" v JOIN "Product" p ON p.id = v."productId" WHERE p."merchantId" = $1 ORDER BY v."createdAt", v.id`,
    [merchantId],
  );
  return rows;
}

/** A generation run with no outbox rows: its batches are run by the test itself, not the worker. */
async function manualRun(merchantId: string, total: number): Promise<string> {
  const { rows } = await db.pool.query<{ id: string }>(
    `INSERT INTO "JobRun" (id, queue, name, "payloadDigest", status, total, "merchantId", "updatedAt")
     VALUES (gen_random_uuid(), 'generate', 'generate-variants', 'test', 'QUEUED', $2, $1, now()) RETURNING id`,
    [merchantId, total],
  );
  return rows[0]!.id;
}

const REQUEST: TGenerationRequest = { fields: ["DESCRIPTION", "TITLE"], styles: ["vivid"], audiences: ["运动"] };

describe("batch generation", () => {
  it("writes one candidate per product × field × style × audience, lints them, and never touches existing variants", async () => {
    const m = await createTestMerchant(db, "gen");
    await product(m.id, { attributes: DRESS, locale: "zh-CN" });
    await product(m.id, {
      attributes: WATCH,
      locale: "en-US",
      reviews: ["The battery life is amazing", "Great battery, lasts for days"],
    });
    const before = await variantsOf(m.id);
    expect(before).toHaveLength(4);

    const { jobRunId, products } = await queueGenerationRun(db.pool, {
      selection: { merchantId: m.id },
      request: REQUEST,
      actorId: null,
    });
    expect(products).toBe(2);
    const run = await finished(jobRunId);
    expect(run).toMatchObject({ status: "COMPLETED", total: 2, processed: 2, failed: 0 });

    const after = await variantsOf(m.id);
    const generated = after.filter((v) => v.origin === "GENERATED");
    expect(generated).toHaveLength(2 * 2);
    for (const v of generated) {
      expect(v.status).toBe("PENDING_REVIEW");
      expect(v.generator).toBe("truecopy-template");
      expect(v.generatorVersion).toMatch(/^generator-v1@/);
      expect(v.style).toBe("vivid");
      expect(v.audience).toBe("运动");
      expect(v.idempotencyKey).toMatch(/^gen:/);
    }
    // The watch leads with its sport modes for the sports audience.
    const watchDescription = generated.find((v) => v.field === "DESCRIPTION" && v.text.includes("Stridely"))!;
    expect(watchDescription.emphasis).toContain("sport modes");
    expect(watchDescription.text).toMatch(/reviewers praise the battery/i);
    // Existing variants, the original and the moderator's edit, are exactly as they were.
    for (const b of before) expect(after.find((v) => v.id === b.id)).toEqual(b);

    // Claims with provenance are kept with each candidate, in the CLI's shape; an offered one has no block reasons.
    const { rows } = await db.pool.query<{
      claims: { source: string; start: number; end: number; text: string }[];
      blockReasons: unknown;
    }>(`SELECT claims, "blockReasons" FROM "Variant" WHERE id = $1`, [watchDescription.id]);
    expect(rows[0]!.claims.map((c) => c.source)).toEqual(
      expect.arrayContaining(["attribute:sport modes", "review:" + (await firstReviewId(watchDescription.productId))]),
    );
    for (const c of rows[0]!.claims) {
      expect(Object.keys(c).sort()).toEqual(["end", "source", "start", "text"]);
      expect(watchDescription.text.slice(c.start, c.end)).toBe(c.text);
    }
    expect(rows[0]!.blockReasons).toBeNull();
    expect(await generationRunStats(db.pool, jobRunId)).toMatchObject({ offered: 4, blocked: 0 });

    // Every candidate is linted (the review queue shows its findings).
    await until("lint of the candidates", async () => {
      const vs = (await variantsOf(m.id)).filter((v) => v.origin === "GENERATED");
      return vs.every((v) => v.lintedAt) ? vs : null;
    });

    // The same request again: a new run, no new variant (same inputs + generator version, same keys).
    const again = await queueGenerationRun(db.pool, {
      selection: { merchantId: m.id },
      request: REQUEST,
      actorId: null,
    });
    expect(await finished(again.jobRunId)).toMatchObject({ status: "COMPLETED", processed: 2 });
    const twice = await variantsOf(m.id);
    expect(
      twice
        .filter((v) => v.origin === "GENERATED")
        .map((v) => v.id)
        .sort(),
    ).toEqual(generated.map((v) => v.id).sort());
    // A new style is a new candidate.
    const concise = await queueGenerationRun(db.pool, {
      selection: { merchantId: m.id },
      request: { ...REQUEST, styles: ["concise"] },
      actorId: null,
    });
    await finished(concise.jobRunId);
    expect((await variantsOf(m.id)).filter((v) => v.origin === "GENERATED")).toHaveLength(8);
  });

  it("pauses, resumes and cancels a run", async () => {
    const m = await createTestMerchant(db, "gen-pause");
    await product(m.id, { attributes: DRESS, locale: "zh-CN" });
    await product(m.id, { attributes: WATCH, locale: "en-US" });

    // Paused before its jobs arrive: the run says PAUSED and nothing is written while it is.
    const paused = await queueGenerationRun(db.pool, {
      selection: { merchantId: m.id },
      request: REQUEST,
      actorId: null,
    });
    expect(await pauseGenerationRun(db.pool, paused.jobRunId)).toBe(true);
    expect(await pauseGenerationRun(db.pool, paused.jobRunId)).toBe(false);
    await new Promise((r) => setTimeout(r, 2_000));
    expect(await runOf(paused.jobRunId)).toMatchObject({ status: "PAUSED", processed: 0 });
    expect((await variantsOf(m.id)).filter((v) => v.origin === "GENERATED")).toHaveLength(0);
    // No batch had started: it resumes as QUEUED, and the parked batches come back and finish it.
    expect(await resumeGenerationRun(db.pool, paused.jobRunId)).toBe(true);
    expect(await resumeGenerationRun(db.pool, paused.jobRunId)).toBe(false);
    expect((await runOf(paused.jobRunId)).status).toMatch(/^(QUEUED|RUNNING|COMPLETED)$/);
    expect(await finished(paused.jobRunId)).toMatchObject({ status: "COMPLETED", processed: 2 });
    expect((await variantsOf(m.id)).filter((v) => v.origin === "GENERATED")).toHaveLength(4);

    // Cancelled while paused: resuming writes nothing and the run stays cancelled.
    const m2 = await createTestMerchant(db, "gen-cancel");
    await product(m2.id, { attributes: DRESS, locale: "zh-CN" });
    const cancelled = await queueGenerationRun(db.pool, {
      selection: { merchantId: m2.id },
      request: REQUEST,
      actorId: null,
    });
    expect(await pauseGenerationRun(db.pool, cancelled.jobRunId)).toBe(true);
    expect(await cancelGenerationRun(db.pool, cancelled.jobRunId)).toBe(true);
    expect(await cancelGenerationRun(db.pool, cancelled.jobRunId)).toBe(false);
    expect(await resumeGenerationRun(db.pool, cancelled.jobRunId)).toBe(false);
    await new Promise((r) => setTimeout(r, 6_500));
    expect(await runOf(cancelled.jobRunId)).toMatchObject({ status: "CANCELLED", processed: 0 });
    expect((await variantsOf(m2.id)).filter((v) => v.origin === "GENERATED")).toHaveLength(0);
  });

  it("stores a candidate the gate blocks as BLOCKED with its reasons, never for review", async () => {
    const m = await createTestMerchant(db, "gen-blocked");
    const productId = await product(m.id, { attributes: DRESS, locale: "zh-CN" });
    // An LLM that invents a material and a colour.
    const llm: TLlmProvider = {
      model: "fake-model",
      generate(input: TGenerationInput) {
        const candidate = llmCandidate("这款连衣裙采用真丝面料，红色的设计，v领设计。", input, { model: "fake-model" });
        return Promise.resolve({
          candidate,
          usage: {
            promptTokens: 120,
            completionTokens: 40,
            costUsd: 0.0002,
            cached: false,
            attempts: 1,
            promptHash: "h",
            model: "fake-model",
          },
        });
      },
    };
    // Run the batch here (the worker's own processor has no LLM configured).
    const run = { jobRunId: await manualRun(m.id, 1) };
    const deps: TGenerateDeps = { db, redis, prefix, log, llm };
    const outcome = await generateBatch(deps, {
      jobRunId: run.jobRunId,
      batchKey: "test-batch",
      productIds: [productId],
      fields: ["DESCRIPTION"],
      styles: ["vivid"],
      audiences: [],
      generator: "llm",
    });
    expect(outcome).toMatchObject({ state: "done", created: 1, blocked: 1 });
    const [v] = (await variantsOf(m.id)).filter((x) => x.origin === "LLM");
    expect(v).toMatchObject({ status: "BLOCKED", generator: "llm", generatorVersion: "fake-model" });
    // The reasons are kept with the variant, each with its code and the words concerned.
    type TReason = { code: string; detail: string; text: string; start: number | null; end: number | null };
    const { rows } = await db.pool.query<{ blockReasons: TReason[] }>(
      `SELECT "blockReasons" FROM "Variant" WHERE id = $1`,
      [v!.id],
    );
    expect(rows[0]!.blockReasons.map((r) => r.code)).toContain("ungrounded_claim");
    for (const r of rows[0]!.blockReasons) if (r.start !== null) expect(v!.text.slice(r.start, r.end!)).toBe(r.text);
    const stats = await generationRunStats(db.pool, run.jobRunId);
    expect(stats).toMatchObject({ offered: 0, blocked: 1, promptTokens: 120, completionTokens: 40, costUsd: 0.0002 });
    expect(stats.blockedReasons.ungrounded_claim).toBeGreaterThan(0);
    expect(await runOf(run.jobRunId)).toMatchObject({ status: "COMPLETED", processed: 1 });
  });

  it("keeps to the run's rate limit across its variants", async () => {
    const m = await createTestMerchant(db, "gen-rate");
    const ids = [
      await product(m.id, { attributes: DRESS, locale: "zh-CN" }),
      await product(m.id, { attributes: WATCH, locale: "en-US" }),
    ];
    const run = { jobRunId: await manualRun(m.id, 2) };
    const started = Date.now();
    const outcome = await generateBatch(
      { db, redis, prefix, log, llm: null },
      {
        jobRunId: run.jobRunId,
        batchKey: "rate-batch",
        productIds: ids,
        fields: ["TITLE", "SHORT", "DESCRIPTION"],
        styles: ["concise"],
        audiences: [],
        ratePerSecond: 2,
      },
    );
    expect(outcome).toMatchObject({ state: "done", created: 6 });
    // 6 variants at 2 per (calendar) second span three seconds: two boundaries, more than one second.
    expect(Date.now() - started).toBeGreaterThan(1_000);
  });
});

async function firstReviewId(productId: string): Promise<string> {
  const { rows } = await db.pool.query<{ id: string }>(
    `SELECT id FROM "ProductReview" WHERE "productId" = $1 ORDER BY "createdAt", id LIMIT 1`,
    [productId],
  );
  return rows[0]!.id;
}
