import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { parseApiKey } from "@truecopy/core";
import { createApiKey, createUser, type TDatabase } from "@truecopy/db";
import { createTestMerchant, openTestDatabase } from "@truecopy/db/testing";
import { DEFAULT_TEXT_EMBEDDING_MODEL, getModelSpec } from "@truecopy/ml";
import type { TWorkerRuntime } from "@truecopy/worker";
import { startTestWorker } from "@truecopy/worker/testing";
import type { TApiServer } from "./server.js";
import { bearer, codeOf, postGraphql, startTestApi, type TGqlResponse } from "./testing.js";

// The worker embeds with the configured (default) model and the analysis records its version.
const embeddingModel = getModelSpec(DEFAULT_TEXT_EMBEDDING_MODEL);

let db: TDatabase;
let api: TApiServer;
let worker: TWorkerRuntime;
let adminKey: string;
let merchant: { id: string; slug: string };

beforeAll(async () => {
  db = await openTestDatabase();
  const prefix = `t-${randomUUID().slice(0, 8)}`;
  api = await startTestApi(prefix);
  worker = await startTestWorker({ prefix });
  merchant = await createTestMerchant(db, "api");
  adminKey = (await createApiKey(db.pool, { name: "test-admin", role: "ADMIN" })).key;
});
afterAll(async () => {
  await worker?.stop();
  await api?.stop();
  await db?.close();
});

const gql = (
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = bearer(adminKey),
) => postGraphql(api, query, variables, headers);

const IMPORT = `mutation($merchantId: ID, $products: [ProductInput!]!) {
  importProducts(merchantId: $merchantId, products: $products) {
    received created updated unchanged invalid errors { row sku field message } jobRun { id status total }
  }
}`;

async function waitForRun(id: string) {
  for (let i = 0; i < 400; i++) {
    const r = await gql(`query($id: ID!) { jobRun(id: $id) { status progress processed failed total error } }`, { id });
    const run = r.data?.jobRun;
    if (run?.status === "COMPLETED" || run?.status === "FAILED") return run;
    await new Promise((res) => setTimeout(res, 100));
  }
  throw new Error("job run did not finish");
}

const catalog = [
  {
    sku: "watch-1",
    title: "智能手表 运动版 心率监测",
    description: "支持50米防水，续航14天，适合跑步和游泳。",
    category: "智能手表",
    locale: "zh-CN",
    price: 599,
    currency: "CNY",
    attributes: { 续航: "14天", 防水: "5ATM" },
    reviews: [{ text: "续航很好", rating: 5 }],
  },
  {
    sku: "watch-2",
    title: "运动智能手表 心率监测 防水",
    description: "续航14天，支持50米防水，跑步游泳都适用。",
    category: "智能手表",
    locale: "zh-CN",
    price: 569,
    currency: "CNY",
  },
  {
    sku: "dress-1",
    title: "Floral summer dress, cotton",
    description: "A light cotton dress with a floral print for warm days.",
    category: "dress",
    locale: "en-US",
    price: 39.9,
    currency: "USD",
  },
  {
    sku: "pan-1",
    title: "Non-stick frying pan 28 cm",
    description: "Aluminium pan with a ceramic non-stick coating, works on induction.",
    category: "kitchen",
    locale: "en-US",
    price: 24,
  },
];

