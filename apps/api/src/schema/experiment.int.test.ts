import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { createLogger } from "@truecopy/config";
import { aggregateEvents, createApiKey, type TDatabase } from "@truecopy/db";
import { createTestMerchant, openTestDatabase } from "@truecopy/db/testing";
import { loadEnv } from "../env.js";
import { startApiServer, type TApiServer } from "../server.js";

// Audiences, shopper profiles, recordEvents and experiments over GraphQL, with /serve resolving a
// known shopper's audience from the rules.

let db: TDatabase;
let api: TApiServer;
let merchant: { id: string; slug: string };
const keys: Record<string, string> = {};
const log = createLogger("test", "error");
let productId: string;
const v: Record<string, string> = {};

beforeAll(async () => {
  db = await openTestDatabase();
  api = await startApiServer(
    loadEnv({ API_PORT: "0", TRUECOPY_QUEUE_PREFIX: `t-${randomUUID().slice(0, 8)}`, LOG_LEVEL: "error" }),
    log,
  );
  merchant = await createTestMerchant(db, "exp");
  for (const [name, role, m] of [
    ["admin", "ADMIN", null],
    ["merch", "MERCHANDISER", merchant.id],
    ["shop", "SERVICE", merchant.id],
    ["analyst", "ANALYST", null],
  ] as const)
    keys[name] = (await createApiKey(db.pool, { name: `${name}-${randomUUID()}`, role, merchantId: m })).key;
  productId = (
    await db.pool.query<{ id: string }>(
      `INSERT INTO "Product" (id, "merchantId", sku, title, description, locale, "contentHash", "updatedAt")
       VALUES (gen_random_uuid(), $1, 'shoe', '跑鞋', '跑鞋', 'zh-CN', 'h', now()) RETURNING id`,
      [merchant.id],
    )
  ).rows[0]!.id;
  for (const [name, origin, status] of [
    ["original", "ORIGINAL", "PUBLISHED"],
    ["sport", "GENERATED", "APPROVED"],
  ] as const)
    v[name] = (
      await db.pool.query<{ id: string }>(
        `INSERT INTO "Variant" (id, "productId", field, locale, text, origin, status, "updatedAt")
         VALUES (gen_random_uuid(), $1, 'DESCRIPTION', 'zh-CN', $2, $3::"VariantOrigin", $4::"VariantStatus", now()) RETURNING id`,
        [productId, name, origin, status],
      )
    ).rows[0]!.id;
});
afterAll(async () => {
  await api?.stop();
  await db?.close();
});

type TGql = { data?: any; errors?: { message: string; extensions?: { code?: string } }[] };
async function gql(who: string, query: string, variables: Record<string, unknown> = {}): Promise<TGql> {
  const res = await fetch(`${api.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${keys[who]}` },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as TGql;
}
const codeOf = (r: TGql) => r.errors?.[0]?.extensions?.code;

describe("audiences", () => {
  const CREATE = `mutation($i: SegmentInput!) { createSegment(input: $i) { id key name rules merchantId } }`;
  it("are created with validated rules, unique keys, updated and deleted by merchandisers", async () => {
    const bad = await gql("merch", CREATE, {
      i: { key: "运动", name: "Sport", rules: { all: [{ attribute: "age", op: "between" }] } },
    });
    expect(codeOf(bad)).toBe("BAD_USER_INPUT");
    expect(bad.errors![0]!.message).toMatch(/^rules: all\.0/);
    const created = await gql("merch", CREATE, {
      i: { key: "运动", name: "Sport", rules: { any: [{ interest: "运动" }] } },
    });
    expect(created.errors).toBeUndefined();
    expect(created.data.createSegment).toMatchObject({ key: "运动", merchantId: merchant.id });
    expect(codeOf(await gql("merch", CREATE, { i: { key: "运动", name: "Again" } }))).toBe("CONFLICT");
    const extra = await gql("merch", CREATE, { i: { key: "tmp", name: "Temp" } });
    const id = extra.data.createSegment.id as string;
    const upd = await gql(
      "merch",
      `mutation($id: ID!) { updateSegment(id: $id, name: "Renamed", rules: { all: [{ interest: "x" }] }) { name rules } }`,
      { id },
    );
    expect(upd.data.updateSegment).toEqual({ name: "Renamed", rules: { all: [{ interest: "x" }] } });
    expect((await gql("merch", `mutation($id: ID!) { deleteSegment(id: $id) }`, { id })).data.deleteSegment).toBe(true);
    const list = await gql("shop", `{ segments { key } }`);
    expect(list.data.segments.map((s: { key: string }) => s.key)).toContain("运动");
    expect(list.data.segments.map((s: { key: string }) => s.key)).not.toContain("tmp");
  });

  it("place a known shopper for /serve, from stored interests or ones sent along", async () => {
    const r = await gql(
      "shop",
      `mutation { upsertShoppers(shoppers: [{ id: "fan", interests: ["运动"] }, { id: "other", attributes: { age: 30 } }]) }`,
    );
    expect(r.data.upsertShoppers).toBe(2);
    const serve = async (q: string) =>
      (await (
        await fetch(`${api.url}/serve/${productId}?${q}`, { headers: { authorization: `Bearer ${keys.shop}` } })
      ).json()) as { segment: string };
    expect((await serve("shopper=fan")).segment).toBe("运动");
    expect((await serve("shopper=other")).segment).toBe("default");
    expect((await serve("shopper=new&interests=价格,运动")).segment).toBe("运动");
    expect((await serve("shopper=fan&segment=价格")).segment).toBe("价格");
  });
});

