import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { createLogger, parseEnv, testEnv, ZWorkerEnv } from "@truecopy/config";
import { createApiKey, type TDatabase } from "@truecopy/db";
import { createTestMerchant, openTestDatabase } from "@truecopy/db/testing";
import { startWorkerRuntime, type TWorkerRuntime } from "@truecopy/worker";
import { loadEnv } from "../env.js";
import { startApiServer, type TApiServer } from "../server.js";

// Copy generation over GraphQL: a preview (claims with provenance, the gate, the audience's
// emphasis; nothing stored), a batch run from a selection through the worker into the review
// queue, and a run's pause, resume and cancel.

let db: TDatabase;
let api: TApiServer;
let worker: TWorkerRuntime;
const log = createLogger("test", "error");
const prefix = `t-${randomUUID().slice(0, 8)}`;
let shop: { id: string; slug: string };
let admin: string;
let merchandiser: string;

type TGql = { data?: any; errors?: { message: string; extensions?: { code?: string } }[] };
async function gql(query: string, variables: Record<string, unknown> = {}, key = admin): Promise<TGql> {
  const res = await fetch(`${api.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as TGql;
}

async function until<T>(what: string, fn: () => Promise<T | null | undefined | false>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function product(attributes: object, locale: string): Promise<string> {
  const { rows } = await db.pool.query<{ id: string }>(
    `INSERT INTO "Product" (id, "merchantId", sku, title, description, locale, attributes, "contentHash", "updatedAt")
     VALUES (gen_random_uuid(), $1, $2, 'T', 'D', $3, $4, 'h', now()) RETURNING id`,
    [shop.id, `gq-${randomUUID().slice(0, 8)}`, locale, JSON.stringify(attributes)],
  );
  return rows[0]!.id;
}

beforeAll(async () => {
  db = await openTestDatabase();
  const env = testEnv();
  api = await startApiServer(loadEnv({ API_PORT: "0", TRUECOPY_QUEUE_PREFIX: prefix, LOG_LEVEL: "error" }), log);
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
  shop = await createTestMerchant(db, "gql-gen");
  admin = (await createApiKey(db.pool, { name: "gen-admin", role: "ADMIN", merchantId: null })).key;
  merchandiser = (await createApiKey(db.pool, { name: "gen-merch", role: "MERCHANDISER", merchantId: shop.id })).key;
});
afterAll(async () => {
  await worker?.stop();
  await api?.stop();
  await db?.close();
});

const WATCH = { 类型: "智能手表", 品牌: "华米", 颜色: "黑色", 续航: "14天", 防水: "5ATM", 运动模式: ["跑步", "游泳"] };

describe("generation over GraphQL", () => {
  it("previews a candidate with claims and the gate's verdict, leading with the audience's interest, storing nothing", async () => {
    const id = await product(WATCH, "zh-CN");
    const r = await gql(
      `query($p: ID!) { generatePreview(productId: $p, field: DESCRIPTION, style: VIVID, audience: "运动") {
         text locale field style audience emphasis status generator generatorVersion
         claims { text start end source sourceKind sourceRef }
         reasons { code } lint { verdict findings { rule severity } } } }`,
      { p: id },
      merchandiser,
    );
    expect(r.errors).toBeUndefined();
    const p = r.data.generatePreview;
    expect(p).toMatchObject({
      locale: "zh",
      field: "DESCRIPTION",
      style: "VIVID",
      audience: "运动",
      status: "OFFERED",
    });
    expect(p.emphasis[0]).toBe("运动模式");
    expect(p.generatorVersion).toMatch(/^generator-v1@/);
    for (const c of p.claims) {
      expect(p.text.slice(c.start, c.end)).toBe(c.text);
      expect(c.source).toBe(`${c.sourceKind}:${c.sourceRef}`);
    }
    expect(p.claims.map((c: { sourceRef: string }) => c.sourceRef)).toEqual(
      expect.arrayContaining(["品牌", "类型", "运动模式", "续航", "防水", "颜色"]),
    );
    const { rows } = await db.pool.query(`SELECT 1 FROM "Variant" WHERE "productId" = $1`, [id]);
    expect(rows).toHaveLength(0);

    const bad = await gql(`query($p: ID!) { generatePreview(productId: $p, field: TITLE, audience: "a;b") { text } }`, {
      p: id,
    });
    expect(bad.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("runs a batch from a selection into the review queue, and reports what it produced", async () => {
    const ids = [await product(WATCH, "zh-CN"), await product({ type: "kettle", capacity: "1.7 L" }, "en-US")];
    const r = await gql(
      `mutation($p: [ID!]) { generateVariants(filter: { productIds: $p }, fields: [TITLE, DESCRIPTION], styles: [VIVID, CONCISE], audiences: ["运动"]) {
         id queue status total } }`,
      { p: ids },
      merchandiser,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data.generateVariants).toMatchObject({ queue: "generate", total: 2 });
    const runId = r.data.generateVariants.id as string;
    await until("the run", async () => {
      const s = await gql(`query($r: ID!) { jobRun(id: $r) { status } }`, { r: runId });
      return s.data?.jobRun?.status === "COMPLETED";
    });
    const run = await gql(
      `query($r: ID!) { generationRun(jobRunId: $r) { paused offered blocked costUsd jobRun { processed } } }`,
      { r: runId },
      merchandiser,
    );
    expect(run.data.generationRun).toMatchObject({
      paused: false,
      offered: 8,
      blocked: 0,
      costUsd: 0,
      jobRun: { processed: 2 },
    });
    const queue = await gql(`query($m: ID) { reviewQueue(filter: { merchantId: $m }) { totalCount } }`, { m: shop.id });
    expect(queue.data.reviewQueue.totalCount).toBeGreaterThanOrEqual(8);

    // Each stored candidate carries its claims with provenance; an offered one has no block reasons.
    const { rows } = await db.pool.query<{ id: string }>(
      `SELECT id FROM "Variant" WHERE "productId" = $1 AND origin = 'GENERATED' AND field = 'DESCRIPTION' LIMIT 1`,
      [ids[0]],
    );
    const v = await gql(
      `query($id: ID!) { variant(id: $id) { text claims { text start end source sourceKind sourceRef } blockReasons { code } } }`,
      { id: rows[0]!.id },
      merchandiser,
    );
    expect(v.errors).toBeUndefined();
    const stored = v.data.variant as {
      text: string;
      claims: { text: string; start: number; end: number; source: string; sourceKind: string; sourceRef: string }[];
      blockReasons: unknown;
    };
    expect(stored.blockReasons).toBeNull();
    expect(stored.claims.map((c) => c.sourceRef)).toEqual(expect.arrayContaining(["品牌", "运动模式"]));
    for (const c of stored.claims) {
      expect(stored.text.slice(c.start, c.end)).toBe(c.text);
      expect(c.source).toBe(`${c.sourceKind}:${c.sourceRef}`);
    }
    // A text a person wrote has none.
    const original = await db.pool.query<{ id: string }>(
      `INSERT INTO "Variant" (id, "productId", field, locale, text, origin, status, "updatedAt")
       VALUES (gen_random_uuid(), $1, 'SHORT', 'zh-CN', '手写的文案', 'ORIGINAL', 'PUBLISHED', now()) RETURNING id`,
      [ids[0]],
    );
    const human = await gql(`query($id: ID!) { variant(id: $id) { claims { text } blockReasons { code } } }`, {
      id: original.rows[0]!.id,
    });
    expect(human.data.variant).toEqual({ claims: null, blockReasons: null });
  });

  it("shows a blocked variant's reasons", async () => {
    const id = await product(WATCH, "zh-CN");
    const reasons = [
      { code: "ungrounded_claim", detail: "material: UNSUPPORTED", text: "真丝", start: 2, end: 4, severity: null },
      { code: "lint_finding", detail: "zh.absolute", text: "最好", start: 5, end: 7, severity: "HIGH" },
    ];
    const { rows } = await db.pool.query<{ id: string }>(
      `INSERT INTO "Variant" (id, "productId", field, locale, text, origin, status, claims, "blockReasons", "updatedAt")
       VALUES (gen_random_uuid(), $1, 'SHORT', 'zh-CN', '采用真丝，最好的表', 'LLM', 'BLOCKED', '[]', $2, now()) RETURNING id`,
      [id, JSON.stringify(reasons)],
    );
    const v = await gql(
      `query($id: ID!) { variant(id: $id) { claims { text } blockReasons { code detail text start end severity } } }`,
      { id: rows[0]!.id },
      merchandiser,
    );
    expect(v.errors).toBeUndefined();
    expect(v.data.variant).toEqual({ claims: [], blockReasons: reasons });
  });

  it("pauses, resumes and cancels a run; a finished run cannot be paused or cancelled", async () => {
    // A queued run with no batches (they would race the pause): the status transitions are what is tested.
    const { rows } = await db.pool.query<{ id: string }>(
      `INSERT INTO "JobRun" (id, queue, name, "payloadDigest", status, total, "merchantId", "updatedAt")
       VALUES (gen_random_uuid(), 'generate', 'generate-variants', 'test', 'QUEUED', 1, $1, now()) RETURNING id`,
      [shop.id],
    );
    const r = rows[0]!.id;
    const state = async () =>
      (await gql(`query($r: ID!) { generationRun(jobRunId: $r) { paused jobRun { status } } }`, { r }, merchandiser))
        .data.generationRun;
    expect(await state()).toEqual({ paused: false, jobRun: { status: "QUEUED" } });
    const paused = await gql(`mutation($r: ID!) { pauseGeneration(jobRunId: $r) { paused } }`, { r }, merchandiser);
    expect(paused.data.pauseGeneration.paused).toBe(true);
    expect(await state()).toEqual({ paused: true, jobRun: { status: "PAUSED" } });
    // Paused twice is still paused; resumed before any batch started, it is queued again.
    await gql(`mutation($r: ID!) { pauseGeneration(jobRunId: $r) { paused } }`, { r }, merchandiser);
    expect(await state()).toEqual({ paused: true, jobRun: { status: "PAUSED" } });
    await gql(`mutation($r: ID!) { resumeGeneration(jobRunId: $r) { paused } }`, { r }, merchandiser);
    expect(await state()).toEqual({ paused: false, jobRun: { status: "QUEUED" } });
    // A run that had started resumes RUNNING; and a paused run can be cancelled.
    await db.pool.query(`UPDATE "JobRun" SET status = 'RUNNING', "startedAt" = now() WHERE id = $1`, [r]);
    await gql(`mutation($r: ID!) { pauseGeneration(jobRunId: $r) { paused } }`, { r }, merchandiser);
    expect(await state()).toEqual({ paused: true, jobRun: { status: "PAUSED" } });
    await gql(`mutation($r: ID!) { resumeGeneration(jobRunId: $r) { paused } }`, { r }, merchandiser);
    expect(await state()).toEqual({ paused: false, jobRun: { status: "RUNNING" } });
    await gql(`mutation($r: ID!) { pauseGeneration(jobRunId: $r) { paused } }`, { r }, merchandiser);
    const cancelled = await gql(`mutation($r: ID!) { cancelGeneration(jobRunId: $r) { paused jobRun { status } } }`, {
      r,
    });
    expect(cancelled.data.cancelGeneration).toEqual({ paused: false, jobRun: { status: "CANCELLED" } });
    for (const op of ["cancelGeneration", "pauseGeneration"]) {
      const again = await gql(`mutation($r: ID!) { ${op}(jobRunId: $r) { paused } }`, { r });
      expect(again.errors?.[0]?.extensions?.code, op).toBe("CONFLICT");
    }
    const unknown = await gql(`mutation($r: ID!) { pauseGeneration(jobRunId: $r) { paused } }`, { r: randomUUID() });
    expect(unknown.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
  });
});
