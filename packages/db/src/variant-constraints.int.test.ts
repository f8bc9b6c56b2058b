import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { withTransaction, type TDatabase } from "./client.js";
import { createTestMerchant, openTestDatabase } from "./testing.js";

// One live text per slot (product, field, locale), checked by the database at COMMIT.

let db: TDatabase;
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(async () => db?.close());

async function slot() {
  const m = await createTestMerchant(db, "slot");
  const p = await db.pool.query<{ id: string }>(
    `INSERT INTO "Product" (id, "merchantId", sku, title, description, "contentHash", "updatedAt")
     VALUES (gen_random_uuid(), $1, $2, 't', 'd', 'h', now()) RETURNING id`,
    [m.id, `s-${randomUUID().slice(0, 8)}`],
  );
  const variant = async (status: string, origin: string, parent: string | null) =>
    (
      await db.pool.query<{ id: string }>(
        `INSERT INTO "Variant" (id, "productId", field, locale, text, origin, status, "parentVariantId", "updatedAt")
         VALUES (gen_random_uuid(), $1, 'DESCRIPTION', 'zh-CN', 'text', $2::"VariantOrigin", $3::"VariantStatus", $4, now())
         RETURNING id`,
        [p.rows[0]!.id, origin, status, parent],
      )
    ).rows[0]!.id;
  const original = await variant("PUBLISHED", "ORIGINAL", null);
  return { original, edit: await variant("APPROVED", "EDITED", original) };
}

describe("one published variant per slot", () => {
  it("refuses a second live variant at commit", async () => {
    const { edit } = await slot();
    await expect(
      withTransaction(db.pool, (tx) => tx.query(`UPDATE "Variant" SET status = 'PUBLISHED' WHERE id = $1`, [edit])),
    ).rejects.toThrow(/Variant_one_published_per_slot/);
  });

  it("accepts a swap in either order inside one transaction", async () => {
    const { original, edit } = await slot();
    await withTransaction(db.pool, async (tx) => {
      await tx.query(`UPDATE "Variant" SET status = 'PUBLISHED' WHERE id = $1`, [edit]);
      await tx.query(`UPDATE "Variant" SET status = 'ARCHIVED' WHERE id = $1`, [original]);
    });
    const live = await db.pool.query(`SELECT id FROM "Variant" WHERE id = ANY($1::uuid[]) AND status = 'PUBLISHED'`, [
      [original, edit],
    ]);
    expect(live.rows).toEqual([{ id: edit }]);
  });
});
