import { describe, expect, it } from "vitest";
import { validateProductRow } from "@truecopy/core";
import {
  DEMO_CATALOG_SIZE,
  demoCatalog,
  demoCatalogLabels,
  demoCategories,
  demoMerchants,
  generateCatalog,
  scaledCatalog,
} from "./demo-catalog.js";

const rows = demoCatalog();
const labels = demoCatalogLabels();
const bySku = new Map(rows.map((r) => [r.sku, r]));

describe("demoCatalog", () => {
  it("has at least 200 products in both locales, each at 40 % or more", () => {
    expect(rows.length).toBeGreaterThanOrEqual(200);
    expect(rows.length).toBe(DEMO_CATALOG_SIZE);
    const zh = rows.filter((r) => r.locale === "zh-CN");
    const en = rows.filter((r) => r.locale === "en-US");
    expect(zh.length + en.length).toBe(rows.length);
    expect(zh.length / rows.length).toBeGreaterThanOrEqual(0.4);
    expect(en.length / rows.length).toBeGreaterThanOrEqual(0.4);
    expect(zh.every((r) => r.currency === "CNY")).toBe(true);
    expect(en.every((r) => r.currency === "USD")).toBe(true);
  });

  it("passes the import validation row by row", () => {
    const failures = rows.map((r, i) => validateProductRow(r, i + 1)).filter((res) => !res.ok);
    expect(failures).toEqual([]);
  });

  it("keeps SKUs unique per merchant and uses only the demo merchants", () => {
    const merchants = new Set(demoMerchants().map((m) => m.slug));
    const keys = rows.map((r) => `${r.merchant}/${r.sku}`);
    expect(new Set(keys).size).toBe(rows.length);
    expect(rows.every((r) => r.merchant !== undefined && merchants.has(r.merchant))).toBe(true);
    for (const slug of merchants) expect(rows.filter((r) => r.merchant === slug).length).toBeGreaterThan(40);
  });

  it("is deterministic", () => {
    expect(demoCatalog()).toEqual(rows);
    expect(demoCatalogLabels()).toEqual(labels);
  });

  it("gives every product of a category the category's key attributes", () => {
    const categories = demoCategories();
    expect(categories.length).toBeGreaterThanOrEqual(12);
    for (const category of categories) {
      const members = rows.filter((r) => r.category === category.slug);
      expect(members.length, category.slug).toBeGreaterThanOrEqual(10);
      for (const r of members) {
        const keys = category.keyAttributes[r.locale as "zh-CN" | "en-US"];
        const missing = keys.filter((k) => r.attributes?.[k] === undefined || r.attributes[k] === "");
        expect(missing, `${r.sku} lacks ${missing.join(", ")}`).toEqual([]);
      }
    }
  });

  it("has reviews on most products, with ratings across the scale and text", () => {
    const reviewed = rows.filter((r) => (r.reviews?.length ?? 0) > 0);
    expect(reviewed.length / rows.length).toBeGreaterThan(0.8);
    expect(rows.every((r) => (r.reviews?.length ?? 0) <= 8)).toBe(true);
    const ratings = new Set(rows.flatMap((r) => r.reviews ?? []).map((v) => v.rating));
    expect([...ratings].sort()).toEqual([1, 2, 3, 4, 5]);
  });

  it("writes 2-6 sentence descriptions and relative image paths", () => {
    for (const r of rows) {
      const d = r.description ?? "";
      const sentences =
        r.locale === "zh-CN"
          ? d.split(/[。！]/).filter((s) => s.trim())
          : d.split(/(?<=[.!])\s+/).filter((s) => s.trim());
      expect(sentences.length, r.sku).toBeGreaterThanOrEqual(2);
      expect(sentences.length, r.sku).toBeLessThanOrEqual(6);
      expect(r.images?.[0]).toBe(`demo/images/${r.sku}.jpg`);
    }
  });
});

