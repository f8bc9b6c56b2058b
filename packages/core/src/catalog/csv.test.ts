import { describe, expect, it } from "vitest";
import { parseCsvCatalog, parseJsonlCatalog } from "./csv.js";
import { validateProductRow } from "./validate.js";

describe("parseCsvCatalog", () => {
  it("maps columns, attr: columns, images and JSON reviews", () => {
    const csv =
      'sku,title,price,attr:颜色,images,reviews\nA1,手表,199.5,黑色,a.jpg|b.jpg,"[{""text"":""好"",""rating"":5}]"\n';
    const [row] = parseCsvCatalog(csv);
    expect(row).toEqual({
      row: 1,
      raw: {
        sku: "A1",
        title: "手表",
        price: 199.5,
        attributes: { 颜色: "黑色" },
        images: ["a.jpg", "b.jpg"],
        reviews: [{ text: "好", rating: 5 }],
      },
    });
    expect(validateProductRow(row!.raw, row!.row).ok).toBe(true);
  });

  it("reports bad JSON in a cell on its row and column", () => {
    const rows = parseCsvCatalog("sku,title,attributes\nA,t,{oops\nB,t,\n");
    expect(rows[0]).toMatchObject({ row: 1, error: { field: "attributes", message: "attributes must be valid JSON" } });
    expect(rows[1]).toEqual({ row: 2, raw: { sku: "B", title: "t" } });
  });

  it("keeps a non-numeric price so the schema can say why", () => {
    const [row] = parseCsvCatalog("sku,title,price\nA,t,cheap\n");
    const r = validateProductRow(row!.raw, 1);
    expect(r.ok || r.errors[0]!.message).toBe("price must be a number");
  });

  it("turns malformed CSV into one clear error", () => {
    const rows = parseCsvCatalog('sku,title\nA,"unterminated\n');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.error?.message).toMatch(/^malformed CSV/);
  });
});

describe("parseJsonlCatalog", () => {
  it("numbers rows by line and skips blank lines", () => {
    const rows = parseJsonlCatalog('{"sku":"a","title":"t"}\n\n{bad\n');
    expect(rows.map((r) => r.row)).toEqual([1, 3]);
    expect(rows[1]!.error?.field).toBe("(json)");
  });
});
