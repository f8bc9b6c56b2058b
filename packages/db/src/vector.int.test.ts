import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { withTransaction, type TDatabase } from "./client.js";
import { createTestMerchant, openTestDatabase } from "./testing.js";
import { nearestProducts, nearestProductsSql, toVectorLiteral } from "./vector.js";

let db: TDatabase & { url: string };
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(async () => db?.close());

// The default text embedding of @truecopy/ml.
const model = { name: "hashgram-v2", dim: 256 };

describe("nearestProducts", () => {
  // A test table is small enough for any plan to be fast, and how many rows it holds depends on
  // which tests ran first: whether the HNSW index can be used at all is what matters at 100,000
  // products, so the planner is told to avoid sequential scans and sorts (a statement whose query
  // vector it cannot see, as before the fix, must sort and would still be planned with one).
  // (With a merchant, reading that merchant's products is a fine plan too: not asserted.)
  it("walks the model's HNSW index", async () => {
    const plan = await withTransaction(db.pool, async (tx) => {
      await tx.query(`SET LOCAL enable_seqscan = off`);
      await tx.query(`SET LOCAL enable_sort = off`);
      const v = new Float32Array(256).fill(0.0625);
      const { rows } = await tx.query<{ "QUERY PLAN": string }>(`EXPLAIN ${nearestProductsSql(model, 10)}`, [
        toVectorLiteral(v),
        randomUUID(),
        null,
      ]);
      return rows.map((r) => r["QUERY PLAN"]).join("\n");
    });
    expect(plan).toMatch(/Index Scan using "Embedding_hnsw_hashgram_v2"/);
  });

  it("has no neighbours for a product without a vector of the model", async () => {
    const m = await createTestMerchant(db);
    const { rows } = await db.pool.query<{ id: string }>(
      `INSERT INTO "Product" (id, "merchantId", sku, title, description, "contentHash", "updatedAt")
       VALUES (gen_random_uuid(), $1, 'no-vector', 'No vector', '', 'h', now()) RETURNING id`,
      [m.id],
    );
    expect(await nearestProducts(db.pool, model, { productId: rows[0]!.id, k: 5 })).toEqual([]);
  });
});
