import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { createApiKey, type TDatabase } from "@truecopy/db";
import { createTestMerchant, openTestDatabase } from "@truecopy/db/testing";
import type { TWorkerRuntime } from "@truecopy/worker";
import { startTestWorker } from "@truecopy/worker/testing";
import type { TApiServer } from "../server.js";
import { bearer, postGraphql, startTestApi } from "../testing.js";

// Review aspects end to end: products with reviews are imported, the analyze job stores the aspect
// summaries in Analysis.aspects, and ProductAnalysis.aspects serves them.

let db: TDatabase;
let api: TApiServer;
let worker: TWorkerRuntime;
let key: string;
let merchant: { id: string; slug: string };

beforeAll(async () => {
  db = await openTestDatabase();
  const prefix = `aspects-${randomUUID().slice(0, 8)}`;
  api = await startTestApi(prefix);
  worker = await startTestWorker({ prefix });
  merchant = await createTestMerchant(db, "aspects");
  key = (await createApiKey(db.pool, { name: "aspects-admin", role: "ADMIN" })).key;
});
afterAll(async () => {
  await worker?.stop();
  await api?.stop();
  await db?.close();
});

const gql = (query: string, variables: Record<string, unknown> = {}) => postGraphql(api, query, variables, bearer(key));

const watchReviews = [
  "续航很长，屏幕很清晰，推荐！",
  "电池很耐用，就是物流太慢了",
  "续航不错，但是屏幕有点暗",
  "续航太短了，一天一充",
  "物流很快，包装完好",
];
const catalog = [
  {
    sku: "aspect-watch",
    title: "智能手表 心率监测 续航14天",
    description: "支持50米防水，续航14天。",
    locale: "zh-CN",
    reviews: watchReviews.map((text, i) => ({ id: `w${i}`, text })),
  },
  {
    sku: "aspect-tee",
    title: "Cotton T-shirt, regular fit",
    description: "Soft cotton tee for everyday wear.",
    locale: "en-US",
    reviews: [
      { id: "t1", text: "The fabric is soft but the size runs too small." },
      { id: "t2", text: "Great fit and fast shipping." },
    ],
  },
  { sku: "aspect-none", title: "Plain mug", description: "A white mug.", locale: "en-US" },
];

describe("review aspects", () => {
  it("are stored by the analyze job and served on ProductAnalysis", async () => {
    const imported = await gql(
      `mutation($m: ID, $p: [ProductInput!]!) { importProducts(merchantId: $m, products: $p) { created jobRun { id } } }`,
      { m: merchant.id, p: catalog },
    );
    expect(imported.errors).toBeUndefined();
    const runId = imported.data.importProducts.jobRun.id as string;
    for (let i = 0; ; i++) {
      const { rows } = await db.pool.query<{ status: string }>(`SELECT status FROM "JobRun" WHERE id = $1`, [runId]);
      if (rows[0]?.status === "COMPLETED") break;
      if (rows[0]?.status === "FAILED" || i > 600) throw new Error(`analyze run ended ${rows[0]?.status ?? "nowhere"}`);
      await new Promise((r) => setTimeout(r, 100));
    }

    // What the job stored, read straight from the table.
    const stored = await db.pool.query<{ sku: string; aspects: { aspects: any[]; reviews: { total: number } } }>(
      `SELECT p.sku, a.aspects FROM "Analysis" a JOIN "Product" p ON p.id = a."productId"
       WHERE p."merchantId" = $1 AND a."variantId" IS NULL ORDER BY p.sku`,
      [merchant.id],
    );
    const bySku = Object.fromEntries(stored.rows.map((r) => [r.sku, r.aspects]));
    expect(bySku["aspect-none"]).toMatchObject({ aspects: [], reviews: { total: 0 } });
    const watch = bySku["aspect-watch"]!;
    expect(watch.reviews.total).toBe(5);
    const battery = watch.aspects.find((a) => a.aspect === "battery");
    expect(battery).toMatchObject({ label: "续航", mentions: 4, positive: 3, negative: 1, share: 0.75 });
    expect(battery.summary).toBe("续航：75% 好评（4 条提及）");

    // The same through GraphQL, with quotes pointing at real reviews.
    const r = await gql(
      `query($m: ID) { products(filter: { merchantId: $m }, first: 10) { edges { node { sku reviews { id text }
        analysis { aspects { aspect label mentions positive negative neutral share summary quotes { text reviewId polarity } } } } } } }`,
      { m: merchant.id },
    );
    expect(r.errors).toBeUndefined();
    const nodes = Object.fromEntries(r.data.products.edges.map((e: any) => [e.node.sku, e.node]));
    const aspects = nodes["aspect-watch"].analysis.aspects as any[];
    expect(aspects[0]).toMatchObject({ aspect: "battery", mentions: 4, positive: 3, negative: 1 });
    expect(aspects.map((a) => a.aspect)).toEqual(expect.arrayContaining(["battery", "screen", "shipping"]));
    const screen = aspects.find((a) => a.aspect === "screen");
    expect(screen).toMatchObject({ mentions: 2, positive: 1, negative: 1 });
    const reviewText = new Map((nodes["aspect-watch"].reviews as any[]).map((x) => [x.id, x.text]));
    const quotes = aspects.flatMap((a) => a.quotes);
    expect(quotes.length).toBeGreaterThan(0);
    for (const q of quotes) expect(reviewText.get(q.reviewId)).toContain(q.text);
    expect(battery.quotes.map((q: any) => q.polarity)).toEqual(["positive", "positive", "negative"]);

    const tee = nodes["aspect-tee"].analysis.aspects as any[];
    expect(tee.find((a) => a.aspect === "size")).toMatchObject({ label: "size", negative: 1 });
    expect(tee.find((a) => a.aspect === "fabric")).toMatchObject({ positive: 1 });
    expect(tee.find((a) => a.aspect === "shipping")?.summary).toBe("shipping: 100% positive of 1 mentions");
    expect(nodes["aspect-none"].analysis.aspects).toEqual([]);
  });
});
