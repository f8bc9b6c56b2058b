import { fmix32 } from "../text/hash.js";
import { copyUnits, shingleHashes, shingleWidth } from "./copy-units.js";

// Signatures for copy reuse at catalog scale:
// - SimHash (64-bit) over the shingles, weighted by count: near-identical copy lands within a few
//   bits. Its four 16-bit blocks are lookup keys: two fingerprints within Hamming distance 3 share
//   at least one block exactly (pigeonhole), so an exact-match index finds every such pair.
// - MinHash (128 permutations) over the set of shingles estimates Jaccard similarity; LSH banding
//   (32 bands × 4 rows) turns it into lookup keys: a pair with Jaccard 0.5 shares a band with
//   probability 1 − (1 − 0.5⁴)³² ≈ 0.87, at 0.6 ≈ 0.99, at 0.3 ≈ 0.23, at 0.1 ≈ 0.003.
// Only 8 bits of each MinHash value are kept for comparison (b-bit MinHash): 128 bytes a product,
// corrected for the 1/256 chance that two different values agree.
// Changing anything here changes stored signatures: bump COPY_SIGNATURE_SCHEME.

export const COPY_SIGNATURE_SCHEME = 1;
export const MINHASH_PERMUTATIONS = 128;
export const LSH_BANDS = 32;
export const LSH_ROWS = 4;
/** SimHash Hamming distance up to which copy is near-identical. */
export const SIMHASH_MAX_DISTANCE = 3;
/** Estimated shingle Jaccard from which two texts are near copies. */
export const COPY_JACCARD_THRESHOLD = 0.5;
/** Texts with fewer shingles are too short to call copied (a title, "见详情"). */
export const MIN_COPY_SHINGLES = 6;

export type TSimHash = { hi: number; lo: number };

export type TCopySignature = {
  scheme: number;
  /** Distinct shingles (the set MinHash sees). */
  shingles: number;
  simhash: TSimHash;
  /** The SimHash blocks as lookup keys: block index × 65536 + block value. */
  simhashKeys: number[];
  /** 8 bits of each MinHash value. */
  minhash: Uint8Array;
  /** LSH band keys: band index × 2³² + 32-bit hash of the band's rows (exact in a double). */
  bandKeys: number[];
};

// Fixed pseudo-random odd multipliers and offsets: (a·x + b) mod 2³² permutes 32-bit shingle hashes.
const PERM_A = new Uint32Array(MINHASH_PERMUTATIONS);
const PERM_B = new Uint32Array(MINHASH_PERMUTATIONS);
{
  let s = 0x2545f491;
  const next = () => (s = fmix32((s + 0x9e3779b9) | 0));
  for (let i = 0; i < MINHASH_PERMUTATIONS; i++) {
    PERM_A[i] = next() | 1;
    PERM_B[i] = next();
  }
}

/** Distinct values of a hash list. */
function distinct(hashes: Uint32Array): Uint32Array {
  const sorted = Uint32Array.from(hashes).sort();
  let n = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[n++] = sorted[i]!;
  return sorted.subarray(0, n);
}

export function simHash(shingles: Uint32Array): TSimHash {
  const counts = new Int32Array(64);
  for (let i = 0; i < shingles.length; i++) {
    const x = shingles[i]!;
    const lo = fmix32(x ^ 0x5bd1e995);
    const hi = fmix32((x + 0x27d4eb2f) | 0);
    for (let b = 0; b < 32; b++) {
      counts[b]! += (lo >>> b) & 1 ? 1 : -1;
      counts[32 + b]! += (hi >>> b) & 1 ? 1 : -1;
    }
  }
  let lo = 0;
  let hi = 0;
  for (let b = 0; b < 32; b++) {
    if (counts[b]! > 0) lo |= 1 << b;
    if (counts[32 + b]! > 0) hi |= 1 << b;
  }
  return { hi: hi >>> 0, lo: lo >>> 0 };
}

function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

export function hammingDistance(a: TSimHash, b: TSimHash): number {
  return popcount32((a.hi ^ b.hi) >>> 0) + popcount32((a.lo ^ b.lo) >>> 0);
}

export function simHashKeys(h: TSimHash): number[] {
  return [h.hi >>> 16, h.hi & 0xffff, h.lo >>> 16, h.lo & 0xffff].map((v, i) => i * 65536 + v);
}

/** The fingerprint as PostgreSQL's signed bigint. */
export function simHashToBigInt(h: TSimHash): bigint {
  return BigInt.asIntN(64, (BigInt(h.hi) << 32n) | BigInt(h.lo));
}