describe("import → analyze → embeddings → similar products", () => {
  let jobRunId: string;

  it("imports valid rows, reports invalid ones, and queues analysis", async () => {
    const bad = [
      { sku: "", title: "no sku" },
      { sku: "watch-1", title: "duplicate in the same call" },
      { sku: "neg", title: "t", price: -3 },
    ];
    const r = await gql(IMPORT, { merchantId: merchant.id, products: [...catalog, ...bad] });
    expect(r.errors).toBeUndefined();
    const result = r.data.importProducts;
    expect(result).toMatchObject({ received: 7, created: 4, updated: 0, unchanged: 0, invalid: 3 });
    expect(result.errors).toEqual([
      { row: 5, sku: "", field: "sku", message: "sku is empty" },
      { row: 6, sku: "watch-1", field: "sku", message: 'sku "watch-1" already appears in row 1 of this import' },
      { row: 7, sku: "neg", field: "price", message: "price must not be negative" },
    ]);
    expect(result.jobRun).toMatchObject({ total: 4 });
    jobRunId = result.jobRun.id;
  });

  it("runs the analyze job to completion with progress", async () => {
    const run = await waitForRun(jobRunId);
    expect(run).toMatchObject({ status: "COMPLETED", progress: 1, processed: 4, failed: 0 });
    const { rows } = await db.pool.query(
      `SELECT count(*)::int AS n FROM "Embedding" e JOIN "Product" p ON p.id = e."ownerId" WHERE p."merchantId" = $1 AND e.model = $2 AND vector_dims(e.vector) = $3`,
      [merchant.id, embeddingModel.name, embeddingModel.dim],
    );
    expect(rows[0].n).toBe(4);
  });

  it("serves products with analysis and finds the near-duplicate first", async () => {
    const list = await gql(
      `query($m: ID) { products(filter: { merchantId: $m }, first: 10) { totalCount edges { node { id sku reviewCount analysis { language embeddingModel } merchant { slug } } } } }`,
      { m: merchant.id },
    );
    expect(list.errors).toBeUndefined();
    const nodes = list.data.products.edges.map((e: { node: any }) => e.node);
    expect(list.data.products.totalCount).toBe(4);
    const bySku = Object.fromEntries(nodes.map((n: any) => [n.sku, n]));
    expect(bySku["watch-1"]).toMatchObject({
      reviewCount: 1,
      analysis: { language: "zh", embeddingModel: `${embeddingModel.name}@${embeddingModel.version}` },
      merchant: { slug: merchant.slug },
    });
    expect(bySku["dress-1"].analysis.language).toBe("en");
    // Scoped to this merchant (earlier runs left identical products under other merchants).
    const shopKey = (await createApiKey(db.pool, { name: "shop", role: "SERVICE", merchantId: merchant.id })).key;
    const similar = await gql(
      `query($id: ID!) { similarProducts(id: $id, k: 5) { score product { sku } } }`,
      { id: bySku["watch-1"].id },
      { authorization: `Bearer ${shopKey}` },
    );
    expect(similar.errors).toBeUndefined();
    const neighbours = similar.data.similarProducts as { score: number; product: { sku: string } }[];
    expect(neighbours.map((n) => n.product.sku)).toEqual(["watch-2", ...neighbours.slice(1).map((n) => n.product.sku)]);
    expect(neighbours).toHaveLength(3);
    expect(neighbours[0]!.score).toBeGreaterThan(0.5);
    expect(neighbours[0]!.score).toBeGreaterThan(neighbours[1]!.score + 0.2);
    // An admin searches across merchants: the same field on the product gives the same first hit.
    const field = await gql(`query($id: ID!) { product(id: $id) { similar(k: 50) { product { id } } } }`, {
      id: bySku["watch-1"].id,
    });
    expect(field.data.product.similar.map((s: any) => s.product.id)).toContain(bySku["watch-2"].id);
  });

  it("shows what the copy says next to the attributes, and the reviews' sentiment", async () => {
    const r = await gql(
      `query($m: ID) { products(filter: { merchantId: $m, search: "watch-1" }) { edges { node {
        analysis { keyphrases facts { status key field value start end attributeName } reviewSentiment { total positive negative } }
      } } } }`,
      { m: merchant.id },
    );
    expect(r.errors).toBeUndefined();
    const analysis = r.data.products.edges[0].node.analysis;
    expect(analysis.keyphrases.length).toBeGreaterThan(0);
    const life = analysis.facts.find((f: { key: string }) => f.key === "battery_life");
    expect(life).toMatchObject({ status: "agree", field: "description", attributeName: "续航" });
    expect(catalog[0]!.description.slice(life.start, life.end)).toBe(life.value);
    expect(analysis.reviewSentiment).toEqual({ total: 1, positive: 1, negative: 0 });
  });

  it("searches by meaning and by words (hybrid, fused by rank)", async () => {
    const SEARCH = `query($q: String!, $m: ID, $after: String) {
      semanticSearch(query: $q, filter: { merchantId: $m }, first: 2, after: $after) {
        edges { score vectorRank keywordRank node { sku } } pageInfo { hasNextPage endCursor }
      }
    }`;
    const zh = await gql(SEARCH, { q: "心率 手表", m: merchant.id });
    expect(zh.errors).toBeUndefined();
    const zhHits = zh.data.semanticSearch.edges as {
      score: number;
      keywordRank: number | null;
      node: { sku: string };
    }[];
    expect(new Set(zhHits.map((e) => e.node.sku))).toEqual(new Set(["watch-1", "watch-2"]));
    expect(zhHits.every((e) => e.keywordRank !== null)).toBe(true);
    expect(zh.data.semanticSearch.pageInfo.hasNextPage).toBe(true);
    const next = await gql(SEARCH, {
      q: "心率 手表",
      m: merchant.id,
      after: zh.data.semanticSearch.pageInfo.endCursor,
    });
    expect(next.data.semanticSearch.edges.map((e: any) => e.node.sku)).not.toContain("watch-1");

    const en = await gql(SEARCH, { q: "frying pan for induction", m: merchant.id });
    expect(en.data.semanticSearch.edges[0].node.sku).toBe("pan-1");
    expect(en.data.semanticSearch.edges[0].score).toBeGreaterThan(en.data.semanticSearch.edges[1].score);

    // A sku typed into the search box finds that product first.
    const sku = await gql(SEARCH, { q: "dress-1", m: merchant.id });
    expect(sku.data.semanticSearch.edges[0].node.sku).toBe("dress-1");
    expect(sku.data.semanticSearch.edges[0].score).toBeGreaterThanOrEqual(1);

    expect(codeOf(await gql(SEARCH, { q: "   ", m: merchant.id }))).toBe("BAD_USER_INPUT");
    expect(codeOf(await gql(SEARCH, { q: "x", m: merchant.id, after: "bogus" }))).toBe("BAD_USER_INPUT");
    // Query text is data, never syntax: operators and quotes do not break the keyword query.
    const odd = await gql(SEARCH, { q: `"watch' OR 1=1; -- & | ! :*`, m: merchant.id });
    expect(odd.errors).toBeUndefined();
  });

  it("treats a re-import of the same rows as a no-op", async () => {
    const r = await gql(IMPORT, { merchantId: merchant.id, products: catalog });
    expect(r.data.importProducts).toMatchObject({
      received: 4,
      created: 0,
      updated: 0,
      unchanged: 4,
      invalid: 0,
      jobRun: null,
    });
  });

  it("pages with cursors and searches", async () => {
    const page1 = await gql(
      `query($m: ID) { products(filter: { merchantId: $m }, first: 3) { edges { node { sku } } pageInfo { hasNextPage endCursor } } }`,
      { m: merchant.id },
    );
    expect(page1.data.products.pageInfo.hasNextPage).toBe(true);
    const page2 = await gql(
      `query($m: ID, $after: String) { products(filter: { merchantId: $m }, first: 3, after: $after) { edges { node { sku } } pageInfo { hasNextPage } } }`,
      { m: merchant.id, after: page1.data.products.pageInfo.endCursor },
    );
    const skus = [...page1.data.products.edges, ...page2.data.products.edges].map((e: any) => e.node.sku);
    expect(new Set(skus).size).toBe(4);
    expect(page2.data.products.pageInfo.hasNextPage).toBe(false);
    const search = await gql(
      `query($m: ID) { products(filter: { merchantId: $m, search: "FRYING" }) { edges { node { sku } } } }`,
      { m: merchant.id },
    );
    expect(search.data.products.edges.map((e: any) => e.node.sku)).toEqual(["pan-1"]);
    const bad = await gql(`{ products(after: "not-a-cursor") { totalCount } }`);
    expect(codeOf(bad)).toBe("BAD_USER_INPUT");
  });

  it("imports a CSV upload with row errors", async () => {
    const csv =
      "sku,title,price,attr:颜色,images\ncsv-1,蓝牙耳机,199,黑色,https://img.example.com/a.jpg|https://img.example.com/b.jpg\ncsv-2,,10,,\n";
    const r = await gql(
      `mutation($m: ID, $c: String!) { importProductsFile(merchantId: $m, format: CSV, content: $c) { created invalid errors { row field message } } }`,
      { m: merchant.slug, c: csv },
    );
    expect(r.errors).toBeUndefined();
    expect(r.data.importProductsFile).toEqual({
      created: 1,
      invalid: 1,
      errors: [{ row: 2, field: "title", message: "title is required" }],
    });
    const p = await gql(
      `query($m: ID) { products(filter: { merchantId: $m, search: "csv-1" }) { edges { node { images attributes } } } }`,
      {
        m: merchant.id,
      },
    );
    expect(p.data.products.edges[0].node).toEqual({
      images: ["https://img.example.com/a.jpg", "https://img.example.com/b.jpg"],
      attributes: { 颜色: "黑色" },
    });
  });
});

