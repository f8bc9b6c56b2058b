import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TDatabase } from "@truecopy/db";
import { createTestMerchant, openTestDatabase } from "@truecopy/db/testing";
import { exportPublishedCommand } from "./export-published.command.js";

let db: TDatabase;
let dir: string;
beforeAll(async () => {
  db = await openTestDatabase();
  dir = await mkdtemp(join(tmpdir(), "truecopy-export-published-"));
});
afterAll(async () => db?.close());

async function productWith(merchantId: string, sku: string, texts: { text: string; status: string; at: string }[]) {
  const { rows } = await db.pool.query<{ id: string }>(
    `INSERT INTO "Product" (id, "merchantId", sku, title, description, attributes, "contentHash", "updatedAt")
     VALUES (gen_random_uuid(), $1, $2, $2, '', '{}', $2, now()) RETURNING id`,
    [merchantId, sku],
  );
  const ids: string[] = [];
  for (const [i, t] of texts.entries()) {
    const v = await db.pool.query<{ id: string }>(
      `INSERT INTO "Variant" (id, "productId", field, locale, text, origin, status, "updatedAt")
       VALUES (gen_random_uuid(), $1, 'DESCRIPTION', $2, $3, 'GENERATED', $4::"VariantStatus", $5::timestamptz) RETURNING id`,
      [rows[0]!.id, `zh-CN-${i}`, t.text, t.status, t.at],
    );
    ids.push(v.rows[0]!.id);
  }
  return { productId: rows[0]!.id, variantIds: ids };
}

describe("truecopy export --published", () => {
  it("writes only live texts of the merchant, oldest first, and `since` keeps what went live at or after it", async () => {
    const m = await createTestMerchant(db, "pub");
    const other = await createTestMerchant(db, "pub-other");
    const a = await productWith(m.id, "P-1", [
      { text: "轻便水杯，容量500ml", status: "PUBLISHED", at: "2026-01-02T00:00:00Z" },
      { text: "还在审核的文案", status: "PENDING_REVIEW", at: "2026-01-03T00:00:00Z" },
    ]);
    const b = await productWith(m.id, "P-2", [
      { text: '=HYPERLINK("x")', status: "PUBLISHED", at: "2026-01-01T00:00:00Z" },
    ]);
    await productWith(other.id, "P-3", [{ text: "别家的文案", status: "PUBLISHED", at: "2026-01-01T00:00:00Z" }]);

    const out = join(dir, "all.jsonl");
    expect(await exportPublishedCommand(db, { format: "jsonl", out, merchant: m.slug })).toBe(2);
    const rows = (await readFile(out, "utf8"))
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, string>);
    expect(rows.map((r) => [r.sku, r.variantId])).toEqual([
      ["P-2", b.variantIds[0]],
      ["P-1", a.variantIds[0]],
    ]);
    expect(rows[1]).toEqual({
      merchant: m.slug,
      sku: "P-1",
      productId: a.productId,
      variantId: a.variantIds[0],
      field: "DESCRIPTION",
      locale: "zh-CN-0",
      origin: "GENERATED",
      text: "轻便水杯，容量500ml",
      publishedAt: "2026-01-02T00:00:00.000Z",
    });

    const later = join(dir, "since.jsonl");
    const since = new Date("2026-01-01T12:00:00Z");
    expect(await exportPublishedCommand(db, { format: "jsonl", out: later, merchant: m.slug, since })).toBe(1);
    expect(JSON.parse((await readFile(later, "utf8")).trim()).sku).toBe("P-1");
  });

  it("writes CSV that spreadsheets read as UTF-8 text, never as formulas", async () => {
    const m = await createTestMerchant(db, "pub-csv");
    await productWith(m.id, "C-1", [
      { text: '=cmd|"/c calc"!A1, 中文', status: "PUBLISHED", at: "2026-02-01T00:00:00Z" },
    ]);
    const out = join(dir, "pub.csv");
    expect(await exportPublishedCommand(db, { format: "csv", out, merchant: m.slug })).toBe(1);
    const [header, line, rest] = (await readFile(out, "utf8")).split("\r\n");
    expect(header).toBe(
      '\uFEFF"merchant","sku","productId","variantId","field","locale","origin","text","publishedAt"',
    );
    expect(line).toContain(`"'=cmd|""/c calc""!A1, 中文"`);
    expect(rest).toBe("");
  });

  it("refuses an unknown merchant by name", async () => {
    await expect(exportPublishedCommand(db, { format: "jsonl", merchant: "no-such-merchant" })).rejects.toThrow(
      'unknown merchant "no-such-merchant"',
    );
  });
});
