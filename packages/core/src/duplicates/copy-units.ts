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
// The grammar: a CJK character, or a run of other letters/digits (with combining marks) that stops
// at CJK — as a pattern, `([CJK])|(?:(?!CJK)[\p{L}\p{N}])(?:(?!CJK)[\p{L}\p{N}\p{M}])*`.
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

const CJK_CHAR = new RegExp(`^[${CJK}]$`, "u");
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;
const MARK = /^\p{M}$/u;
const SEPARATOR = 0;
const WORD = 1;
const COMBINING = 2;
const CJK_UNIT = 3;

/** What a code point is to the unit grammar; ASCII and the main CJK block without a regex. */
function classify(cp: number): number {
  if (cp < 0x80)
    return (cp >= 0x30 && cp <= 0x39) || (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a) ? WORD : SEPARATOR;
  if (cp >= 0x4e00 && cp <= 0x9fff) return CJK_UNIT;
  const ch = String.fromCodePoint(cp);
  if (CJK_CHAR.test(ch)) return CJK_UNIT;
  if (LETTER_OR_DIGIT.test(ch)) return WORD;
  return MARK.test(ch) ? COMBINING : SEPARATOR;
}

/**
 * Splits `text` into comparison units; reads at most `maxUnits` of them (long texts keep their
 * head). The units of the grammar above, found by a scanner rather than a pattern (several times faster).
 */
export function copyUnits(text: string, maxUnits = 20_000): TCopyUnits {
  const hashes: number[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  let cjk = 0;
  let runStart = -1;
  const unit = (start: number, end: number) => {
    hashes.push(fmix32(fnvUpdate(fnvStart(TAG_UNIT), foldUnit(text.slice(start, end)))));
    starts.push(start);
    ends.push(end);
  };
  for (let i = 0; i < text.length && hashes.length < maxUnits;) {
    const cp = text.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    const kind = classify(cp);
    if (kind === WORD) {
      if (runStart < 0) runStart = i;
    } else if (kind !== COMBINING) {
      // (A mark continues a word; on its own, or after a CJK character, it is nothing.)
      if (runStart >= 0) {
        unit(runStart, i);
        runStart = -1;
      }
      if (kind === CJK_UNIT && hashes.length < maxUnits) {
        unit(i, i + width);
        cjk++;
      }
    }
    i += width;
  }
  if (runStart >= 0 && hashes.length < maxUnits) unit(runStart, text.length);
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
