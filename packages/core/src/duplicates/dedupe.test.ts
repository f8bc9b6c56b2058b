import { describe, expect, it } from "vitest";
import { chooseCanonical, connectedComponents, duplicatePairKey } from "./clusters.js";
import { CopyDedupeBatch } from "./copy-dedupe.js";

// Descriptions assembled from a small vocabulary with a seeded generator: unrelated texts share
// words but not runs of words, like a real catalog.
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const WORDS =
  "soft warm light strong steel cotton bottle lamp chair phone case cable charger bag shirt shoe watch desk kettle pan knife brush towel pillow blanket speaker mouse keyboard screen battery portable wireless waterproof durable compact premium classic modern smart quick easy clean fresh natural black white blue red green large small long short".split(
    " ",
  );
function description(r: () => number, words = 40) {
  return Array.from({ length: words }, () => WORDS[Math.floor(r() * WORDS.length)]).join(" ");
}

describe("copy dedupe over a batch", () => {
  it("clusters planted copies with the earliest text as canonical and few candidates", () => {
    const r = rng(7);
    const batch = new CopyDedupeBatch();
    const originals: number[] = [];
    const copies = new Map<number, number>();
    for (let i = 0; i < 2_000; i++) {
      const text = description(r);
      const id = batch.add(text);
      if (i % 100 === 0) originals.push(id);
      if (i % 100 === 0) {
        // Two later copies: one verbatim with other punctuation, one with a word changed.
        const words = text.split(" ");
        words[10] = "unique";
        copies.set(batch.add(`${text.toUpperCase()}!!!`), id);
        copies.set(batch.add(words.join(" ")), id);
      }
    }
    const stats = batch.findPairs();
    const clusters = batch.clusters();
    for (const [copy, original] of copies) {
      const c = clusters.find((x) => x.members.includes(copy));
      expect(c, `copy ${copy} of ${original}`).toBeDefined();
      expect(c!.canonical).toBe(original);
    }
    expect(clusters).toHaveLength(originals.length);
    expect(clusters.every((c) => c.members.length === 3)).toBe(true);
    // The verbatim copy is near-identical (SimHash); the edited one a near copy (MinHash).
    const first = [...batch.pairs()].filter((p) => p.a === originals[0]);
    expect(first.map((p) => p.method).sort()).toEqual(["MINHASH", "SIMHASH"]);
    expect(clusters[0]!.method).toBe("MINHASH");
    // Candidates are a tiny fraction of all pairs.
    expect(stats.simhashCandidates + stats.lshCandidates).toBeLessThan(stats.allPairs / 1000);
    expect(stats.pairs).toBe(copies.size + originals.length);
  });

  it("links an identical text repeated many times without comparing every pair", () => {
    const batch = new CopyDedupeBatch({ maxBucket: 16 });
    const text = description(rng(3));
    for (let i = 0; i < 200; i++) batch.add(text);
    const stats = batch.findPairs();
    expect(stats.largeBuckets).toBeGreaterThan(0);
    expect(stats.pairs).toBeLessThan(1000);
    const clusters = batch.clusters();
    expect(clusters).toHaveLength(1);
    expect(clusters[0]!.members).toHaveLength(200);
    expect(clusters[0]!.score).toBe(1);
  });
});

describe("clusters", () => {
  it("never links a pair marked distinct", () => {
    const edges = [
      { a: "a", b: "b", score: 0.9, method: "MINHASH" as const },
      { a: "b", b: "c", score: 0.8, method: "MINHASH" as const },
      { a: "d", b: "e", score: 1, method: "SIMHASH" as const },
    ];
    expect(connectedComponents(edges).map((c) => c.members)).toEqual([
      ["a", "b", "c"],
      ["d", "e"],
    ]);
    const distinct = new Set([duplicatePairKey("c", "b")]);
    expect(connectedComponents(edges, distinct).map((c) => c.members)).toEqual([
      ["a", "b"],
      ["d", "e"],
    ]);
  });

  it("chooses the earliest copy, the best listing of a product, and keeps a pinned choice", () => {
    const members = [
      { id: "x", seenAt: 3, quality: 90 },
      { id: "y", seenAt: 1, quality: 40 },
      { id: "z", seenAt: 2, quality: 90 },
    ];
    expect(chooseCanonical(members, { kind: "COPY" })).toBe("y");
    expect(chooseCanonical(members, { kind: "PRODUCT" })).toBe("z");
    expect(chooseCanonical(members, { kind: "PRODUCT", pinned: "x" })).toBe("x");
    expect(chooseCanonical(members, { kind: "PRODUCT", pinned: "gone" })).toBe("z");
  });
});
