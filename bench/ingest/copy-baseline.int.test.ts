import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { benchEnv } from "./bench-env.mjs";
import { assertTestDatabase } from "./bench-database.mjs";
import { copyBaseline, countScratchRows, createScratchTables, dropScratchTables } from "./copy-baseline.mjs";

type TScratchProduct = {
  sku: string;
  title: string;
  description: string;
  category: string | null;
  attributes: unknown;
  price: string | null;
  currency: string | null;
  contentHash: string;
};
type TScratchReview = { sku: string; externalId: string; author: string | null; rating: number | null; text: string };

const url = benchEnv().databaseUrl;
if (url) assertTestDatabase(url);

// Rows that exercise every escape of COPY's text format, missing optional fields and a repeated review.
const rows = [
  {
    sku: "ESC-1",
    title: "Tab\there, newline\nthere, backslash \\ and CR\r",
    description: "含有中文、emoji 🚀 与 \\N 字面量",
    category: "tea",
    locale: "zh-CN",
    price: 12.5,
    currency: "CNY",
    attributes: { 路径: "C:\\temp\\x", list: ["a\tb", "c\nd"], n: 3, ok: true },
    images: [],
    reviews: [
      { author: "小王", rating: 5, text: "好\t喝" },
      { author: "小王", rating: 5, text: "好\t喝" },
      { id: "r-2", text: "second\\review" },
    ],
  },
  { sku: "PLAIN-2", title: "Plain", attributes: {} },
];

describe.runIf(url)("raw COPY baseline", () => {
  let pool: pg.Pool;
  let dir: string;
  let embedded = false;
  const tables = { product: "", review: "" };

  beforeAll(async () => {
    pool = new pg.Pool({ connectionString: url, max: 2 });
    // PGlite's socket server does not speak the COPY sub-protocol; the bench needs a real server.
    const { rows: version } = await pool.query<{ version: string }>("SELECT version()");
    embedded = version[0]!.version.includes("PGlite");
    dir = await mkdtemp(path.join(os.tmpdir(), "copy-baseline-test-"));
  });

  afterAll(async () => {
    if (tables.product && !embedded) await dropScratchTables(pool, tables);
    await pool.end();
    await rm(dir, { recursive: true, force: true });
  });

  it("writes every product and distinct review of the file, byte for byte", async (ctx) => {
    if (embedded) return ctx.skip();
    const file = path.join(dir, "rows.jsonl");
    await writeFile(file, `${rows.map((r) => JSON.stringify(r)).join("\n")}\n\n`);
    Object.assign(tables, await createScratchTables(pool, `t${process.pid}_${Date.now()}`));
    const merchantId = "00000000-0000-4000-8000-000000000001";

    const result = await copyBaseline({ url, file, merchantId, tables });

    expect(result).toMatchObject({ products: 2, reviews: 2 });
    expect(result.ms).toBeGreaterThan(0);
    expect(await countScratchRows(pool, tables)).toEqual({ products: 2, reviews: 2 });
    const products = await pool.query<TScratchProduct>(
      `SELECT sku, title, description, category, attributes, price::text AS price, currency, "contentHash" FROM "${tables.product}" ORDER BY sku`,
    );
    expect(products.rows.map(({ contentHash: _hash, ...p }) => p)).toEqual([
      {
        sku: "ESC-1",
        title: rows[0]!.title,
        description: rows[0]!.description,
        category: "tea",
        attributes: rows[0]!.attributes,
        price: "12.50",
        currency: "CNY",
      },
      { sku: "PLAIN-2", title: "Plain", description: "", category: null, attributes: {}, price: null, currency: null },
    ]);
    expect(products.rows.every((p) => /^[0-9a-f]{64}$/.test(p.contentHash))).toBe(true);
    const reviews = await pool.query<TScratchReview>(
      `SELECT p.sku, r."externalId", r.author, r.rating, r.text FROM "${tables.review}" r JOIN "${tables.product}" p ON p.id = r."productId" ORDER BY r."externalId" COLLATE "C"`,
    );
    expect(reviews.rows).toEqual([
      {
        sku: "ESC-1",
        externalId: expect.stringMatching(/^[0-9a-f]{32}$/) as unknown,
        author: "小王",
        rating: 5,
        text: "好\t喝",
      },
      { sku: "ESC-1", externalId: "r-2", author: null, rating: null, text: "second\\review" },
    ]);
  });
});
