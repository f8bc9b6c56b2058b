import { hammingDistance, type TSimHash } from "../duplicates/copy-signature.js";
import { resizeGray, toGray, type TGray, type TRaster } from "./raster.js";

// 64-bit perceptual hashes: two images that look alike (resized, re-encoded, slightly recoloured)
// get hashes a few bits apart. pHash (the sign of the low DCT frequencies against their median) is
// robust to compression and scaling and is the one stored; dHash (the sign of horizontal
// gradients) is cheaper and kept for callers that want a second opinion. Hashes share the copy
// SimHash's {hi, lo} shape, so one Hamming distance and one block-key scheme serve both.

export type TImageHash = TSimHash;

/** Hamming distance at or below which two images count as the same picture (pHash, 64 bits). */
export const DUPLICATE_MAX_DISTANCE = 6;

function bitsToHash(bits: ArrayLike<boolean>): TImageHash {
  let hi = 0;
  let lo = 0;
  for (let i = 0; i < 32; i++) {
    if (bits[i]) hi |= 1 << (31 - i);
    if (bits[32 + i]) lo |= 1 << (31 - i);
  }
  return { hi: hi >>> 0, lo: lo >>> 0 };
}

/** The gray image, area-averaged straight from full size (hashes must not depend on a detour size). */
function grayAt(img: TRaster | TGray, width: number, height: number): TGray {
  const gray = "channels" in img ? toGray(img) : img;
  return resizeGray(gray, width, height);
}

/** dHash: 9×8 gray thumbnail, one bit per horizontal neighbour pair (left brighter than right). */
export function differenceHash(img: TRaster | TGray): TImageHash {
  const g = grayAt(img, 9, 8);
  const bits: boolean[] = [];
  for (let y = 0; y < 8; y++) for (let x = 0; x < 8; x++) bits.push(g.data[y * 9 + x]! > g.data[y * 9 + x + 1]!);
  return bitsToHash(bits);
}

const N = 32;
// DCT-II basis for 32 points, computed once.
const COS = (() => {
  const c = new Float64Array(N * N);
  for (let k = 0; k < N; k++) for (let n = 0; n < N; n++) c[k * N + n] = Math.cos((Math.PI / N) * (n + 0.5) * k);
  return c;
})();

/**
 * pHash: 32×32 gray thumbnail, 2-D DCT, the 8×8 lowest frequencies (the top-left block including
 * DC, as in the common implementation), each bit set when its coefficient is above the median of
 * the AC coefficients.
 */
export function perceptualHash(img: TRaster | TGray): TImageHash {
  const g = grayAt(img, N, N);
  // Rows, then columns; only the first 8 frequencies of each are needed.
  const rows = new Float64Array(N * 8);
  for (let y = 0; y < N; y++)
    for (let k = 0; k < 8; k++) {
      let s = 0;
      for (let x = 0; x < N; x++) s += g.data[y * N + x]! * COS[k * N + x]!;
      rows[y * 8 + k] = s;
    }
  const coeffs = new Float64Array(64);
  for (let ky = 0; ky < 8; ky++)
    for (let kx = 0; kx < 8; kx++) {
      let s = 0;
      for (let y = 0; y < N; y++) s += rows[y * 8 + kx]! * COS[ky * N + y]!;
      coeffs[ky * 8 + kx] = s;
    }
  // Coefficients are quantised to a step of 2% of the largest AC coefficient first: a plain
  // packshot (a box on white) has many coefficients that are zero by symmetry, and without the
  // step re-encoding noise decides which side of the median they fall. The DC coefficient (mean
  // brightness) stays out of the median so a global brightness change cannot flip the other bits.
  let peak = 0;
  for (let i = 1; i < 64; i++) peak = Math.max(peak, Math.abs(coeffs[i]!));
  const step = peak * 0.02 || 1;
  const q = Array.from(coeffs, (c) => Math.round(c / step));
  const ac = q.slice(1).sort((a, b) => a - b);
  const median = (ac[31]! + ac[32]!) / 2;
  const bits: boolean[] = [];
  for (let i = 0; i < 64; i++) bits.push(q[i]! > median);
  return bitsToHash(bits);
}

export const imageHashDistance = (a: TImageHash, b: TImageHash): number => hammingDistance(a, b);

/** 16 lower-case hex digits, the stored form. */
export function imageHashToHex(h: TImageHash): string {
  return h.hi.toString(16).padStart(8, "0") + h.lo.toString(16).padStart(8, "0");
}

export function imageHashFromHex(hex: string): TImageHash {
  if (!/^[0-9a-f]{16}$/i.test(hex)) throw new RangeError(`"${hex}" is not a 64-bit hash in 16 hex digits`);
  return { hi: parseInt(hex.slice(0, 8), 16) >>> 0, lo: parseInt(hex.slice(8), 16) >>> 0 };
}

/**
 * Block keys for lookup: the hash's 8 bytes, each prefixed with its position ("0:3f", "1:a0" …).
 * Two hashes within distance 7 share at least one byte exactly (pigeonhole), so an index on the
 * keys finds every candidate within DUPLICATE_MAX_DISTANCE; the exact distance is then checked.
 * The keys are substrings of the stored hex, so SQL can compute them from the column.
 */
export function imageHashBlocks(hex: string): string[] {
  const h = imageHashToHex(imageHashFromHex(hex));
  return Array.from({ length: 8 }, (_, i) => `${i}:${h.slice(2 * i, 2 * i + 2)}`);
}
