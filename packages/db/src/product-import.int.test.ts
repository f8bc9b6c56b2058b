import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { validateProductRow, type TProductRow } from "@truecopy/core";
import { importProductBatch } from "./product-import.repo.js";
import { createCatalogImporter } from "./catalog-importer.js";
import { createTestMerchant, openTestDatabase } from "./testing.js";
import type { TDatabase } from "./client.js";

let db: TDatabase;
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(async () => db?.close());

const actor = { actorId: null, actorKind: "system" as const, requestId: null };
const row = (sku: string, extra: Record<string, unknown> = {}): TProductRow => {
  const r = validateProductRow(
    {
      sku,
      title: `Title ${sku}`,
      description: "desc",
      reviews: [{ text: "good", rating: 5 }],
      images: ["a.jpg"],
      ...extra,
    },
    1,
  );
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
};

async function snapshot(merchantId: string) {
  const { rows } = await db.pool.query(
    `SELECT p.sku, p.title, p."sourceVersion",
       (SELECT count(*)::int FROM "ProductReview" r WHERE r."productId" = p.id) AS reviews,
       (SELECT count(*)::int FROM "ProductImage" i WHERE i."productId" = p.id) AS images,
       (SELECT count(*)::int FROM "Variant" v WHERE v."productId" = p.id AND v.origin = 'ORIGINAL') AS originals
     FROM "Product" p WHERE p."merchantId" = $1 ORDER BY p.sku`,
    [merchantId],
  );
  return rows;
}

describe("importProductBatch", () => {
  it("creates, then skips unchanged rows, then updates changed ones", async () => {
    const m = await createTestMerchant(db);
    const first = await importProductBatch(db.pool, {
      merchantId: m.id,
      rows: [row("a"), row("b")],
      actor,
      jobRunId: null,
      source: "test",
    });
    expect(first).toMatchObject({ created: 2, updated: 0, unchanged: 0 });
    expect(first.jobRunId).toBeTruthy();

    const again = await importProductBatch(db.pool, {
      merchantId: m.id,
      rows: [row("a"), row("b")],
      actor,
      jobRunId: null,
      source: "test",
    });
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 2, jobRunId: null });

    const changed = await importProductBatch(db.pool, {
      merchantId: m.id,
      rows: [row("a", { title: "New A", reviews: [] }), row("b")],
      actor,
      jobRunId: null,
      source: "test",
    });
    expect(changed).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
    expect(await snapshot(m.id)).toEqual([
      { sku: "a", title: "New A", sourceVersion: 2, reviews: 0, images: 1, originals: 2 },
      { sku: "b", title: "Title b", sourceVersion: 1, reviews: 1, images: 1, originals: 2 },
    ]);
    const outbox = await db.pool.query(`SELECT payload FROM "Outbox" WHERE payload->>'jobRunId' = ANY($1::text[])`, [
      [first.jobRunId, changed.jobRunId],
    ]);
    expect(outbox.rows).toHaveLength(2);
  });

  it("keeps the original variant's id when its text changes", async () => {
    const m = await createTestMerchant(db);
    await importProductBatch(db.pool, { merchantId: m.id, rows: [row("v")], actor, jobRunId: null, source: "test" });
    const before = await db.pool.query(
      `SELECT v.id, v.field FROM "Variant" v JOIN "Product" p ON p.id = v."productId" WHERE p."merchantId" = $1 ORDER BY field`,
      [m.id],
    );
    await importProductBatch(db.pool, {
      merchantId: m.id,
      rows: [row("v", { title: "Renamed" })],
      actor,
      jobRunId: null,
      source: "test",
    });
    const after = await db.pool.query(
      `SELECT v.id, v.field, v.text FROM "Variant" v JOIN "Product" p ON p.id = v."productId" WHERE p."merchantId" = $1 ORDER BY field`,
      [m.id],
    );
    expect(after.rows.map((r) => r.id)).toEqual(before.rows.map((r) => r.id));
    expect(after.rows.find((r) => r.field === "TITLE")!.text).toBe("Renamed");
  });

  it("converges when the same import runs 10 times concurrently, in any row order", async () => {
    const m = await createTestMerchant(db);
    const rows = Array.from({ length: 400 }, (_, i) => row(`c${String(i).padStart(3, "0")}`));
    const reversed = [...rows].reverse();
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        importProductBatch(db.pool, {
          merchantId: m.id,
          rows: i % 2 ? reversed : rows,
          actor,
          jobRunId: null,
          source: "test",
        }),
      ),
    );
    // Every call succeeds (no deadlock), and exactly one of them created each product.
    expect(results.reduce((s, r) => s + r.created, 0)).toBe(400);
    expect(results.reduce((s, r) => s + r.updated, 0)).toBe(0);
    const snap = await snapshot(m.id);
    expect(snap).toHaveLength(400);
    expect(snap.every((p) => p.sourceVersion === 1 && p.reviews === 1 && p.images === 1 && p.originals === 2)).toBe(
      true,
    );
  });

  it("refuses a batch larger than an analyze job can take", async () => {
    const m = await createTestMerchant(db);
    const rows = Array.from({ length: 1001 }, (_, i) => row(`big${i}`));
    await expect(
      importProductBatch(db.pool, { merchantId: m.id, rows, actor, jobRunId: null, source: "test" }),
    ).rejects.toThrow(/at most 1000/);
  });
});