export function simHashFromBigInt(v: bigint | string | number): TSimHash {
  const u = BigInt.asUintN(64, BigInt(v));
  return { hi: Number(u >> 32n), lo: Number(u & 0xffffffffn) };
}

/** Full 32-bit MinHash values of a shingle set (empty set: all 0xffffffff). */
export function minHash(shingles: Uint32Array): Uint32Array {
  const sig = new Uint32Array(MINHASH_PERMUTATIONS);
  const n = shingles.length;
  // Signed 32-bit arithmetic with the sign bit flipped orders values as unsigned ones would, and
  // stays in small integers (unsigned values above 2³¹ would become heap numbers in the hot loop).
  const xs = new Int32Array(n);
  for (let s = 0; s < n; s++) xs[s] = shingles[s]! | 0;
  for (let i = 0; i < MINHASH_PERMUTATIONS; i++) {
    const a = PERM_A[i]! | 0;
    const b = PERM_B[i]! | 0;
    let min = 0x7fffffff; // 0xffffffff with the sign bit flipped
    for (let s = 0; s < n; s++) {
      const v = ((Math.imul(a, xs[s]!) + b) | 0) ^ 0x80000000;
      if (v < min) min = v;
    }
    sig[i] = (min ^ 0x80000000) >>> 0;
  }
  return sig;
}

/** LSH band keys of a MinHash signature. */
export function bandKeys(sig: Uint32Array): number[] {
  const keys: number[] = [];
  for (let b = 0; b < LSH_BANDS; b++) {
    let h = Math.imul(0x811c9dc5 ^ b, 0x01000193);
    for (let r = 0; r < LSH_ROWS; r++) h = Math.imul(h ^ sig[b * LSH_ROWS + r]!, 0x01000193);
    keys.push(b * 0x1_0000_0000 + fmix32(h));
  }
  return keys;
}

/** 8 mixed bits of each value: the min itself is small, its own high bits are mostly zero. */
export function minHashBytes(sig: Uint32Array): Uint8Array {
  const out = new Uint8Array(sig.length);
  for (let i = 0; i < sig.length; i++) out[i] = fmix32(sig[i]!) & 0xff;
  return out;
}

/** Jaccard estimate from two 8-bit MinHash signatures, corrected for chance agreement. */
export function estimateJaccard(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  if (!n) return 0;
  let same = 0;
  for (let i = 0; i < n; i++) if (a[i] === b[i]) same++;
  const chance = 1 / 256;
  return Math.max(0, (same / n - chance) / (1 - chance));
}

/** The copy signature of a product's text (title and description joined by the caller). */
export function copySignature(text: string): TCopySignature {
  const units = copyUnits(text);
  const all = shingleHashes(units, shingleWidth(units));
  const set = distinct(all);
  const simhash = simHash(all);
  const sig = minHash(set);
  return {
    scheme: COPY_SIGNATURE_SCHEME,
    shingles: set.length,
    simhash,
    simhashKeys: simHashKeys(simhash),
    minhash: minHashBytes(sig),
    bandKeys: bandKeys(sig),
  };
}

export type TCopyMatch = { method: "SIMHASH" | "MINHASH"; score: number; distance: number; jaccard: number };

/**
 * Whether two signatures are copies of each other: near-identical (SimHash within 3 bits, score
 * 1 − d/64) or near copies (estimated Jaccard ≥ 0.5, score = the estimate); null otherwise or when
 * either text is too short to tell.
 */
export function compareCopySignatures(
  a: Pick<TCopySignature, "shingles" | "simhash" | "minhash">,
  b: Pick<TCopySignature, "shingles" | "simhash" | "minhash">,
): TCopyMatch | null {
  if (a.shingles < MIN_COPY_SHINGLES || b.shingles < MIN_COPY_SHINGLES) return null;
  const distance = hammingDistance(a.simhash, b.simhash);
  const jaccard = estimateJaccard(a.minhash, b.minhash);
  // SimHash alone can put two unrelated texts a few bits apart by chance; the Jaccard estimate
  // must not contradict it.
  if (distance <= SIMHASH_MAX_DISTANCE && jaccard >= 0.3)
    return { method: "SIMHASH", score: 1 - distance / 64, distance, jaccard };
  if (jaccard >= COPY_JACCARD_THRESHOLD) return { method: "MINHASH", score: jaccard, distance, jaccard };
  return null;
}
