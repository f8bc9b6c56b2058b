import { fmix32, fnvStart, fnvUpdate } from "../text/hash.js";

// The units copy is compared in: one unit per Han/kana/Hangul character, one per run of other
// letters and digits (a word). Each unit keeps its UTF-16 span in the text as given, so shared
// passages can be highlighted in the merchant's own text, and a hash of its folded form, so that
// full-/half-width, case and accents do not hide a copy: "ＵＳＢ－Ｃ" and "usb-c" are the same
// units, "café" and "cafe" too. Punctuation, whitespace and emoji are not units: reformatting does
// not hide a copy either.

export type TCopyUnits = {
  /** Folded-unit hashes (unsigned 32-bit), in text order. */
  hashes: Uint32Array;
  /** UTF-16 start and end (exclusive) of each unit in the input text. */
  starts: Uint32Array;
  ends: Uint32Array;
  /** Units that are CJK characters (the rest are words). */
  cjk: number;
};

const TAG_UNIT = 31;
const CJK = String.raw`\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}`;
// A CJK character, or a run of other letters/digits (with combining marks) that stops at CJK.
const UNIT = new RegExp(`([${CJK}])|(?:(?![${CJK}])[\\p{L}\\p{N}])(?:(?![${CJK}])[\\p{L}\\p{N}\\p{M}])*`, "gu");
const MARKS = /\p{M}/gu;

function isPlainLowerAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 0x7f || (c >= 0x41 && c <= 0x5a)) return false;
  }
  return true;
}

/** NFKD without marks, lower case: what a unit is compared as. */
export function foldUnit(s: string): string {
  if (isPlainLowerAscii(s)) return s;
  // The common CJK block has no compatibility decomposition: skip the normaliser.
  if (s.length === 1 && s.charCodeAt(0) >= 0x4e00 && s.charCodeAt(0) <= 0x9fff) return s;
  return s.normalize("NFKD").replace(MARKS, "").toLowerCase();
}

/** Splits `text` into comparison units; reads at most `maxUnits` of them (long texts keep their head). */
export function copyUnits(text: string, maxUnits = 20_000): TCopyUnits {
  const hashes: number[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  let cjk = 0;
  UNIT.lastIndex = 0;
  for (const m of text.matchAll(UNIT)) {
    const folded = foldUnit(m[0]);
    // NFKD can expand a unit into several words ("㎏" → "kg" is one, "½" → "1⁄2" is not a letter
    // run): hash the folded string whole, it is still one unit of the original text.
    hashes.push(fmix32(fnvUpdate(fnvStart(TAG_UNIT), folded)));
    starts.push(m.index);
    ends.push(m.index + m[0].length);
    if (m[1] !== undefined) cjk++;
    if (hashes.length >= maxUnits) break;
  }
  return { hashes: Uint32Array.from(hashes), starts: Uint32Array.from(starts), ends: Uint32Array.from(ends), cjk };
}

/** Shingle width: 4 characters for mostly-CJK copy, 3 words otherwise. */
export function shingleWidth(units: TCopyUnits): number {
  return units.cjk * 2 > units.hashes.length ? 4 : 3;
}

/**
 * Hash of each window of `k` consecutive units (one per start position; a text shorter than `k`
 * units is one shingle of all of them, an empty text none).
 */
export function shingleHashes(units: TCopyUnits, k = shingleWidth(units)): Uint32Array {
  const n = units.hashes.length;
  if (n === 0) return new Uint32Array(0);
  const width = Math.min(k, n);
  const out = new Uint32Array(n - width + 1);
  for (let i = 0; i + width <= n; i++) {
    let h = 0x9e3779b9 ^ width;
    for (let j = 0; j < width; j++) h = Math.imul(h ^ units.hashes[i + j]!, 0x01000193);
    out[i] = fmix32(h);
  }
  return out;
}