describe("createCatalogImporter", () => {
  it("reports invalid rows, duplicate skus and unknown merchants without writing them", async () => {
    const m = await createTestMerchant(db);
    const importer = createCatalogImporter(db.pool, { actor, source: "test", defaultMerchantId: m.id, batchSize: 2 });
    await importer.add({ sku: "ok1", title: "one" }, 1);
    await importer.add({ title: "no sku" }, 2);
    await importer.add({ sku: "ok1", title: "dup" }, 3);
    await importer.add({ sku: "x", title: "t", merchant: "no-such-merchant-zz" }, 4);
    await importer.add(null, 5, { field: "(json)", message: "line is not valid JSON" });
    await importer.add({ sku: "ok2", title: "two", price: -1 }, 6);
    await importer.add({ sku: "ok3", title: "three" }, 7);
    const t = await importer.finish();
    expect(t).toMatchObject({ received: 7, created: 2, invalid: 5 });
    expect(t.errors).toEqual([
      { row: 2, field: "sku", message: "sku is required" },
      { row: 3, sku: "ok1", field: "sku", message: 'sku "ok1" already appears in row 1 of this import' },
      { row: 4, sku: "x", field: "merchant", message: 'unknown merchant "no-such-merchant-zz"' },
      { row: 5, field: "(json)", message: "line is not valid JSON" },
      { row: 6, sku: "ok2", field: "price", message: "price must not be negative" },
    ]);
    expect((await snapshot(m.id)).map((p) => p.sku)).toEqual(["ok1", "ok3"]);
    expect(t.jobRunIds).toHaveLength(1);
    const run = await db.pool.query(`SELECT total, status FROM "JobRun" WHERE id = $1`, [t.jobRunIds[0]]);
    expect(run.rows[0]).toEqual({ total: 2, status: "QUEUED" });
  });

  it("refuses rows of another merchant for a merchant-bound caller", async () => {
    const mine = await createTestMerchant(db);
    const other = await createTestMerchant(db);
    const importer = createCatalogImporter(db.pool, {
      actor,
      source: "test",
      defaultMerchantId: mine.id,
      restrictToMerchantId: mine.id,
    });
    await importer.add({ sku: "p", title: "t", merchant: other.slug }, 1);
    const t = await importer.finish();
    expect(t.errors[0]).toMatchObject({
      field: "merchant",
      message: "you may only import products of your own merchant",
    });
    expect(await snapshot(other.id)).toEqual([]);
  });
});
