import { foldText } from "./text-fold.js";

// Features of the paraphrased-superlative classifier, shared by training
// (packages/core/scripts/train-superlative.mjs imports this from the built package) and inference:
// Han character 1–3-grams, Latin words and word bigrams of the folded clause, digits collapsed to 0
// (so "20%" and "30%" are one feature), each hashed (FNV-1a) into SUPERLATIVE_BUCKETS buckets.

export const SUPERLATIVE_BUCKETS = 1 << 18;
const MASK = SUPERLATIVE_BUCKETS - 1;

const HAN_START = 0x3400;
const isHan = (c: number): boolean => (c >= HAN_START && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff);
const isLatin = (c: number): boolean => (c >= 0x61 && c <= 0x7a) || c === 0x27;
const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;

function fnv(kind: number, s: string): number {
  let h = (0x811c9dc5 ^ kind) >>> 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h & MASK;
}

/** Hashed feature ids of one clause (with repeats: counts matter). */
export function superlativeFeatures(clause: string): number[] {
  const folded = foldText(clause);
  const ids: number[] = [];
  let han = "";
  let word = "";
  let prevWord = "";
  const flushHan = () => {
    for (let i = 0; i < han.length; i++) {
      ids.push(fnv(1, han[i]!));
      if (i + 1 < han.length) ids.push(fnv(2, han.slice(i, i + 2)));
      if (i + 2 < han.length) ids.push(fnv(3, han.slice(i, i + 3)));
    }
    han = "";
  };
  const flushWord = () => {
    if (!word) return;
    ids.push(fnv(4, word));
    if (prevWord) ids.push(fnv(5, `${prevWord} ${word}`));
    prevWord = word;
    word = "";
  };
  for (let i = 0; i < folded.length; i++) {
    const c = folded.charCodeAt(i);
    if (isHan(c)) {
      flushWord();
      prevWord = "";
      han += folded[i];
    } else if (isLatin(c) || isDigit(c)) {
      if (han) flushHan();
      if (!isDigit(c)) word += folded[i];
      else if (!word.endsWith("0")) word += "0";
    } else {
      if (han) flushHan();
      flushWord();
      // Punctuation other than spaces and hyphens ends a word sequence.
      if (c !== 0x20 && c !== 0x2d) prevWord = "";
    }
  }
  if (han) flushHan();
  flushWord();
  return ids;
}
