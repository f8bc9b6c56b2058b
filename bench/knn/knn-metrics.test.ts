import { describe, expect, it } from "vitest";
import { quantile } from "../lib/stats.mjs";
import { COPY_HEADER, embeddingTuple, recallAt } from "./knn-metrics.mjs";
import { benchTexts } from "./product-texts.mjs";

const rows = (...pairs: [string, number][]) => pairs.map(([id, dist]) => ({ id, dist }));

describe("recallAt", () => {
  const exact = rows(["a", 0.1], ["b", 0.2], ["c", 0.3], ["d", 0.4]);

  it("is the share of the exact rows that were returned", () => {
    expect(recallAt(rows(["a", 0.1], ["b", 0.2], ["c", 0.3], ["d", 0.4]), exact)).toBe(1);
    expect(recallAt(rows(["a", 0.1], ["c", 0.3], ["x", 0.5], ["y", 0.6]), exact)).toBe(0.5);
  });

  it("counts missing rows as misses (a filtered scan that came back short)", () => {
    expect(recallAt(rows(["a", 0.1]), exact)).toBe(0.25);
    expect(recallAt([], exact)).toBe(0);
  });

  it("counts a different row at the same distance as the last exact one (a tie) as a hit", () => {
    expect(recallAt(rows(["a", 0.1], ["b", 0.2], ["c", 0.3], ["twin-of-d", 0.4]), exact)).toBe(1);
    expect(recallAt(rows(["a", 0.1], ["b", 0.2], ["c", 0.3], ["e", 0.41]), exact)).toBe(0.75);
  });

  it("never exceeds 1", () => {
    expect(recallAt(rows(["a", 0.1], ["b", 0.2], ["c", 0.3], ["d", 0.4], ["d2", 0.4]), exact)).toBe(1);
  });
});

describe("quantile", () => {
  it("interpolates between the sorted values", () => {
    expect(quantile([4, 1, 3, 2], 0.5)).toBe(2.5);
    expect(quantile([5, 1, 9], 0.95)).toBeCloseTo(8.6);
    expect(quantile([], 0.5)).toBeNaN();
  });
});

describe("embeddingTuple (COPY binary)", () => {
  it("writes six length-prefixed fields and the vector as pgvector's binary form", () => {
    const id = "00000000-0000-4000-8000-000000000001";
    const ownerId = "00000000-0000-4000-8000-0000000000ff";
    const b = embeddingTuple({ id, ownerKind: "PRODUCT", ownerId, model: "m-1", vector: [1, -0.5] });
    expect(b.readInt16BE(0)).toBe(6);
    let o = 2;
    const fields: Buffer[] = [];
    for (let f = 0; f < 6; f++) {
      const len = b.readInt32BE(o);
      fields.push(b.subarray(o + 4, o + 4 + len));
      o += 4 + len;
    }
    expect(o).toBe(b.length);
    expect(fields[0]!.toString("hex")).toBe(id.replaceAll("-", ""));
    expect(fields[1]!.toString()).toBe("PRODUCT");
    expect(fields[2]!.toString("hex")).toBe(ownerId.replaceAll("-", ""));
    expect(fields[3]!.toString()).toBe("m-1");
    expect(fields[4]!.readInt32BE(0)).toBe(2);
    const v = fields[5]!;
    expect([v.readInt16BE(0), v.readInt16BE(2), v.readFloatBE(4), v.readFloatBE(8)]).toEqual([2, 0, 1, -0.5]);
    expect(COPY_HEADER.subarray(0, 11).toString("latin1")).toBe("PGCOPY\n\xff\r\n\0");
    expect(COPY_HEADER).toHaveLength(19);
  });
});

describe("benchTexts", () => {
  it("gives distinct zh and en products and held-out queries that are not products", () => {
    const { products, queries } = benchTexts({ count: 2000, queries: 40, seed: 3 });
    const texts = new Set(products.map((p) => p.text));
    expect(texts.size).toBe(2000);
    expect(queries).toHaveLength(40);
    expect(queries.some((q) => texts.has(q))).toBe(false);
    expect(products.filter((p) => /[\u4e00-\u9fff]/.test(p.text)).length).toBe(1000);
  });

  it("is deterministic for a seed", () => {
    expect(benchTexts({ count: 50, queries: 4, seed: 9 })).toEqual(benchTexts({ count: 50, queries: 4, seed: 9 }));
  });
});
