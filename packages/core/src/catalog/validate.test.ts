import { describe, expect, it } from "vitest";
import { IMPORT_LIMITS, productContentHash, stableStringify, validateProductRow } from "../index.js";

const base = { sku: "W-1", title: "智能手表 X1", description: "续航14天", attributes: { 续航: "14天" } };

describe("validateProductRow", () => {
  it("accepts a complete row and fills defaults", () => {
    const r = validateProductRow(
      { ...base, price: 199, currency: "CNY", locale: "zh-CN", reviews: [{ text: "很好", rating: 5 }] },
      1,
    );
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.value.images).toEqual([]);
      expect(r.value.reviews[0]!.rating).toBe(5);
    }
  });

  it("names the row and field of a missing sku", () => {
    const r = validateProductRow({ title: "x" }, 7);
    expect(r).toMatchObject({ ok: false, row: 7, errors: [{ row: 7, field: "sku", message: "sku is required" }] });
  });

  it("rejects wrong types with the field path", () => {
    const r = validateProductRow({ ...base, price: "cheap", reviews: [{ text: "ok", rating: 9 }] }, 3);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors.map((e) => e.field).sort()).toEqual(["price", "reviews.0.rating"]);
      expect(r.errors.find((e) => e.field === "price")!.message).toBe("price must be a number");
      expect(r.errors.every((e) => e.sku === "W-1")).toBe(true);
    }
  });

  it("rejects a 10 MB description with its size and the limit", () => {
    const r = validateProductRow({ ...base, description: "a".repeat(10 * 1024 * 1024) }, 2);
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.errors[0]!.message).toBe(
        `description is ${10 * 1024 * 1024} characters; the limit is ${IMPORT_LIMITS.descriptionLength}`,
      );
  });

  it("reports text that was invalid UTF-8", () => {
    const r = validateProductRow({ ...base, title: "bad \uFFFD title" }, 4);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatchObject({ field: "title", message: expect.stringContaining("invalid UTF-8") });
  });

  it("rejects unknown fields, blank skus and skus with spaces", () => {
    const unknown = validateProductRow({ ...base, colour: "red" }, 1);
    expect(unknown.ok || unknown.errors[0]).toMatchObject({ field: "colour", message: "unknown field: colour" });
    const blank = validateProductRow({ ...base, sku: "   " }, 1);
    expect(blank.ok || blank.errors[0]!.message).toBe("sku is empty");
    const spaced = validateProductRow({ ...base, sku: "A B" }, 1);
    expect(spaced.ok || spaced.errors[0]!.message).toBe("sku must not contain whitespace");
  });

  it("trims the sku", () => {
    const r = validateProductRow({ ...base, sku: "  W-1 " }, 1);
    expect(r.ok && r.value.sku).toBe("W-1");
  });
});

describe("content hash", () => {
  it("ignores key order and the merchant column, but not content", () => {
    const a = validateProductRow({ ...base, attributes: { a: "1", b: "2" } }, 1);
    const b = validateProductRow(
      {
        attributes: { b: "2", a: "1" },
        description: base.description,
        title: base.title,
        sku: base.sku,
        merchant: "m",
      },
      1,
    );
    const c = validateProductRow({ ...base, attributes: { a: "1", b: "3" } }, 1);
    if (!a.ok || !b.ok || !c.ok) throw new Error("rows should be valid");
    expect(productContentHash(a.value)).toBe(productContentHash(b.value));
    expect(productContentHash(a.value)).not.toBe(productContentHash(c.value));
  });

  it("stableStringify sorts keys at every depth", () => {
    expect(stableStringify({ b: [{ d: 1, c: 2 }], a: null })).toBe('{"a":null,"b":[{"c":2,"d":1}]}');
  });
});

describe("values the database would refuse", () => {
  // Each of these once passed validation and then aborted its whole batch in PostgreSQL.
  const cases: [string, Record<string, unknown>, string][] = [
    ["NUL in category", { category: "a\u0000b" }, "category"],
    ["NUL in an attribute name", { attributes: { "k\u0000": "v" } }, "attributes.k\u0000"],
    ["NUL in an attribute value", { attributes: { k: ["ok", "v\u0000"] } }, "attributes.k.1"],
    ["NUL in a review author", { reviews: [{ text: "ok", author: "x\u0000" }] }, "reviews.0.author"],
    ["lone surrogate in the title", { title: "bad \ud800 title" }, "title"],
    ["lone surrogate in an image", { images: ["a\udc00.jpg"] }, "images.0"],
    ["price beyond DECIMAL(14,2)", { price: 1e12 }, "price"],
  ];
  it.each(cases)("rejects %s on its row and field", (_name, patch, field) => {
    const r = validateProductRow({ ...base, ...patch }, 9);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.field)).toContain(field);
  });

  it("keeps surrogate pairs (emoji) and CJK", () => {
    expect(validateProductRow({ ...base, title: "手表 ⌚️ 😀", attributes: { 颜色: ["黑色"] } }, 1).ok).toBe(true);
  });
});
