import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import express from "express";
import { createLogger, testEnv } from "@truecopy/config";
import { createApiKey, type TDatabase } from "@truecopy/db";
import { createRedis, servingInvalidationChannel } from "@truecopy/jobs";
import { createTestMerchant, openTestDatabase } from "@truecopy/db/testing";
import { loadEnv } from "../env.js";
import { startApiServer, type TApiServer } from "../server.js";
import { serveRouter } from "./serve.js";
import { ServingCache } from "./serve-cache.js";

// The shop-facing contracts over HTTP against a real API server:
// GET /serve/:productId?segment=S&shopper=U → {"variantId","text","field","policy"};
// POST /events {"events":[...]} → {"accepted":n,"rejected":[{"index","error"}]}.

let db: TDatabase;
let api: TApiServer;
// A second API process on the same Redis prefix: invalidations must reach it too.
let second: TApiServer;
const prefix = `t-${randomUUID().slice(0, 8)}`;
let merchant: { id: string; slug: string };
let other: { id: string; slug: string };
const keys: Record<string, string> = {};
const log = createLogger("test", "error");
let productId: string;
let otherProductId: string;
const variants: Record<string, string> = {};

async function insertProduct(merchantId: string, sku: string): Promise<string> {
  const { rows } = await db.pool.query<{ id: string }>(
    `INSERT INTO "Product" (id, "merchantId", sku, title, description, locale, "contentHash", "updatedAt")
     VALUES (gen_random_uuid(), $1, $2, '运动水杯', '轻便水杯', 'zh-CN', md5($2), now()) RETURNING id`,
    [merchantId, sku],
  );
  return rows[0]!.id;
}
async function insertVariant(
  product: string,
  o: { text: string; origin: string; status: string; emphasis?: string[]; field?: string },
): Promise<string> {
  const { rows } = await db.pool.query<{ id: string }>(
    `INSERT INTO "Variant" (id, "productId", field, locale, text, origin, status, emphasis, "updatedAt")
     VALUES (gen_random_uuid(), $1, $2::"VariantField", 'zh-CN', $3, $4::"VariantOrigin", $5::"VariantStatus", $6, now()) RETURNING id`,
    [product, o.field ?? "DESCRIPTION", o.text, o.origin, o.status, o.emphasis ?? []],
  );
  return rows[0]!.id;
}

beforeAll(async () => {
  db = await openTestDatabase();
  api = await startApiServer(loadEnv({ API_PORT: "0", TRUECOPY_QUEUE_PREFIX: prefix, LOG_LEVEL: "error" }), log);
  second = await startApiServer(loadEnv({ API_PORT: "0", TRUECOPY_QUEUE_PREFIX: prefix, LOG_LEVEL: "error" }), log);
  merchant = await createTestMerchant(db, "srv");
  other = await createTestMerchant(db, "srv-other");
  for (const [name, role, m] of [
    ["admin", "ADMIN", null],
    ["shop", "SERVICE", merchant.id],
    ["otherShop", "SERVICE", other.id],
    ["moderator", "MODERATOR", null],
  ] as const)
    keys[name] = (await createApiKey(db.pool, { name: `${name}-${randomUUID()}`, role, merchantId: m })).key;
  productId = await insertProduct(merchant.id, `cup-${randomUUID()}`);
  otherProductId = await insertProduct(other.id, `cup-${randomUUID()}`);
  variants.original = await insertVariant(productId, { text: "轻便水杯", origin: "ORIGINAL", status: "PUBLISHED" });
  variants.sport = await insertVariant(productId, {
    text: "运动时随手一握",
    origin: "GENERATED",
    status: "APPROVED",
    emphasis: ["运动"],
  });
  variants.price = await insertVariant(productId, {
    text: "平价好用",
    origin: "GENERATED",
    status: "APPROVED",
    emphasis: ["价格"],
  });
  variants.pending = await insertVariant(productId, {
    text: "健康之选",
    origin: "GENERATED",
    status: "PENDING_REVIEW",
  });
  variants.title = await insertVariant(otherProductId, { text: "别家的水杯", origin: "ORIGINAL", status: "PUBLISHED" });
});
afterAll(async () => {
  await second?.stop();
  await api?.stop();
  await db?.close();
});

const serve = (path: string, who: string | null = "shop", base = api.url) =>
  fetch(`${base}${path}`, { headers: who ? { authorization: `Bearer ${keys[who]}` } : {} });
const postEvents = (body: unknown, who: string | null = "shop") =>
  fetch(`${api.url}/events`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(who ? { authorization: `Bearer ${keys[who]}` } : {}) },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });

