import { createHash, randomUUID } from "node:crypto";
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import copyStreams from "pg-copy-streams";
import { copyLine } from "./copy-text.mjs";

const PRODUCT_COLUMNS = [
  "id",
  "merchantId",
  "sku",
  "title",
  "description",
  "category",
  "locale",
  "attributes",
  "price",
  "currency",
  "contentHash",
  "updatedAt",
];
const REVIEW_COLUMNS = ["id", "productId", "externalId", "author", "rating", "text"];
const LINES_PER_CHUNK = 1_000;

const columnList = (columns) => columns.map((c) => `"${c}"`).join(", ");

/**
 * Scratch tables shaped like the real ones. INCLUDING ALL copies defaults, CHECK constraints and
 * every index (primary keys, unique (merchantId, sku) and (productId, externalId), the secondary
 * indexes), so the baseline maintains the same indexes the import does; foreign keys are not copied.
 */
export async function createScratchTables(pool, tag) {
  const tables = { product: `bench_product_${tag}`, review: `bench_review_${tag}` };
  await pool.query(`CREATE TABLE "${tables.product}" (LIKE "Product" INCLUDING ALL)`);
  await pool.query(`CREATE TABLE "${tables.review}" (LIKE "ProductReview" INCLUDING ALL)`);
  return tables;
}

export async function dropScratchTables(pool, tables) {
  await pool.query(`DROP TABLE IF EXISTS "${tables.product}", "${tables.review}"`);
}

// The import's review identity (reviewKey in @truecopy/core): the merchant's id, else a digest.
const reviewKey = (r) =>
  r.id ??
  createHash("sha256")
    .update(`${r.author ?? ""}\u0000${r.text}`)
    .digest("hex")
    .slice(0, 32);

/** Reads the JSONL file and renders both tables' COPY text, in chunks of LINES_PER_CHUNK rows. */
async function renderCopyText(file, merchantId) {
  const products = [];
  const reviews = [];
  let productChunk = "";
  let reviewChunk = "";
  let productCount = 0;
  let reviewCount = 0;
  const updatedAt = new Date().toISOString();
  const lines = createInterface({ input: createReadStream(file, { encoding: "utf8" }), crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line.trim()) continue;
    const row = JSON.parse(line);
    const id = randomUUID();
    const contentHash = createHash("sha256").update(line).digest("hex");
    productChunk += copyLine([
      id,
      merchantId,
      row.sku,
      row.title,
      row.description ?? "",
      row.category,
      row.locale,
      row.attributes ?? {},
      row.price,
      row.currency,
      contentHash,
      updatedAt,
    ]);
    if (++productCount % LINES_PER_CHUNK === 0) {
      products.push(productChunk);
      productChunk = "";
    }
    const keys = new Set();
    for (const review of row.reviews ?? []) {
      const key = reviewKey(review);
      if (keys.has(key)) continue; // the import keeps the first of two equal reviews
      keys.add(key);
      reviewChunk += copyLine([randomUUID(), id, key, review.author, review.rating, review.text]);
      if (++reviewCount % LINES_PER_CHUNK === 0) {
        reviews.push(reviewChunk);
        reviewChunk = "";
      }
    }
  }
  if (productChunk) products.push(productChunk);
  if (reviewChunk) reviews.push(reviewChunk);
  return { products, reviews, productCount, reviewCount };
}

async function copyInto(client, table, columns, chunks) {
  const sql = `COPY "${table}" (${columnList(columns)}) FROM STDIN`;
  await pipeline(Readable.from(chunks), client.query(copyStreams.from(sql)));
}

/**
 * The baseline: the same file's products and reviews loaded with COPY in one transaction, timed
 * end to end (connect, read and parse the file, render the COPY text, COPY, commit).
 */
export async function copyBaseline({ url, file, merchantId, tables }) {
  const started = performance.now();
  const client = new pg.Client({ connectionString: url, application_name: "truecopy-bench-copy" });
  await client.connect();
  try {
    const text = await renderCopyText(file, merchantId);
    const rendered = performance.now();
    await client.query("BEGIN");
    await copyInto(client, tables.product, PRODUCT_COLUMNS, text.products);
    await copyInto(client, tables.review, REVIEW_COLUMNS, text.reviews);
    await client.query("COMMIT");
    const ms = performance.now() - started;
    return { ms, renderMs: rendered - started, products: text.productCount, reviews: text.reviewCount };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

/** Counts what the baseline wrote, to check it against the file. */
export async function countScratchRows(pool, tables) {
  const { rows } = await pool.query(
    `SELECT (SELECT count(*)::int FROM "${tables.product}") AS products, (SELECT count(*)::int FROM "${tables.review}") AS reviews`,
  );
  return rows[0];
}
