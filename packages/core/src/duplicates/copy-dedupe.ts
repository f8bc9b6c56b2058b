import {
  compareCopySignatures,
  copySignature,
  hammingDistance,
  LSH_BANDS,
  MINHASH_PERMUTATIONS,
  SIMHASH_MAX_DISTANCE,
  type TCopyMatch,
} from "./copy-signature.js";
import { clusterMethod, clusterScore, UnionFind, type TDuplicateMethod } from "./clusters.js";

// Copy reuse over a whole batch of texts in memory (the `truecopy dedupe` CLI and the benchmark).
// Each text keeps only its signature in flat typed arrays (~270 bytes a text, so a million texts
// fit in a few hundred MB). Candidate pairs come from sorting each LSH band's keys (and each SimHash
// block): texts with equal keys are adjacent. A pair equal in an earlier band was already seen
// there, so every candidate pair is verified once. The database path (packages/db) keeps the same
// signatures in GIN-indexed arrays and checks one product at a time instead.

export type TCopyDedupeStats = {
  texts: number;
  /** n(n − 1) / 2: what comparing every pair would cost. */
  allPairs: number;
  /** Distinct pairs sharing a SimHash block. */
  simhashCandidates: number;
  /** Distinct pairs sharing an LSH band (not already within SimHash distance). */
  lshCandidates: number;
  /** Candidate pairs confirmed as copies. */
  pairs: number;
  /** Buckets with more members than `maxBucket`: linked as a chain instead of every pair. */
  largeBuckets: number;
};

export type TCopyCluster = {
  /** Indexes of the texts (in the order they were added); the first is the earliest. */
  members: number[];
  canonical: number;
  method: TDuplicateMethod;
  score: number;
};

const BLOCKS = 4;
const MAX_BUCKET_DEFAULT = 64;

function grow<T extends Uint32Array | Uint8Array | Int32Array | Float32Array>(a: T, need: number): T {
  if (need <= a.length) return a;
  const next = new (a.constructor as new (n: number) => T)(Math.max(need, Math.ceil(a.length * 1.5)));
  next.set(a);
  return next;
}

export class CopyDedupeBatch {
  private n = 0;
  private simHi = new Uint32Array(1024);
  private simLo = new Uint32Array(1024);
  private shingles = new Int32Array(1024);
  private minhash = new Uint8Array(1024 * MINHASH_PERMUTATIONS);
  private bands = new Uint32Array(1024 * LSH_BANDS);
  // Verified pairs.
  private pa = new Int32Array(1024);
  private pb = new Int32Array(1024);
  private ps = new Float32Array(1024);
  private pm = new Uint8Array(1024);
  private pairCount = 0;
  private readonly maxBucket: number;
  private stats: TCopyDedupeStats | null = null;

  constructor(o: { maxBucket?: number } = {}) {
    this.maxBucket = Math.max(2, o.maxBucket ?? MAX_BUCKET_DEFAULT);
  }

  get size(): number {
    return this.n;
  }

  /** Adds a text; returns its index. */
  add(text: string): number {
    const sig = copySignature(text);
    const i = this.n++;
    this.simHi = grow(this.simHi, this.n);
    this.simLo = grow(this.simLo, this.n);
    this.shingles = grow(this.shingles, this.n);
    this.minhash = grow(this.minhash, this.n * MINHASH_PERMUTATIONS);
    this.bands = grow(this.bands, this.n * LSH_BANDS);
    this.simHi[i] = sig.simhash.hi;
    this.simLo[i] = sig.simhash.lo;
    this.shingles[i] = sig.shingles;
    this.minhash.set(sig.minhash, i * MINHASH_PERMUTATIONS);
    for (let b = 0; b < LSH_BANDS; b++) this.bands[i * LSH_BANDS + b] = sig.bandKeys[b]! % 0x1_0000_0000;
    this.stats = null;
    return i;
  }

  private view(i: number) {
    return {
      shingles: this.shingles[i]!,
      simhash: { hi: this.simHi[i]!, lo: this.simLo[i]! },
      minhash: this.minhash.subarray(i * MINHASH_PERMUTATIONS, (i + 1) * MINHASH_PERMUTATIONS),
    };
  }

  private block(i: number, k: number): number {
    return k === 0
      ? this.simHi[i]! >>> 16
      : k === 1
        ? this.simHi[i]! & 0xffff
        : k === 2
          ? this.simLo[i]! >>> 16
          : this.simLo[i]! & 0xffff;
  }

