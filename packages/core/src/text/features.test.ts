import { describe, expect, it } from "vitest";
import { hashedFeatureIds } from "./features.js";
import { hashString } from "./hash.js";

const BUCKETS = 1 << 16;
const ids = (s: string, maxFeatures?: number) =>
  Array.from(hashedFeatureIds(s, maxFeatures === undefined ? { buckets: BUCKETS } : { buckets: BUCKETS, maxFeatures }));

describe("hashString", () => {
  it("is a fixed function (changing it breaks trained models)", () => {
    // Pinned values: a change here must come with a new feature scheme version and retrained models.
    expect(hashString("")).toBe(hashString("", 0));
    expect([hashString("a"), hashString("手表"), hashString("a", 1)]).toEqual([2507021586, 4086723994, 194382013]);
  });
});

describe("hashedFeatureIds", () => {
  it("gives Han text character 1-, 2- and 3-grams", () => {
    // 4 chars: 4 unigrams + 3 bigrams + 2 trigrams.
    expect(ids("智能手表")).toHaveLength(9);
    expect(ids("表")).toHaveLength(1);
  });

  it("gives Latin words unigram, bigram and char 3..5-grams of <word>", () => {
    // "<cat>" has 3 trigrams, 2 four-grams, 1 five-gram, plus the unigram.
    expect(ids("cat")).toHaveLength(7);
    // second word adds its 7 and one bigram.
    expect(ids("cat dog")).toHaveLength(15);
  });

  it("returns ids in [0, buckets) and is deterministic", () => {
    const text = "Apple Watch Series 9 智能手表 45mm 心率监测 ❤️ wi-fi 5.5mm";
    const a = hashedFeatureIds(text, { buckets: 1000 });
    const b = hashedFeatureIds(text, { buckets: 1000 });
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(a.every((id) => id >= 0 && id < 1000)).toBe(true);
  });

  it("normalises and lower-cases first", () => {
    expect(ids("ＳＭＡＲＴ　Ｗａｔｃｈ")).toEqual(ids("smart watch"));
    expect(ids("智能\u200B手表")).toEqual(ids("智能手表"));
  });

  it("joins a number with a following unit", () => {
    expect(ids("5000 mAh battery")).toEqual(ids("5000mAh battery"));
    expect(ids("5000 apples")).not.toEqual(ids("5000apples"));
  });

  it("keeps hyphenated and decimal tokens whole", () => {
    expect(ids("wi-fi")).not.toEqual(ids("wi fi"));
    expect(ids("5.5")).not.toEqual(ids("5 5"));
  });

  it("treats the same string differently as a word and as a char n-gram", () => {
    // "cat" is both a word and a 3-gram inside "<cats>"; the namespaces keep their ids apart.
    const word = ids("cat")[0];
    const grams = ids("concatenate");
    expect(grams).not.toContain(word);
  });

  it("caps the number of features and stays fast on very long text", () => {
    const long = "这是一段很长的商品描述，包含很多文字。Great product with a very long text. ".repeat(5000);
    const started = performance.now();
    const out = hashedFeatureIds(long, { buckets: BUCKETS });
    expect(performance.now() - started).toBeLessThan(200);
    expect(out).toHaveLength(4096);
    expect(hashedFeatureIds(long, { buckets: BUCKETS, maxFeatures: 10 })).toHaveLength(10);
    expect(Array.from(out.slice(0, 10))).toEqual(ids(long, 10));
  });

  it("returns an empty array for text without letters or digits", () => {
    expect(ids("")).toEqual([]);
    expect(ids(" !!! 😀 ")).toEqual([]);
  });

  it("tolerates invalid UTF-16 (lone surrogates)", () => {
    const out = ids("bad \uD800 surrogate \uDC00 手表");
    expect(out.length).toBeGreaterThan(0);
    expect(out.every((id) => id >= 0 && id < BUCKETS)).toBe(true);
  });

  it("rejects invalid bucket counts", () => {
    expect(() => hashedFeatureIds("x", { buckets: 0 })).toThrow(RangeError);
    expect(() => hashedFeatureIds("x", { buckets: 1.5 })).toThrow(RangeError);
  });
});