describe("GET /serve/:productId", () => {
  // An audience no model has seen: priors are weak, so every arm gets traffic.
  const fresh = `aud-${randomUUID().slice(0, 8)}`;

  it("returns one of the approved or published variants with the contract's fields", async () => {
    const seen = new Set<string>();
    for (let i = 0; i < 120; i++) {
      const res = await serve(`/serve/${productId}?segment=${fresh}`);
      expect(res.status).toBe(200);
      const body = (await res.json()) as Record<string, string>;
      expect(Object.keys(body)).toEqual(expect.arrayContaining(["variantId", "text", "field", "policy"]));
      expect(body.field).toBe("DESCRIPTION");
      expect(body.segment).toBe(fresh);
      seen.add(body.variantId!);
    }
    // Without evidence every arm gets traffic; the pending variant never does.
    expect([...seen].sort()).toEqual([variants.original, variants.sport, variants.price].sort());
  });

  it("is sticky per shopper", async () => {
    const picks = new Set<string>();
    for (let i = 0; i < 5; i++) {
      const body = (await (await serve(`/serve/${productId}?segment=运动&shopper=u-42`)).json()) as {
        variantId: string;
      };
      picks.add(body.variantId);
    }
    expect(picks.size).toBe(1);
    const shoppers = new Set<string>();
    for (let i = 0; i < 40; i++)
      shoppers.add(
        ((await (await serve(`/serve/${productId}?shopper=u-${i}`)).json()) as { variantId: string }).variantId,
      );
    expect(shoppers.size).toBeGreaterThan(1);
  });

  it("authenticates, authorises and scopes to the key's merchant", async () => {
    expect((await serve(`/serve/${productId}`, null)).status).toBe(401);
    expect((await serve(`/serve/${productId}`, "moderator")).status).toBe(403);
    expect((await serve(`/serve/${productId}`, "otherShop")).status).toBe(404);
    expect((await serve(`/serve/${otherProductId}`, "admin")).status).toBe(200);
    expect((await serve(`/serve/not-a-uuid`)).status).toBe(400);
    expect((await serve(`/serve/${productId}?field=TITLE`)).status).toBe(404);
    expect((await serve(`/serve/${productId}?field=COLOR`)).status).toBe(400);
    expect((await serve(`/serve/${randomUUID()}`)).status).toBe(404);
    const bad = await serve(`/serve/${productId}`, null);
    expect(await bad.json()).toMatchObject({ error: { code: "UNAUTHENTICATED" } });
  });

  it("serves a variant as soon as a moderator approves it, in every API process (cache invalidated)", async () => {
    // Warm both caches first: the approval must reach them.
    await serve(`/serve/${productId}?segment=${fresh}`);
    await serve(`/serve/${productId}?segment=${fresh}`, "shop", second.url);
    const r = await fetch(`${api.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${keys.admin}` },
      body: JSON.stringify({
        query: `mutation($id: ID!) { approveVariant(variantId: $id) { variant { status } } }`,
        variables: { id: variants.pending },
      }),
    });
    expect(((await r.json()) as { data: unknown }).data).toEqual({
      approveVariant: { variant: { status: "APPROVED" } },
    });
    for (const base of [api.url, second.url]) {
      let served = false;
      for (let i = 0; i < 200 && !served; i++) {
        const body = (await (await serve(`/serve/${productId}?segment=${fresh}`, "shop", base)).json()) as {
          variantId: string;
        };
        served = body.variantId === variants.pending;
        // The other process hears of it over Redis: give the message a moment.
        if (!served && base === second.url) await new Promise((r) => setTimeout(r, 10));
      }
      expect(served, base).toBe(true);
    }
  });

  it("leaves out variants the guardrail paused for the audience, never the original", async () => {
    const audience = `aud-${randomUUID().slice(0, 8)}`;
    await serve(`/serve/${productId}?segment=${audience}`, "shop", second.url);
    for (const v of [variants.sport, variants.price, variants.pending])
      await db.pool.query(
        `INSERT INTO "ServingPause" ("variantId", segment, "productId", probability, impressions, reason) VALUES ($1, $2, $3, 0.99, 900, 'test')`,
        [v, audience, productId],
      );
    // What the learning job does after pausing.
    const redis = createRedis(testEnv().REDIS_URL, "producer");
    if (redis.status !== "ready") await new Promise((r) => redis.once("ready", r));
    await redis.publish(servingInvalidationChannel(prefix), JSON.stringify({ products: [productId] }));
    redis.disconnect();
    await new Promise((r) => setTimeout(r, 100));
    const seen = new Set<string>();
    for (let i = 0; i < 30; i++)
      seen.add(
        (
          (await (await serve(`/serve/${productId}?segment=${audience}`, "shop", second.url)).json()) as {
            variantId: string;
          }
        ).variantId,
      );
    expect([...seen]).toEqual([variants.original]);
    // Other audiences are not affected.
    const other = new Set<string>();
    for (let i = 0; i < 60; i++)
      other.add(
        (
          (await (await serve(`/serve/${productId}?segment=${fresh}`, "shop", second.url)).json()) as {
            variantId: string;
          }
        ).variantId,
      );
    expect(other.size).toBeGreaterThan(1);
  });

  it("limits each key's rate with 429 and Retry-After", async () => {
    const app = express();
    app.use(serveRouter({ db, cache: new ServingCache(db, log), log, rate: { ratePerSecond: 0.5, burst: 2 } }));
    const server = app.listen(0, "127.0.0.1");
    await new Promise((r) => server.once("listening", r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const statuses: number[] = [];
      let retryAfter: string | null = null;
      for (let i = 0; i < 3; i++) {
        const res = await fetch(`${url}/serve/${productId}`, { headers: { authorization: `Bearer ${keys.shop}` } });
        statuses.push(res.status);
        if (res.status === 429) retryAfter = res.headers.get("retry-after");
      }
      expect(statuses).toEqual([200, 200, 429]);
      expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    } finally {
      server.close();
    }
  });
});

