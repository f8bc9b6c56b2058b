import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { MATCHER_MODEL } from "@truecopy/core";
import {
  duplicateClusterMembers,
  importProductBatch,
  keepDuplicateCanonical,
  listDuplicateClusters,
  markDuplicatesDistinct,
  mergeDuplicateClusters,
  type TDatabase,
  type TDuplicateClusterRow,
} from "@truecopy/db";
import { createTestMerchant, openTestDatabase, testProductRow, until } from "@truecopy/db/testing";
import { createTextEmbedder } from "@truecopy/ml";
import type { TWorkerRuntime } from "../../runtime.js";
import { startTestWorker } from "../../testing.js";
import { dedupeProducts } from "./dedupe.handler.js";

// Duplicate detection end to end: imports are analysed, the analyze job queues the dedupe job,
// the worker finds reused copy and the same product listed twice, and clusters appear with their
// canonical member and shared passages; moderators' decisions are audited and remembered.

let db: TDatabase;
let worker: TWorkerRuntime;
const system = { actorId: null, actorKind: "system" as const, requestId: null };
const moderator = { actorId: randomUUID(), actorKind: "user" as const, requestId: "req-dedupe" };

beforeAll(async () => {
  db = await openTestDatabase();
  worker = await startTestWorker({ prefix: `dedupe-${randomUUID().slice(0, 8)}` });
}, 60_000);
afterAll(async () => {
  await worker?.stop();
  await db?.close();
});

