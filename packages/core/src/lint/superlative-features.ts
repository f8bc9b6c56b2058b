import { foldText } from "./text-fold.js";

// Features of the paraphrased-superlative classifier, shared by training
// (packages/core/scripts/train-superlative.mjs imports this from the built package) and inference:
// Han character 1–3-grams, Latin words, word bigrams and the character 3–5-grams of each word
// (with its boundaries, "<rival" … "led>": rival, rivals, unrivalled and rivalled share them, so a
// wording the model never saw still lands near the ones it did), runs of digits collapsed to one 0
// (so "20%" and "30%" are one feature). Each is hashed (FNV-1a over UTF-16 code units, seeded per
// kind) into SUPERLATIVE_BUCKETS buckets, computed on the fly without building the n-gram strings:
// this runs on every clause of every linted text.

export const SUPERLATIVE_BUCKETS = 1 << 18;
/** Bumped whenever the features change: a model trained on other features must not load. */
export const SUPERLATIVE_FEATURES_VERSION = 3;
const MASK = SUPERLATIVE_BUCKETS - 1;
const PRIME = 0x01000193;
const SEED = 0x811c9dc5;

const isHan = (c: number): boolean => (c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff);
const isLatin = (c: number): boolean => (c >= 0x61 && c <= 0x7a) || c === 0x27;
const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
const step = (h: number, c: number): number => Math.imul(h ^ c, PRIME) >>> 0;
const seedOf = (kind: number): number => (SEED ^ kind) >>> 0;
const BOUNDARY = 0x3c;
const BOUNDARY_END = 0x3e;
// The word being read, for its character n-grams (longer words only contribute their first 64).
const wordChars = new Uint16Array(66);

/** Hashed feature ids of one clause (with repeats: counts matter). */
export function superlativeFeatures(clause: string): number[] {
  const s = foldText(clause);
  const ids: number[] = [];
  // Han n-grams: the last three Han characters of the current run.
  let c1 = -1;
  let c2 = -1;
  // Words: hash of the current word (kind 4) and of "previous word + space + current" (kind 5).
  let word = 0;
  let wordLen = 0;
  let pair = 0;
  let prevWord = -1;
  let pairStarted = false;
  let lastWasDigit = false;

  const endWord = () => {
    if (wordLen === 0) return;
    ids.push(word & MASK);
    if (pairStarted) ids.push(pair & MASK);
    // Character 3–5-grams of "<word>" (kind 13): one rolling hash per start, emitted at 3, 4 and 5.
    const n = Math.min(wordLen, 64) + 2;
    wordChars[n - 1] = BOUNDARY_END;
    for (let i = 0; i + 3 <= n; i++) {
      let g = step(step(seedOf(13), wordChars[i]!), wordChars[i + 1]!);
      const last = Math.min(i + 5, n);
      for (let k = i + 2; k < last; k++) {
        g = step(g, wordChars[k]!);
        ids.push(g & MASK);
      }
    }
    prevWord = word;
    wordLen = 0;
    lastWasDigit = false;
  };
  const addWordChar = (c: number) => {
    if (wordLen === 0) {
      wordChars[0] = BOUNDARY;
      word = seedOf(4);
      pairStarted = prevWord >= 0;
      // The bigram hashes the previous word's characters; we keep its hash and mix it in.
      pair = pairStarted ? step(step(seedOf(5), prevWord & 0xffff), prevWord >>> 16) : 0;
    }
    word = step(word, c);
    if (pairStarted) pair = step(pair, c);
    if (wordLen < 64) wordChars[wordLen + 1] = c;
    wordLen++;
  };

  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isHan(c)) {
      endWord();
      prevWord = -1;
      ids.push(step(seedOf(1), c) & MASK);
      if (c1 >= 0) ids.push(step(step(seedOf(2), c1), c) & MASK);
      if (c2 >= 0) ids.push(step(step(step(seedOf(3), c2), c1), c) & MASK);
      c2 = c1;
      c1 = c;
    } else {
      c1 = -1;
      c2 = -1;
      if (isLatin(c)) {
        addWordChar(c);
        lastWasDigit = false;
      } else if (isDigit(c)) {
        if (!lastWasDigit) addWordChar(0x30);
        lastWasDigit = true;
      } else {
        endWord();
        // Punctuation other than spaces and hyphens ends a word sequence.
        if (c !== 0x20 && c !== 0x2d) prevWord = -1;
      }
    }
  }
  endWord();
  return ids;
}
