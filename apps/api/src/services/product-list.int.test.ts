import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { createApiKey, type TDatabase } from "@truecopy/db";
import { createTestMerchant, openTestDatabase } from "@truecopy/db/testing";
import type { TApiServer } from "../server.js";
import { bearer, postGraphql, startTestApi } from "../testing.js";

// The products list (one SQL round trip for the page and its total): every filter, the order, the
// cursor and a total that does not depend on the page.

let db: TDatabase;
let api: TApiServer;
let key: string;
let merchant: { id: string; slug: string };

// sku, title, category, analysis language of the product itself (null: not analysed), minutes ago
const CATALOG: [string, string, string, string | null, number][] = [
  ["l-1", "蓝牙耳机 降噪", "audio", "zh", 1],
  ["l-2", "Kettle 50% off", "kitchen", "en", 2],
  ["l-3", "Power bank 5000 mAh", "audio", null, 3],
  ["l-4", "Fan_2 desk fan", "kitchen", null, 4],
  ["l-5", "Speaker 音箱", "audio", "mixed", 5],
];

beforeAll(async () => {
  db = await openTestDatabase();
  api = await startTestApi(`plist-${randomUUID().slice(0, 8)}`);
  merchant = await createTestMerchant(db, "plist");
  key = (await createApiKey(db.pool, { name: "plist-analyst", role: "ANALYST" })).key;
  for (const [sku, title, category, language, minutes] of CATALOG) {
    const { rows } = await db.pool.query<{ id: string }>(
      `INSERT INTO "Product" (id, "merchantId", sku, title, description, category, "contentHash", "createdAt", "updatedAt")
       VALUES (gen_random_uuid(), $1, $2, $3, '', $4, md5($2), now() - make_interval(mins => $5), now()) RETURNING id`,
      [merchant.id, sku, title, category, minutes],
    );
    if (language)
      await db.pool.query(
        `INSERT INTO "Analysis" (id, "productId", "sourceVersion", language) VALUES (gen_random_uuid(), $1, 1, $2)`,
        [rows[0]!.id, language],
      );
  }
  // A variant's analysis is not the product's: it must not make l-3 count as analysed.
  const { rows } = await db.pool.query<{ id: string }>(
    `SELECT id FROM "Product" WHERE "merchantId" = $1 AND sku = 'l-3'`,
    [merchant.id],
  );
  const variant = await db.pool.query<{ id: string }>(
    `INSERT INTO "Variant" (id, "productId", field, locale, text, origin, status, "updatedAt")
     VALUES (gen_random_uuid(), $1, 'TITLE', 'en', 'Power bank', 'ORIGINAL', 'PUBLISHED', now()) RETURNING id`,
    [rows[0]!.id],
  );
  await db.pool.query(
    `INSERT INTO "Analysis" (id, "productId", "variantId", "sourceVersion", language) VALUES (gen_random_uuid(), $1, $2, 1, 'en')`,
    [rows[0]!.id, variant.rows[0]!.id],
  );
});
afterAll(async () => {
  await api?.stop();
  await db?.close();
});

type TPage = {
  totalCount: number;
  edges: { node: { sku: string } }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null };
};

async function page(filter: Record<string, unknown>, first?: number, after?: string | null): Promise<TPage> {
  const r = await postGraphql(
    api,
    `query($f: ProductFilter, $first: Int, $after: String) {
       products(filter: $f, first: $first, after: $after) {
         totalCount edges { node { sku } } pageInfo { hasNextPage hasPreviousPage endCursor }
       }
     }`,
    { f: { merchantId: merchant.id, ...filter }, first: first ?? null, after: after ?? null },
    bearer(key),
  );
  expect(r.errors).toBeUndefined();
  return r.data.products as TPage;
}
const skus = (p: TPage) => p.edges.map((e) => e.node.sku);

describe("products list", () => {
  it("filters by category, search (taken literally), language and analysis, newest first", async () => {
    expect(skus(await page({}))).toEqual(["l-1", "l-2", "l-3", "l-4", "l-5"]);
    expect(skus(await page({ category: "audio" }))).toEqual(["l-1", "l-3", "l-5"]);
    expect(skus(await page({ search: "50%" }))).toEqual(["l-2"]);
    expect(skus(await page({ search: "n_2" }))).toEqual(["l-4"]);
    expect(skus(await page({ search: "  SPEAKER " }))).toEqual(["l-5"]);
    expect(skus(await page({ search: "L-" }))).toHaveLength(5);
    expect(skus(await page({ language: "zh" }))).toEqual(["l-1"]);
    expect(skus(await page({ language: "en" }))).toEqual(["l-2"]);
    expect(skus(await page({ analyzed: true }))).toEqual(["l-1", "l-2", "l-5"]);
    expect(skus(await page({ analyzed: false }))).toEqual(["l-3", "l-4"]);
    expect(skus(await page({ analyzed: false, category: "kitchen" }))).toEqual(["l-4"]);
    expect((await page({ search: 'x\'); DROP TABLE "Product"; --' })).totalCount).toBe(0);
  });

  it("walks the pages with cursors; the total counts every match whatever the page", async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const p: TPage = await page({}, 2, after);
      expect(p.totalCount).toBe(5);
      expect(p.pageInfo.hasPreviousPage).toBe(after !== null);
      seen.push(...skus(p));
      if (!p.pageInfo.hasNextPage) {
        after = p.pageInfo.endCursor;
        break;
      }
      after = p.pageInfo.endCursor;
    }
    expect(seen).toEqual(["l-1", "l-2", "l-3", "l-4", "l-5"]);
    const past = await page({}, 2, after);
    expect(past).toMatchObject({ totalCount: 5, edges: [], pageInfo: { hasNextPage: false, endCursor: null } });
    const none = await page({ category: "audio" }, 0);
    expect(none).toMatchObject({ totalCount: 3, edges: [], pageInfo: { hasNextPage: true } });
    expect(await page({ category: "garden" })).toMatchObject({ totalCount: 0, edges: [] });
  });

  it("refuses a too complex list every time it is sent (its price is kept per document)", async () => {
    const query = `{ products(first: 100) { edges { node { similar(k: 50) { product { sku } } } } } }`;
    for (let i = 0; i < 3; i++) {
      const r = await postGraphql(api, query, {}, bearer(key));
      expect(r.errors?.[0]?.extensions?.code, `attempt ${i + 1}`).toBe("QUERY_TOO_COMPLEX");
    }
  });
});