// Text and model numbers of this run only: clusters span merchants, and the test database keeps
// earlier runs' products, whose copies would join these clusters.
let state = Number.parseInt(randomUUID().slice(0, 8), 16);
const next = () => {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = Math.imul(state ^ (state >>> 15), state | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = <T>(list: readonly T[], n: number) =>
  Array.from({ length: n }, () => list[Math.floor(next() * list.length)]!);
const ZH_WORDS =
  "不锈钢 保温杯 双层 真空 结构 保冷 保温 小时 杯身 不凝水 防漏 杯盖 设计 车载 杯架 洗碗机 清洗 材质 安全 轻便 大容量 便携 办公 户外 运动 旅行 密封 食品级 内胆 外壳 磨砂 手感 颜色 简约 时尚 耐用 提手 吸管 广口 冰块".split(
    " ",
  );
const sentence = () => `${pick(ZH_WORDS, 8).join("")}。`;
const COPY = "这款" + Array.from({ length: 5 }, sentence).join("");
const EN_WORDS =
  "lightweight aluminium camping chair folds carry bag holds kilograms cup holder side pocket ceramic coffee mug glazed finish ounces microwave dishwasher safe gift boxed birthday holiday sturdy frame padded seat breathable mesh compact outdoor beach garden".split(
    " ",
  );
const enCopy = () => `${pick(EN_WORDS, 30).join(" ")}.`;
const MODEL = `${Math.floor(1000 + next() * 9000)}`;
const HEADPHONES = `Noise cancelling, ${pick(EN_WORDS, 12).join(" ")}.`;

// The copy with two of its sentences rewritten: a near copy, not a verbatim one.
function nearCopy(): string {
  const parts = COPY.slice(2).split("。").filter(Boolean);
  parts[1] = pick(ZH_WORDS, 8).join("");
  return `这款${parts.join("。")}。`;
}

async function idsBySku(merchantId: string): Promise<Record<string, string>> {
  const { rows } = await db.pool.query<{ id: string; sku: string }>(
    `SELECT id, sku FROM "Product" WHERE "merchantId" = $1`,
    [merchantId],
  );
  return Object.fromEntries(rows.map((r) => [r.sku, r.id]));
}

async function clusterOf(productId: string, kind: "COPY" | "PRODUCT"): Promise<TDuplicateClusterRow | undefined> {
  return (await listDuplicateClusters(db.pool, { filter: { productId, kind }, limit: 5, after: null })).rows[0];
}

describe("dedupe job", () => {
  it("clusters reused copy and same-product listings found after import, incrementally", async () => {
    const a = await createTestMerchant(db, "dedupe-a");
    const b = await createTestMerchant(db, "dedupe-b");
    // The original first, in its own import: it is the earliest.
    await importProductBatch(db.pool, {
      merchantId: a.id,
      rows: [
        testProductRow({ sku: "orig", title: "不锈钢保温杯 750ml", description: COPY, locale: "zh-CN" }),
        testProductRow({
          sku: "xm4",
          title: `Sony WH-${MODEL}XM4 wireless noise cancelling headphones, black`,
          description: HEADPHONES,
          price: 348,
          attributes: { brand: "Sony" },
          locale: "en-US",
        }),
      ],
      actor: system,
      jobRunId: null,
      source: "test",
    });
    const idsA = await idsBySku(a.id);
    await until("the original's signature", async () => {
      const r = await db.pool.query(`SELECT 1 FROM "DuplicateSignature" WHERE "productId" = $1`, [idsA.orig]);
      return r.rowCount;
    });
    await importProductBatch(db.pool, {
      merchantId: b.id,
      rows: [
        // Reformatted (full width, punctuation, emoji): the same copy.
        testProductRow({
          sku: "copy",
          title: "保温杯",
          description: `🔥${COPY.replaceAll("。", "！")}🔥`,
          locale: "zh-CN",
        }),
        testProductRow({
          sku: "near",
          title: "真空保温杯",
          description: nearCopy(),
          locale: "zh-CN",
        }),
        testProductRow({
          sku: "other",
          title: "电热水壶",
          description: "这款" + Array.from({ length: 5 }, sentence).join(""),
          locale: "zh-CN",
        }),
        testProductRow({
          sku: "xm4-b",
          title: `SONY WH${MODEL}XM4/B Wireless Over-Ear Headphones`,
          description: "Noise cancelling headphones with 30 hour battery life.",
          price: 329,
          locale: "en-US",
        }),
        testProductRow({
          sku: "xm5",
          title: `Sony WH-${MODEL}XM5 wireless noise cancelling headphones, black`,
          description: HEADPHONES,
          price: 399,
          locale: "en-US",
        }),
      ],
      actor: system,
      jobRunId: null,
      source: "test",
    });
    const ids = { ...idsA, ...(await idsBySku(b.id)) };

    const copyCluster = await until("the copy cluster with three members", async () => {
      const c = await clusterOf(ids.orig!, "COPY");
      return c && c.memberCount === 3 ? c : null;
    });
    expect(copyCluster.canonicalId).toBe(ids.orig);
    expect(copyCluster.status).toBe("OPEN");
    expect(["SIMHASH", "MINHASH"]).toContain(copyCluster.method);
    const members = await duplicateClusterMembers(db.pool, [copyCluster.id]);
    expect(members.map((m) => m.productId)).toEqual([ids.orig, expect.any(String), expect.any(String)]);
    expect(new Set(members.map((m) => m.productId))).toEqual(new Set([ids.orig, ids.copy, ids.near]));
    // Passages are spans of each member's own description and of the original's.
    const { rows: texts } = await db.pool.query<{ id: string; description: string }>(
      `SELECT id, description FROM "Product" WHERE id = ANY($1::uuid[])`,
      [[ids.copy, ids.orig]],
    );
    const text = Object.fromEntries(texts.map((t) => [t.id, t.description]));
    const copyMember = members.find((m) => m.productId === ids.copy)!;
    const passage = copyMember.passages.find((p) => p.field === "description")!;
    expect(text[ids.copy!]!.slice(passage.start, passage.end).length).toBeGreaterThan(50);
    expect(text[ids.orig!]!.slice(passage.canonicalStart, passage.canonicalEnd)).toContain(COPY.slice(2, 20));
    expect(await clusterOf(ids.other!, "COPY")).toBeUndefined();

    // The same headphones listed twice, in other words; the XM5 (another model number) is not.
    const sameProduct = await until("the same-product cluster", () => clusterOf(ids.xm4!, "PRODUCT"));
    const productMembers = (await duplicateClusterMembers(db.pool, [sameProduct.id])).map((m) => m.productId);
    expect(productMembers.sort()).toEqual([ids.xm4!, ids["xm4-b"]!].sort());
    expect(sameProduct.method).toBe("MATCHER");
    expect(await clusterOf(ids.xm5!, "PRODUCT")).toBeUndefined();

    // Mark "near" distinct: the cluster shrinks, and checking it again does not bring it back.
    await markDuplicatesDistinct(db.pool, { clusterId: copyCluster.id, productIds: [ids.near!], actor: moderator });
    const deps = {
      db,
      embedder: createTextEmbedder(),
      matcherEmbedder: createTextEmbedder(MATCHER_MODEL.embeddingModel),
    };
    await dedupeProducts(deps, { batchKey: "again", productIds: [ids.near!, ids.orig!] });
    const shrunk = await clusterOf(ids.orig!, "COPY");
    expect(shrunk?.id).toBe(copyCluster.id);
    expect(shrunk?.memberCount).toBe(2);
    expect(await clusterOf(ids.near!, "COPY")).toBeUndefined();

    // Keep "copy" as canonical: confirmed, and the choice survives recomputation.
    await keepDuplicateCanonical(db.pool, { clusterId: copyCluster.id, productId: ids.copy!, actor: moderator });
    await dedupeProducts(deps, { batchKey: "again-2", productIds: [ids.orig!, ids.copy!] });
    const kept = await clusterOf(ids.orig!, "COPY");
    expect(kept).toMatchObject({
      id: copyCluster.id,
      canonicalId: ids.copy,
      canonicalPinned: true,
      status: "CONFIRMED",
    });

    // Merge the copy cluster with a second one: one confirmed cluster with every member.
    await mergeDuplicateClusters(db.pool, { clusterIds: [copyCluster.id, sameProduct.id], actor: moderator }).then(
      () => {
        throw new Error("clusters of different kinds were merged");
      },
      (e: Error) => expect(e.message).toMatch(/different kinds/),
    );

    const audit = await db.pool.query<{ action: string; entityId: string; actorId: string }>(
      `SELECT action, "entityId", "actorId" FROM "AuditEvent" WHERE "entityType" = 'DuplicateCluster' AND "entityId" = $1 ORDER BY id`,
      [copyCluster.id],
    );
    expect(audit.rows.map((r) => r.action)).toEqual(["duplicates.mark_distinct", "duplicates.keep_canonical"]);
    expect(audit.rows.every((r) => r.actorId === moderator.actorId)).toBe(true);
  }, 240_000);

  it("merges clusters of one kind into one confirmed cluster that stays merged", async () => {
    const m = await createTestMerchant(db, "dedupe-merge");
    const other = enCopy();
    const base = enCopy();
    await importProductBatch(db.pool, {
      merchantId: m.id,
      rows: [
        testProductRow({ sku: "c1", title: "Camping chair", description: base, locale: "en-US" }),
        testProductRow({ sku: "c2", title: "Folding chair", description: `${base} Ships today.`, locale: "en-US" }),
        testProductRow({ sku: "m1", title: "Ceramic mug", description: other, locale: "en-US" }),
        testProductRow({ sku: "m2", title: "Coffee mug", description: other.toUpperCase(), locale: "en-US" }),
      ],
      actor: system,
      jobRunId: null,
      source: "test",
    });
    const ids = await idsBySku(m.id);
    const chairs = await until("the chair cluster", () => clusterOf(ids.c1!, "COPY"));
    const mugs = await until("the mug cluster", () => clusterOf(ids.m1!, "COPY"));
    const { clusterId } = await mergeDuplicateClusters(db.pool, {
      clusterIds: [chairs.id, mugs.id],
      canonicalId: ids.m2!,
      actor: moderator,
    });
    expect(clusterId).toBe(chairs.id);
    const merged = await clusterOf(ids.c1!, "COPY");
    expect(merged).toMatchObject({ id: chairs.id, canonicalId: ids.m2, status: "CONFIRMED", memberCount: 4 });
    // Recomputing from any member keeps the merge (confirmed pairs link them).
    await dedupeProducts(
      { db, embedder: createTextEmbedder(), matcherEmbedder: createTextEmbedder(MATCHER_MODEL.embeddingModel) },
      { batchKey: "merge", productIds: [ids.m1!, ids.c2!] },
    );
    expect(await clusterOf(ids.m1!, "COPY")).toMatchObject({ id: chairs.id, memberCount: 4, canonicalId: ids.m2 });
  }, 240_000);
});