describe("auth", () => {
  it("rejects anonymous reads and bad keys", async () => {
    expect(codeOf(await gql(`{ products { totalCount } }`, {}, {}))).toBe("UNAUTHENTICATED");
    expect(
      codeOf(
        await gql(
          `{ products { totalCount } }`,
          {},
          { authorization: "Bearer tc_aaaaaaaaaaaa_bbbbbbbbbbbbbbbbbbbbbbbbb" },
        ),
      ),
    ).toBe("UNAUTHENTICATED");
    const me = await gql(`{ me { email } }`, {}, {});
    expect(me.data.me).toBeNull();
  });

  it("logs in with a session cookie and logs out", async () => {
    const email = `mod-${randomUUID().slice(0, 8)}@test.local`;
    await createUser(db.pool, { email, name: "Mod", role: "MODERATOR", password: "secret-pass-1" });
    const wrong = await gql(`mutation { login(email: "${email}", password: "nope") { expiresAt } }`, {}, {});
    expect(codeOf(wrong)).toBe("UNAUTHENTICATED");
    const ok = await gql(
      `mutation($e: String!) { login(email: $e, password: "secret-pass-1") { user { role } } }`,
      { e: email },
      {},
    );
    expect(ok.data.login.user.role).toBe("MODERATOR");
    const setCookie = ok.headers.get("set-cookie")!;
    expect(setCookie).toMatch(/tc_session=[^;]+;.*HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const cookie = setCookie.split(";")[0]!;
    expect((await gql(`{ me { email role } }`, {}, { cookie })).data.me).toEqual({ email, role: "MODERATOR" });
    // A moderator reads the catalog but may not import.
    expect((await gql(`{ products(first: 1) { totalCount } }`, {}, { cookie })).errors).toBeUndefined();
    expect(codeOf(await gql(IMPORT, { merchantId: merchant.id, products: [] }, { cookie }))).toBe("FORBIDDEN");
    await gql(`mutation { logout }`, {}, { cookie });
    expect((await gql(`{ me { email } }`, {}, { cookie })).data.me).toBeNull();
  });

  it("scopes merchant-bound keys to their merchant", async () => {
    const other = await createTestMerchant(db, "other");
    const key = (await createApiKey(db.pool, { name: "shop", role: "SERVICE", merchantId: other.id })).key;
    const h = { authorization: `Bearer ${key}` };
    const list = await gql(`{ products { totalCount } }`, {}, h);
    expect(list.data.products.totalCount).toBe(0);
    const mine = await gql(IMPORT, { products: [{ sku: "s1", title: "shop item" }] }, h);
    expect(mine.data.importProducts.created).toBe(1);
    expect(codeOf(await gql(IMPORT, { merchantId: merchant.id, products: [{ sku: "s2", title: "x" }] }, h))).toBe(
      "FORBIDDEN",
    );
    const foreign = await gql(`{ products(filter: { merchantId: "${merchant.id}" }) { totalCount } }`, {}, h);
    expect(codeOf(foreign)).toBe("FORBIDDEN");
    expect(codeOf(await gql(`mutation { createApiKey(name: "x", role: ADMIN) { key } }`, {}, h))).toBe("FORBIDDEN");
    // A merchant-bound role without a merchant would reach every merchant: it cannot be created.
    await expect(createApiKey(db.pool, { name: "loose", role: "MERCHANDISER", merchantId: null })).rejects.toThrow(
      /ApiKey_merchant_role/,
    );
    const loose = await gql(`mutation { createApiKey(name: "loose", role: MERCHANDISER) { key } }`);
    expect(codeOf(loose)).toBe("BAD_USER_INPUT");
  });

  it("lets admins create keys that work once returned", async () => {
    const r = await gql(
      `mutation($m: ID) { createApiKey(name: "analyst key", role: ANALYST, merchantId: $m) { key role } }`,
      { m: null },
    );
    expect(r.data.createApiKey.role).toBe("ANALYST");
    const key = r.data.createApiKey.key as string;
    const me = await gql(`{ me { role } }`, {}, { authorization: `Bearer ${key}` });
    expect(me.data.me.role).toBe("ANALYST");
    const parts = parseApiKey(key)!;
    const { rows } = await db.pool.query(`SELECT "secretHash" FROM "ApiKey" WHERE prefix = $1`, [parts.prefix]);
    expect(rows[0].secretHash).toMatch(/^scrypt\$/);
    expect(rows[0].secretHash).not.toContain(parts.secret);
  });
});

describe("limits and hygiene", () => {
  it("rejects too deep and too complex queries", async () => {
    const deep = await gql(
      `{ products { edges { node { similar { product { similar { product { similar { product { similar { product { sku } } } } } } } } } } } }`,
    );
    expect(deep.errors?.[0]?.message).toMatch(/exceeds maximum operation depth/);
    const complex = await gql(`{ products(first: 100) { edges { node { similar(k: 50) { product { sku } } } } } }`);
    expect(codeOf(complex)).toBe("QUERY_TOO_COMPLEX");
  });

  it("rejects documents with too many aliases or too many bytes", async () => {
    const aliases = Array.from({ length: 51 }, (_, i) => `a${i}: me { id }`).join(" ");
    const tooMany = await gql(`{ ${aliases} }`);
    expect(codeOf(tooMany)).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(tooMany.errors?.[0]?.message).toMatch(/too many aliases: the limit is 50/);
    const fifty = Array.from({ length: 50 }, (_, i) => `a${i}: me { id }`).join(" ");
    expect((await gql(`{ ${fifty} }`)).errors).toBeUndefined();
    const res = await fetch(`${api.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${adminKey}` },
      body: JSON.stringify({ query: `{ me { id } } ${"#".repeat(100_001)}` }),
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as TGqlResponse).errors?.[0]?.extensions?.code).toBe("QUERY_TOO_LARGE");
  });

  it("validates ids and hides internal errors", async () => {
    const r = await gql(`{ product(id: "not-a-uuid") { sku } }`);
    expect(codeOf(r)).toBe("BAD_USER_INPUT");
    const missing = await gql(`{ product(id: "${randomUUID()}") { sku } }`);
    expect(missing.data.product).toBeNull();
  });

  it("serves health, readiness and a local GraphQL IDE", async () => {
    expect((await fetch(`${api.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${api.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ checks: { database: "ok", redis: "ok" } });
    const ide = await fetch(`${api.url}/graphql`, { headers: { accept: "text/html" } });
    const html = await ide.text();
    expect(html).toContain("/graphiql/assets/yoga-graphiql.es.js");
    expect(html).not.toMatch(/https?:\/\/(unpkg|cdn)/);
    expect((await fetch(`${api.url}/graphiql/assets/yoga-graphiql.es.js`)).status).toBe(200);
  });
});
