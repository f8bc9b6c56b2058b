import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { parseCsvCatalog, parseJsonlCatalog, parseJsonlLine } from "./csv.js";
import { productContentHash, validateProductRow } from "./validate.js";

// Property-based tests: whatever bytes a merchant uploads, parsing and validation return either
// a value or errors that name the row and the field, and never throw.

const RUNS = { numRuns: 2_000 };

const expectClearErrors = (errors: { row: number; field: string; message: string }[], row: number) => {
  expect(errors.length).toBeGreaterThan(0);
  for (const e of errors) {
    expect(e.row).toBe(row);
    expect(e.field.length).toBeGreaterThan(0);
    expect(e.message.length).toBeGreaterThan(0);
  }
};

// Text a merchant might send: any Unicode, including what the database refuses (NUL, lone surrogates).
const anyText = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ maxLength: 40 }),
);

const productLike = fc.record(
  {
    sku: fc.oneof(anyText, fc.integer(), fc.constant(null)),
    title: fc.oneof(anyText, fc.constant(""), fc.boolean()),
    description: anyText,
    price: fc.oneof(fc.double(), fc.string({ maxLength: 8 }), fc.constant(-1)),
    currency: fc.oneof(fc.constantFrom("CNY", "USD", "usd", "€", ""), anyText),
    attributes: fc.oneof(
      fc.dictionary(anyText, fc.oneof(anyText, fc.integer(), fc.boolean(), fc.array(anyText, { maxLength: 3 }))),
      fc.array(fc.integer()),
      anyText,
    ),
    reviews: fc.oneof(
      fc.array(fc.record({ text: anyText, rating: fc.oneof(fc.integer({ min: -2, max: 8 }), fc.double()) })),
      anyText,
    ),
    images: fc.oneof(fc.array(anyText, { maxLength: 3 }), fc.integer()),
    surprise: anyText,
  },
  { requiredKeys: [] },
);

describe("catalog parsing and validation under arbitrary input", () => {
  it("validates any JSON value into a product or row-and-field errors", () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), productLike), fc.integer({ min: 1, max: 1e6 }), (raw, row) => {
        const r = validateProductRow(raw, row);
        if (r.ok) {
          expect(typeof r.value.sku).toBe("string");
          expect(r.value.sku.length).toBeGreaterThan(0);
          expect(productContentHash(r.value)).toMatch(/^[0-9a-f]{64}$/);
        } else {
          expectClearErrors(r.errors, row);
        }
      }),
      RUNS,
    );
  });

  it("reads any JSONL document line by line, numbering rows by line", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            anyText,
            fc.jsonValue().map((v) => JSON.stringify(v)),
          ),
          { maxLength: 20 },
        ),
        (lines) => {
          const doc = lines.join("\n");
          const rows = parseJsonlCatalog(doc);
          const lineCount = doc.split(/\r?\n/).length;
          let last = 0;
          for (const r of rows) {
            expect(r.row).toBeGreaterThan(last);
            expect(r.row).toBeLessThanOrEqual(lineCount);
            last = r.row;
            if (r.error) {
              expect(r.error.field).toBe("(json)");
              expect(r.error.message).toMatch(/not valid JSON/);
            }
          }
        },
      ),
      RUNS,
    );
  });

  it("reports a malformed JSON line with its line number", () => {
    fc.assert(
      fc.property(
        anyText.filter((s) => {
          try {
            JSON.parse(s.trim());
            return false;
          } catch {
            return s.replace(/^\uFEFF/, "").trim() !== "";
          }
        }),
        fc.integer({ min: 1, max: 1e6 }),
        (line, n) => {
          const r = parseJsonlLine(line, n);
          expect(r).toMatchObject({ row: n, raw: null, error: { field: "(json)" } });
        },
      ),
      RUNS,
    );
  });

  it("parses any CSV document into rows or one error naming the malformed record", () => {
    fc.assert(
      fc.property(fc.array(anyText, { maxLength: 6 }), (cells) => {
        const doc = `sku,title\n${cells.join(",")}`;
        const rows = parseCsvCatalog(doc);
        for (const r of rows) {
          expect(r.row).toBeGreaterThanOrEqual(0);
          if (r.error) expect(r.error.message.length).toBeGreaterThan(0);
          else expect(r.raw).toBeTypeOf("object");
        }
      }),
      RUNS,
    );
  });

  it("round-trips well-formed products through CSV quoting, whatever their text", () => {
    // Text without control characters or lone surrogates: what a valid product may hold.
    const cleanText = fc
      .string({ unit: "grapheme", minLength: 1, maxLength: 30 })
      .map((s) => s.replace(/[\u0000-\u001F\u007F\uFFFD]/g, "x"))
      .filter((s) => s.trim().length > 0);
    const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.record({ sku: cleanText, title: cleanText, description: cleanText }), {
          minLength: 1,
          maxLength: 8,
          selector: (p) => p.sku,
        }),
        (products) => {
          const doc = [
            "sku,title,description",
            ...products.map((p) => [p.sku, p.title, p.description].map(quote).join(",")),
          ].join("\r\n");
          const rows = parseCsvCatalog(doc);
          expect(rows.map((r) => r.raw)).toEqual(products);
          rows.forEach((r, i) => {
            const v = validateProductRow(r.raw, r.row);
            // The sku is trimmed on import; everything else is kept exactly.
            if (v.ok) expect(v.value).toMatchObject({ ...products[i]!, sku: products[i]!.sku.trim() });
            else expectClearErrors(v.errors, r.row); // e.g. a sku longer than the limit after graphemes
          });
        },
      ),
      { numRuns: 500 },
    );
  });

  it("hashes the same product the same whatever the order of its keys", () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), fc.string({ maxLength: 8 })),
        (attributes) => {
          const a = validateProductRow({ sku: "s", title: "t", attributes }, 1);
          const reversed = Object.fromEntries(Object.entries(attributes).reverse());
          const b = validateProductRow({ attributes: reversed, title: "t", sku: "s" }, 1);
          if (a.ok && b.ok) expect(productContentHash(a.value)).toBe(productContentHash(b.value));
          else expect(a.ok).toBe(b.ok);
        },
      ),
      RUNS,
    );
  });
});
