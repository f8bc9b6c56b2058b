import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { parseJsonlCatalog, validateProductRow } from "@truecopy/core";
import { createCatalogImporter } from "./catalog-importer.js";
import { createTestMerchant, openTestDatabase } from "./testing.js";
import type { TDatabase } from "./client.js";

// Malformed uploads mixed with good rows, against the real database: every good row lands exactly,
// every bad one is reported by line and field, and nothing of a bad row is written.

let db: TDatabase;
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(async () => db?.close());

const actor = { actorId: null, actorKind: "system" as const, requestId: null };

const nasty = fc.oneof(
  fc.string({ unit: "binary", maxLength: 20 }),
  fc.constantFrom(
    "\u0000",
    "\uD800",
    "\uFFFD",
    "<script>alert(1)</script>",
    '\'; DROP TABLE "Product"; --',
    "全角＊",
    "",
  ),
);
const goodRow = (i: number) =>
  fc.record({
    sku: fc.constant(`sku-${i}`),
    title: fc
      .string({ unit: "grapheme", minLength: 1, maxLength: 20 })
      .map((s) => `t ${s.replace(/[\u0000-\u001F\u007F\uFFFD]/g, "")}`),
    price: fc.option(fc.integer({ min: 0, max: 1e6 }), { nil: undefined }),
  });
const badRow = fc.oneof(
  fc.record({ sku: nasty, title: nasty }),
  fc.record({ sku: fc.constant("s"), title: fc.constant("t"), price: fc.constantFrom(-1, 1e15, "abc") }),
  fc.record({ sku: fc.constant("s"), title: fc.constant("t"), reviews: fc.constant([{ text: "", rating: 9 }]) }),
  fc.jsonValue(),
);
const line = (i: number) =>
  fc.oneof(
    goodRow(i).map((r) => JSON.stringify(r)),
    badRow.map((r) => JSON.stringify(r)),
    nasty.map((s) => `{${s}`), // broken JSON
  );

describe("catalog import under malformed input", () => {
  it("writes exactly the valid rows and names every invalid one", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 12 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => line(i)))),
        async (lines) => {
          const m = await createTestMerchant(db);
          const importer = createCatalogImporter(db.pool, {
            actor,
            source: "fuzz",
            defaultMerchantId: m.id,
            batchSize: 3,
          });
          const expected = new Map<string, string>();
          const invalidRows = new Set<number>();
          const seen = new Set<string>();
          for (const r of parseJsonlCatalog(lines.join("\n"))) {
            const v = r.error ? null : validateProductRow(r.raw, r.row);
            if (v?.ok && !seen.has(v.value.sku)) expected.set(v.value.sku, v.value.title);
            else invalidRows.add(r.row);
            if (v?.ok) seen.add(v.value.sku);
            await importer.add(r.raw, r.row, r.error);
          }
          const totals = await importer.finish();

          expect(totals.invalid).toBe(invalidRows.size);
          expect(new Set(totals.errors.map((e) => e.row))).toEqual(invalidRows);
          for (const e of totals.errors) expect(e.field.length * e.message.length).toBeGreaterThan(0);
          const { rows } = await db.pool.query<{ sku: string; title: string }>(
            `SELECT sku, title FROM "Product" WHERE "merchantId" = $1 ORDER BY sku`,
            [m.id],
          );
          expect(new Map(rows.map((p) => [p.sku, p.title]))).toEqual(expected);
        },
      ),
      { numRuns: 40 },
    );
  });
});
