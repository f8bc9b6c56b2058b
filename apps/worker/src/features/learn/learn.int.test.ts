import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { createLogger, testEnv } from "@truecopy/config";
import { predictCtr, parseMfModel, variantFeatures, type TShopperEvent } from "@truecopy/core";
import { insertEvents, latestServingModel, type TDatabase } from "@truecopy/db";
import { createTestMerchant, openTestDatabase } from "@truecopy/db/testing";
import { createRedis, servingInvalidationChannel } from "@truecopy/jobs";
import type { Redis } from "ioredis";
import { learn } from "./learn.handler.js";

// The learning loop against real PostgreSQL and Redis: events → counts (once), a trained model, the
// guardrail pausing a clearly worse variant (audited), and an invalidation for the API processes.

let db: TDatabase;
let redis: Redis;
let sub: Redis;
const prefix = `t-${randomUUID().slice(0, 8)}`;
const log = createLogger("test", "error");
let productId: string;
const v: Record<string, string> = {};

beforeAll(async () => {
  db = await openTestDatabase();
  redis = createRedis(testEnv().REDIS_URL, "producer");
  sub = redis.duplicate();
  const merchant = await createTestMerchant(db, "learn");
  productId = (
    await db.pool.query<{ id: string }>(
      `INSERT INTO "Product" (id, "merchantId", sku, title, description, locale, "contentHash", "updatedAt")
       VALUES (gen_random_uuid(), $1, 'bottle', '水壶', '水壶', 'zh-CN', 'h', now()) RETURNING id`,
      [merchant.id],
    )
  ).rows[0]!.id;
  for (const [name, origin, status, emphasis] of [
    ["original", "ORIGINAL", "PUBLISHED", []],
    ["sport", "GENERATED", "APPROVED", ["运动"]],
    ["dull", "GENERATED", "APPROVED", ["品质"]],
  ] as const)
    v[name] = (
      await db.pool.query<{ id: string }>(
        `INSERT INTO "Variant" (id, "productId", field, locale, text, origin, status, emphasis, "updatedAt")
         VALUES (gen_random_uuid(), $1, 'DESCRIPTION', 'zh-CN', $2, $3::"VariantOrigin", $4::"VariantStatus", $5, now()) RETURNING id`,
        [productId, name, origin, status, emphasis],
      )
    ).rows[0]!.id;
  const events: TShopperEvent[] = [];
  const add = (variant: string, impressions: number, clicks: number) => {
    for (let i = 0; i < impressions; i++) {
      const base = { productId, variantId: v[variant]!, segment: "运动", shopperId: `s${i}`, occurredAt: new Date() };
      events.push({ ...base, id: `${variant}-i${i}`, type: "IMPRESSION" });
      if (i < clicks) events.push({ ...base, id: `${variant}-c${i}`, type: "CLICK" });
    }
  };
  add("original", 2000, 100);
  add("sport", 2000, 170);
  add("dull", 2000, 40);
  await insertEvents(db.pool, events, { merchantId: null });
});
afterAll(async () => {
  sub?.disconnect();
  redis?.disconnect();
  await db?.close();
});

const stats = async () =>
  (
    await db.pool.query<{ variantId: string; impressions: number; clicks: number }>(
      `SELECT "variantId", impressions, clicks FROM "ServingStat" WHERE "productId" = $1 AND segment = '运动' ORDER BY "variantId"`,
      [productId],
    )
  ).rows;

describe("learning job", () => {
  it("counts events once, trains the model, pauses the losing variant and tells the API", async () => {
    const messages: string[] = [];
    await sub.subscribe(servingInvalidationChannel(prefix));
    sub.on("message", (_ch: string, m: string) => messages.push(m));

    const out = await learn({ db, redis, prefix, log }, { forceTrain: true }, { lagSeconds: 0 });
    expect(out.modelId).not.toBeNull();
    const counted = await stats();
    expect(counted).toEqual(
      [
        { variantId: v.original, impressions: 2000, clicks: 100 },
        { variantId: v.sport, impressions: 2000, clicks: 170 },
        { variantId: v.dull, impressions: 2000, clicks: 40 },
      ].sort((a, b) => (a.variantId! < b.variantId! ? -1 : 1)),
    );
    const daily = await db.pool.query<{ n: number }>(
      `SELECT sum(impressions)::int AS n FROM "ServingDailyStat" WHERE "productId" = $1`,
      [productId],
    );
    expect(daily.rows[0]!.n).toBe(6000);

    const model = parseMfModel((await latestServingModel(db.pool))!.params)!;
    const f = (id: string, emphasis: string[]) =>
      variantFeatures({ id, field: "DESCRIPTION", origin: "GENERATED", emphasis });
    expect(predictCtr(model, "运动", f(v.sport!, ["运动"]), productId)).toBeGreaterThan(
      predictCtr(model, "运动", f(v.dull!, ["品质"]), productId),
    );

    const pauses = await db.pool.query(
      `SELECT "variantId", segment, probability FROM "ServingPause" WHERE "productId" = $1`,
      [productId],
    );
    expect(pauses.rows).toHaveLength(1);
    expect(pauses.rows[0]).toMatchObject({ variantId: v.dull, segment: "运动" });
    expect(pauses.rows[0].probability).toBeGreaterThan(0.95);
    const audit = await db.pool.query(`SELECT action FROM "AuditEvent" WHERE "entityId" = $1`, [v.dull]);
    expect(audit.rows.map((r) => r.action)).toContain("serving.pause");

    for (let i = 0; i < 50 && !messages.length; i++) await new Promise((r) => setTimeout(r, 20));
    expect(messages.some((m) => (JSON.parse(m) as { products: string[] }).products.includes(productId))).toBe(true);

    // A second run finds nothing new for this product and counts nothing twice.
    await learn({ db, redis, prefix, log }, {}, { lagSeconds: 0 });
    expect(await stats()).toEqual(counted);
    expect((await db.pool.query(`SELECT 1 FROM "ServingPause" WHERE "productId" = $1`, [productId])).rowCount).toBe(1);
  });
});