describe("demoCatalogLabels", () => {
  const issues = Object.entries(labels).flatMap(([sku, list]) => list.map((issue) => ({ sku, issue })));
  const compliance = Object.entries(labels).filter(([, list]) => list.some((i) => i.kind !== "near-duplicate"));
  const copies = issues.filter((x) => x.issue.kind === "near-duplicate");

  it("labels about 15 % of products with compliance or grounding problems and 10 % as copies", () => {
    expect(compliance.length / rows.length).toBeGreaterThan(0.12);
    expect(compliance.length / rows.length).toBeLessThan(0.18);
    expect(copies.length / rows.length).toBeGreaterThan(0.08);
    expect(copies.length / rows.length).toBeLessThan(0.12);
    const kinds = new Set(issues.map((x) => x.issue.kind));
    expect([...kinds].sort()).toEqual([
      "absolute",
      "contradiction",
      "guarantee",
      "medical",
      "near-duplicate",
      "urgency",
    ]);
  });

  it("only labels SKUs that exist, and the labelled phrases and claims are in the description", () => {
    for (const { sku, issue } of issues) {
      const row = bySku.get(sku);
      expect(row, sku).toBeDefined();
      if (issue.kind === "near-duplicate") continue;
      expect(row?.description).toContain(issue.sentence);
      if (issue.kind === "contradiction") {
        const attribute = row?.attributes?.[issue.attribute];
        expect(attribute, `${sku} ${issue.attribute}`).toBeDefined();
        expect(String(attribute)).toContain(issue.expected);
        expect(String(attribute)).not.toBe(issue.claimed);
        // capability claims ("supports ANC") state the feature, not the attribute's yes/no value
        if (!["true", "支持", "有", "是"].includes(issue.claimed)) expect(issue.sentence).toContain(issue.claimed);
      } else {
        for (const phrase of issue.phrases) expect(issue.sentence).toContain(phrase);
      }
    }
  });

  it("makes copies that share most of their words with the original, sometimes across merchants", () => {
    const words = (s: string, zh: boolean): Set<string> => {
      if (!zh) return new Set(s.toLowerCase().split(/\W+/).filter(Boolean));
      const chars = [...s];
      return new Set(chars.slice(1).map((c, i) => `${chars[i]}${c}`));
    };
    let cross = 0;
    for (const { sku, issue } of copies) {
      if (issue.kind !== "near-duplicate") continue;
      const copy = bySku.get(sku);
      const original = bySku.get(issue.of);
      expect(original?.category).toBe(copy?.category);
      expect(original?.merchant).toBe(issue.ofMerchant);
      expect(copy?.description).not.toBe(original?.description);
      const zh = copy?.locale === "zh-CN";
      const a = words(copy?.description ?? "", zh);
      const b = words(original?.description ?? "", zh);
      const shared = [...a].filter((w) => b.has(w)).length;
      expect(shared / Math.max(a.size, b.size), sku).toBeGreaterThan(0.6);
      if (issue.crossMerchant) cross++;
      // the label describes the copy, not the original: the original is written clean
      expect(labels[issue.of]).toBeUndefined();
    }
    expect(cross).toBeGreaterThan(0);
  });

  it("keeps labels out of the products themselves", () => {
    for (const r of rows) expect(JSON.stringify(r)).not.toMatch(/near-duplicate|contradiction|seeded/i);
  });
});

describe("scaledCatalog", () => {
  it("produces n valid rows with unique SKUs that do not collide with the demo catalog", () => {
    const scaled = scaledCatalog(1_500, 7);
    expect(scaled).toHaveLength(1_500);
    const keys = new Set(scaled.map((r) => `${r.merchant}/${r.sku}`));
    expect(keys.size).toBe(1_500);
    const demoKeys = new Set(rows.map((r) => `${r.merchant}/${r.sku}`));
    expect([...keys].some((k) => demoKeys.has(k))).toBe(false);
    expect(scaled.every((r, i) => validateProductRow(r, i + 1).ok)).toBe(true);
  });

  it("is deterministic per seed, differs between seeds, and handles zero", () => {
    expect(scaledCatalog(50, 3)).toEqual(scaledCatalog(50, 3));
    expect(scaledCatalog(50, 3)).not.toEqual(scaledCatalog(50, 4));
    expect(scaledCatalog(0)).toEqual([]);
    expect(() => scaledCatalog(-1)).toThrow(RangeError);
  });

  it("builds 20k rows quickly enough for the ingest benchmark", () => {
    const started = performance.now();
    const { rows: big } = generateCatalog({ count: 20_000, seed: 11, skuTag: "B-" });
    expect(big).toHaveLength(20_000);
    expect(new Set(big.map((r) => `${r.merchant}/${r.sku}`)).size).toBe(20_000);
    expect(performance.now() - started).toBeLessThan(15_000);
  });
});
