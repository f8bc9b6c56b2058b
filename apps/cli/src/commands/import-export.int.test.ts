import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TDatabase } from "@truecopy/db";
import { createTestMerchant, openTestDatabase } from "@truecopy/db/testing";
import { exportCommand } from "./export.command.js";
import { importCommand } from "./import.command.js";

let db: TDatabase;
let dir: string;
beforeAll(async () => {
  db = await openTestDatabase();
  dir = await mkdtemp(join(tmpdir(), "truecopy-cli-"));
});
afterAll(async () => db?.close());

const count = async (merchantId: string) =>
  (await db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Product" WHERE "merchantId" = $1`, [merchantId]))
    .rows[0]!.n;

describe("truecopy import", () => {
  it("imports good rows and reports each bad one: malformed CSV values, missing sku, duplicates, wrong types", async () => {
    const m = await createTestMerchant(db, "cli");
    const file = join(dir, "bad.csv");
    await writeFile(
      file,
      [
        "sku,title,description,price,attr:颜色,reviews",
        'A-1,蓝牙耳机,续航30小时,199,黑色,"[{""text"":""音质好"",""rating"":5}]"',
        ",no sku,,1,,",
        "A-1,duplicate,,2,,",
        "A-3,bad price,,abc,,",
        'A-4,bad reviews,,3,,"[{""text"":""x"",""rating"":7}]"',
        "A-5,fine,,5,,",
      ].join("\n"),
    );
    const { totals, exitCode } = await importCommand(db, { file, merchant: m.slug, quiet: true });
    expect(exitCode).toBe(1);
    expect(totals).toMatchObject({ received: 6, created: 2, invalid: 4 });
    expect(totals.errors.map((e) => [e.row, e.field])).toEqual([
      [2, "sku"],
      [3, "sku"],
      [4, "price"],
      [5, "reviews.0.rating"],
    ]);
    expect(await count(m.id)).toBe(2);
  });

  it("reports invalid UTF-8 and broken JSON lines and keeps going", async () => {
    const m = await createTestMerchant(db, "cli");
    const file = join(dir, "bad.jsonl");
    await writeFile(
      file,
      Buffer.concat([
        Buffer.from('{"sku":"J1","title":"ok"}\n{broken\n{"sku":"J2","title":"'),
        Buffer.from([0xff, 0xfe]),
        Buffer.from('"}\n{"sku":"J3","title":"also ok"}\n'),
      ]),
    );
    const { totals } = await importCommand(db, { file, merchant: m.slug, quiet: true });
    expect(totals).toMatchObject({ received: 4, created: 2, invalid: 2 });
    expect(totals.errors).toEqual([
      expect.objectContaining({ row: 2, field: "(json)" }),
      expect.objectContaining({ row: 3, sku: "J2", field: "title", message: expect.stringContaining("invalid UTF-8") }),
    ]);
  });

  it("reports a 10 MB description on its row and writes the rows around it", async () => {
    const m = await createTestMerchant(db, "cli");
    const file = join(dir, "huge.jsonl");
    const huge = JSON.stringify({ sku: "H2", title: "huge", description: "长".repeat(10 * 1024 * 1024) });
    await writeFile(
      file,
      [JSON.stringify({ sku: "H1", title: "before" }), huge, JSON.stringify({ sku: "H3", title: "after" })].join("\n"),
    );
    const { totals } = await importCommand(db, { file, merchant: m.slug, quiet: true });
    expect(totals).toMatchObject({ received: 3, created: 2, invalid: 1 });
    expect(totals.errors).toEqual([
      {
        row: 2,
        sku: "H2",
        field: "description",
        message: `description is ${10 * 1024 * 1024} characters; the limit is 100000`,
      },
    ]);
  });

  it("stops a malformed CSV at the bad record, keeping the rows before it", async () => {
    const m = await createTestMerchant(db, "cli");
    const file = join(dir, "malformed.csv");
    await writeFile(file, 'sku,title\nM1,first\nM2,"unterminated\n');
    const { totals } = await importCommand(db, { file, merchant: m.slug, quiet: true });
    expect(totals.created).toBe(1);
    expect(totals.errors[0]).toMatchObject({ field: "(csv)", message: expect.stringMatching(/^malformed CSV/) });
  });

  it("rejects an unknown merchant before reading", async () => {
    await expect(
      importCommand(db, { file: join(dir, "bad.csv"), merchant: "no-such-merchant", quiet: true }),
    ).rejects.toThrow(/unknown merchant/);
  });
});

describe("truecopy export", () => {
  it("round-trips through import with nothing changed, in JSONL and CSV", async () => {
    const m = await createTestMerchant(db, "cli");
    const src = join(dir, "src.jsonl");
    const rows = [
      {
        sku: "R1",
        title: "智能手表",
        description: "续航14天",
        category: "智能手表",
        locale: "zh-CN",
        price: 599.5,
        currency: "CNY",
        attributes: { 续航: "14天", 防水: true, 尺寸: ["S", "M"] },
        images: ["b.jpg", "a.jpg"],
        reviews: [
          { text: "好", rating: 5 },
          { author: "li", text: "一般" },
        ],
      },
      { sku: "R2", title: 'Pan, 28 cm "pro"', description: "line one\nline two" },
    ];
    await writeFile(src, rows.map((r) => JSON.stringify(r)).join("\n"));
    expect((await importCommand(db, { file: src, merchant: m.slug, quiet: true })).totals.created).toBe(2);
    for (const format of ["jsonl", "csv"] as const) {
      const out = join(dir, `out.${format}`);
      expect(await exportCommand(db, { format, out, merchant: m.slug })).toBe(2);
      const again = await importCommand(db, { file: out, quiet: true });
      expect(again.totals).toMatchObject({ received: 2, created: 0, updated: 0, unchanged: 2, invalid: 0 });
    }
    const exported = (await readFile(join(dir, "out.jsonl"), "utf8"))
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(exported.find((r) => r.sku === "R1")).toMatchObject({
      merchant: m.slug,
      price: 599.5,
      images: ["b.jpg", "a.jpg"],
      attributes: rows[0]!.attributes,
    });
  });
});
