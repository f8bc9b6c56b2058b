import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildAhoCorasick } from "./aho-corasick.js";

describe("Aho–Corasick", () => {
  it("finds every occurrence, overlapping ones included", () => {
    const ac = buildAhoCorasick(["最佳", "佳", "全网最", "he", "she", "hers"]);
    const hits = (t: string) => ac.search(t).map((h) => [h.pattern, h.start, h.end]);
    expect(hits("全网最佳")).toEqual([
      [2, 0, 3],
      [0, 2, 4],
      [1, 3, 4],
    ]);
    expect(hits("ushers")).toEqual([
      [4, 1, 4],
      [3, 2, 4],
      [5, 2, 6],
    ]);
  });

  it("agrees with indexOf for any patterns and text", () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ minLength: 1, maxLength: 3, unit: fc.constantFrom("a", "b", "最", "佳") }), {
          minLength: 1,
          maxLength: 6,
        }),
        fc.string({ maxLength: 30, unit: fc.constantFrom("a", "b", "最", "佳") }),
        (patterns, text) => {
          const got = buildAhoCorasick(patterns)
            .search(text)
            .map((h) => `${h.pattern}@${h.start}`)
            .sort();
          const want: string[] = [];
          patterns.forEach((p, id) => {
            for (let i = text.indexOf(p); i >= 0; i = text.indexOf(p, i + 1)) want.push(`${id}@${i}`);
          });
          expect(got).toEqual(want.sort());
        },
      ),
    );
  });
});

describe("foldText", () => {
  it("keeps the length, lower-cases, folds full-width letters, digits and % but not Chinese punctuation", async () => {
    const { foldText } = await import("./text-fold.js");
    expect(foldText("ＴＨＥ Best １００％，！")).toBe("the best 100%，！");
    // toLowerCase() would make İ two code units; the fold keeps it and lower-cases ASCII only.
    expect(foldText("İstanbul’s")).toBe("İstanbul's");
    for (const t of ["İİİ abc", "ǅ ß Σ", "ＡＢＣ"]) expect(foldText(t).length).toBe(t.length);
  });
});