  /**
   * Visits the pairs of texts whose key (of `k`) is equal, each pair once across all keys
   * (`seenEarlier` tells whether an earlier key already put them together).
   */
  private sweep(
    keyCount: number,
    keyOf: (i: number, k: number) => number,
    seenEarlier: (i: number, j: number, k: number) => boolean,
    visit: (i: number, j: number) => void,
  ): number {
    const n = this.n;
    const docBits = Math.max(1, Math.ceil(Math.log2(n + 1)));
    const keyBits = Math.min(32, 53 - docBits);
    const keyShift = 32 - keyBits;
    const docMul = 2 ** docBits;
    const packed = new Float64Array(n);
    let large = 0;
    for (let k = 0; k < keyCount; k++) {
      for (let i = 0; i < n; i++) packed[i] = (keyOf(i, k) >>> keyShift) * docMul + i;
      packed.sort();
      for (let s = 0; s < n;) {
        const key = Math.floor(packed[s]! / docMul);
        let e = s + 1;
        while (e < n && Math.floor(packed[e]! / docMul) === key) e++;
        const m = e - s;
        if (m >= 2) {
          const at = (x: number) => packed[x]! % docMul;
          if (m <= this.maxBucket) {
            for (let x = s; x < e; x++)
              for (let y = x + 1; y < e; y++) {
                const i = at(x);
                const j = at(y);
                if (!seenEarlier(i, j, k)) visit(i, j);
              }
          } else {
            // A huge bucket is mostly one text repeated: a chain keeps its members connected.
            large++;
            for (let x = s + 1; x < e; x++) {
              const i = at(x - 1);
              const j = at(x);
              if (!seenEarlier(i, j, k)) visit(i, j);
            }
          }
        }
        s = e;
      }
    }
    return large;
  }

  private record(i: number, j: number, m: TCopyMatch) {
    const c = this.pairCount++;
    this.pa = grow(this.pa, this.pairCount);
    this.pb = grow(this.pb, this.pairCount);
    this.ps = grow(this.ps, this.pairCount);
    this.pm = grow(this.pm, this.pairCount);
    this.pa[c] = Math.min(i, j);
    this.pb[c] = Math.max(i, j);
    this.ps[c] = m.score;
    this.pm[c] = m.method === "SIMHASH" ? 0 : 1;
  }

  /** Finds every copied pair among the texts added so far. */
  findPairs(): TCopyDedupeStats {
    if (this.stats) return this.stats;
    this.pairCount = 0;
    let simhashCandidates = 0;
    let lshCandidates = 0;
    let large = this.sweep(
      BLOCKS,
      (i, k) => this.block(i, k),
      (i, j, k) => {
        for (let q = 0; q < k; q++) if (this.block(i, q) === this.block(j, q)) return true;
        return false;
      },
      (i, j) => {
        simhashCandidates++;
        // Most block collisions are chance: the Hamming distance alone rules them out.
        const d = hammingDistance(
          { hi: this.simHi[i]!, lo: this.simLo[i]! },
          { hi: this.simHi[j]!, lo: this.simLo[j]! },
        );
        if (d > SIMHASH_MAX_DISTANCE) return;
        const m = compareCopySignatures(this.view(i), this.view(j));
        if (m?.method === "SIMHASH") this.record(i, j, m);
      },
    );
    const bands = this.bands;
    large += this.sweep(
      LSH_BANDS,
      (i, b) => bands[i * LSH_BANDS + b]!,
      (i, j, b) => {
        for (let q = 0; q < b; q++) if (bands[i * LSH_BANDS + q] === bands[j * LSH_BANDS + q]) return true;
        return false;
      },
      (i, j) => {
        lshCandidates++;
        const m = compareCopySignatures(this.view(i), this.view(j));
        // Near-identical pairs share a SimHash block and were recorded by the first sweep.
        if (m?.method === "MINHASH") this.record(i, j, m);
      },
    );
    this.stats = {
      texts: this.n,
      allPairs: (this.n * (this.n - 1)) / 2,
      simhashCandidates,
      lshCandidates,
      pairs: this.pairCount,
      largeBuckets: large,
    };
    return this.stats;
  }

  /** The copied pairs as (a < b, score, method). */
  *pairs(): Generator<{ a: number; b: number; score: number; method: "SIMHASH" | "MINHASH" }> {
    this.findPairs();
    for (let c = 0; c < this.pairCount; c++)
      yield { a: this.pa[c]!, b: this.pb[c]!, score: this.ps[c]!, method: this.pm[c] === 0 ? "SIMHASH" : "MINHASH" };
  }

  /** Clusters (connected components of the copied pairs), canonical = the earliest text. */
  clusters(): TCopyCluster[] {
    this.findPairs();
    const uf = new UnionFind(this.n);
    for (let c = 0; c < this.pairCount; c++) uf.union(this.pa[c]!, this.pb[c]!);
    const members = new Map<number, number[]>();
    const edges = new Map<number, { score: number; method: TDuplicateMethod }[]>();
    for (let c = 0; c < this.pairCount; c++) {
      const r = uf.find(this.pa[c]!);
      let list = edges.get(r);
      if (!list) edges.set(r, (list = []));
      list.push({ score: this.ps[c]!, method: this.pm[c] === 0 ? "SIMHASH" : "MINHASH" });
    }
    for (const r of edges.keys()) members.set(r, []);
    for (let i = 0; i < this.n; i++) members.get(uf.find(i))?.push(i);
    const out: TCopyCluster[] = [];
    for (const [r, list] of members) {
      const e = edges.get(r)!;
      out.push({ members: list, canonical: list[0]!, method: clusterMethod(e), score: clusterScore(e) });
    }
    return out.sort((x, y) => x.canonical - y.canonical);
  }
}