describe("POST /events", () => {
  const at = new Date().toISOString();
  it("accepts valid events, rejects invalid ones by index, and is idempotent by event id", async () => {
    const id = randomUUID();
    const events = [
      { id: `${id}-1`, type: "impression", productId, variantId: variants.sport, segment: "运动", shopper: "u1", at },
      { id: `${id}-2`, type: "click", productId, variantId: variants.sport, segment: "运动", shopper: "u1", at },
      { id: `${id}-3`, type: "wink", productId, variantId: variants.sport },
      { id: `${id}-4`, type: "purchase", productId: otherProductId, segment: "运动", at },
      { id: `${id}-5`, type: "click", productId, variantId: variants.title, at },
      { id: `${id}-6`, type: "add_to_cart", productId, segment: "运动", shopper: "u1", at },
    ];
    const res = await postEvents({ events });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { accepted: number; rejected: { index: number; error: string }[] };
    expect(body.accepted).toBe(3);
    expect(body.rejected.map((r) => r.index)).toEqual([2, 3, 4]);
    expect(body.rejected[1]!.error).toBe("unknown productId");
    expect(body.rejected[2]!.error).toMatch(/not a variant of this product/);
    const count = async () =>
      (
        await db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Event" WHERE id LIKE $1`, [
          `${merchant.id}:${id}-%`,
        ])
      ).rows[0]!.n;
    expect(await count()).toBe(3);
    const again = (await (await postEvents({ events })).json()) as { accepted: number };
    expect(again.accepted).toBe(3);
    expect(await count()).toBe(3);
    const stored = await db.pool.query(`SELECT type, segment, "shopperId", "variantId" FROM "Event" WHERE id = $1`, [
      `${merchant.id}:${id}-2`,
    ]);
    expect(stored.rows[0]).toEqual({ type: "CLICK", segment: "运动", shopperId: "u1", variantId: variants.sport });
  });

  it("refuses bad bodies and callers", async () => {
    expect((await postEvents({ events: [] }, null)).status).toBe(401);
    expect((await postEvents({ events: [] }, "moderator")).status).toBe(403);
    expect((await postEvents("{not json")).status).toBe(400);
    expect((await postEvents({ nope: 1 })).status).toBe(400);
    const many = Array.from({ length: 10_001 }, (_, i) => ({ id: `x${i}`, type: "purchase", productId }));
    const res = await postEvents({ events: many });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/at most 10000/);
  });

  it("takes a full batch of 10,000 events", async () => {
    const id = randomUUID();
    const events = Array.from({ length: 10_000 }, (_, i) => ({
      id: `${id}-${i}`,
      type: i % 10 === 0 ? "click" : "impression",
      productId,
      variantId: i % 2 ? variants.sport : variants.price,
      segment: "运动",
      shopper: `u${i % 100}`,
      at,
    }));
    const body = (await (await postEvents({ events })).json()) as { accepted: number; rejected: unknown[] };
    expect(body).toEqual({ accepted: 10_000, rejected: [] });
  });
});