describe("experiments", () => {
  it("report CTR, lift over the original, chance to be best and daily traffic from recorded events", async () => {
    const events: Record<string, unknown>[] = [];
    const at = new Date().toISOString();
    const add = (variant: string, n: number, k: number) => {
      for (let i = 0; i < n; i++) {
        events.push({
          id: `${variant}-i${i}`,
          type: "impression",
          productId,
          variantId: v[variant],
          segment: "运动",
          at,
        });
        if (i < k)
          events.push({ id: `${variant}-c${i}`, type: "click", productId, variantId: v[variant], segment: "运动", at });
      }
    };
    add("original", 1000, 50);
    add("sport", 1000, 90);
    const rec = await gql(
      "shop",
      `mutation($e: [ShopperEventInput!]!) { recordEvents(events: $e) { accepted rejected { index } } }`,
      { e: events },
    );
    expect(rec.data.recordEvents).toEqual({ accepted: events.length, rejected: [] });
    await aggregateEvents(db.pool, { lagSeconds: 0, maxWindowSeconds: 365 * 24 * 3600 });

    const r = await gql(
      "analyst",
      `query($p: ID!) { experiment(productId: $p, field: DESCRIPTION) {
        productId product { sku }
        audiences { segment impressions clicks arms { variantId isOriginal paused impressions clicks trafficShare
          ctr { rate low high } cvr { rate } liftVsOriginal { estimate low high } probabilityToBeBest probabilityBelowOriginal } }
        traffic { day segment variantId impressions share } } }`,
      { p: productId },
    );
    expect(r.errors).toBeUndefined();
    const e = r.data.experiment;
    expect(e.product.sku).toBe("shoe");
    const aud = e.audiences.find((a: { segment: string }) => a.segment === "运动");
    expect(aud).toMatchObject({ impressions: 2000, clicks: 140 });
    const sport = aud.arms.find((a: { variantId: string }) => a.variantId === v.sport);
    const original = aud.arms.find((a: { isOriginal: boolean }) => a.isOriginal);
    expect(original.liftVsOriginal).toBeNull();
    expect(sport.ctr.rate).toBeCloseTo(0.09, 10);
    expect(sport.ctr.low).toBeLessThan(0.09);
    expect(sport.liftVsOriginal.estimate).toBeCloseTo(0.8, 10);
    expect(sport.liftVsOriginal.low).toBeGreaterThan(0);
    expect(sport.probabilityToBeBest).toBeGreaterThan(0.99);
    expect(sport.probabilityBelowOriginal).toBeLessThan(0.01);
    expect(sport.trafficShare).toBe(0.5);
    expect(e.traffic).toHaveLength(2);
    expect(e.traffic.map((t: { share: number }) => t.share)).toEqual([0.5, 0.5]);

    const list = await gql(
      "analyst",
      `query($m: ID) { experiments(filter: { merchantId: $m }, first: 10) { edges { node { productId impressions ctr variants segments } } pageInfo { hasNextPage } } }`,
      { m: merchant.id },
    );
    expect(list.data.experiments.edges).toEqual([
      { node: { productId, impressions: 2000, ctr: 0.07, variants: 2, segments: 1 } },
    ]);
    expect(
      codeOf(await gql("merch", `query($p: ID!) { experiment(productId: $p) { productId } }`, { p: productId })),
    ).toBe("FORBIDDEN");
  });
});
