// Hashed n-gram features: the input of the `hashgram` embedding models. The same function runs at
// training time and at inference time, so any change here is a model-breaking change (bump
// FEATURE_SCHEME_VERSION and retrain).
import { fmix32, fnvStart, fnvUpdate, fnvUpdateCode } from "./hash.js";
import { normalizeText } from "./normalize.js";

/** Version of the feature scheme below; models record the version they were trained with. */
export const FEATURE_SCHEME_VERSION = 1;
/** Default cap on the number of ids returned per text. */
export const DEFAULT_MAX_FEATURES = 4096;

export type THashedFeatureOptions = {
  /** Number of hash buckets; ids are in [0, buckets). */
  buckets: number;
  /** Stop after this many ids (default 4096); earlier text wins. */
  maxFeatures?: number;
};

// Namespaces: the same string as a Han n-gram, a word, a word bigram or a char n-gram must not
// share an id by construction (only by hash collision).
const TAG_HAN = 1;
const TAG_WORD = 2;
const TAG_WORD_BIGRAM = 3;
const TAG_CHAR_NGRAM = 4;

// Only this many code units of input are read per allowed feature: every character produces at
// least one feature except separators, so 8× the cap is enough for any realistic text and keeps a
// 10 MB description as cheap as a short one.
const INPUT_UNITS_PER_FEATURE = 8;
// Char n-grams of very long tokens (URLs, base64) add little; only their first code points count.
const MAX_WORD_CODE_POINTS_FOR_NGRAMS = 40;

const CHAR_GRAM_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;
const DIGIT_TOKEN = /^\d+(?:\.\d+)?$/;
// Units that are often written apart from their number ("5000 mAh"); joined so that "5000 mAh"
// and "5000mAh" give the same token.
const UNITS = new Set([
  "mah",
  "wh",
  "kwh",
  "w",
  "kw",
  "v",
  "a",
  "hz",
  "khz",
  "mhz",
  "ghz",
  "mm",
  "cm",
  "m",
  "km",
  "in",
  "inch",
  "inches",
  "ft",
  "g",
  "kg",
  "mg",
  "lb",
  "lbs",
  "oz",
  "ml",
  "l",
  "gb",
  "tb",
  "mb",
  "kb",
  "mp",
  "fps",
  "db",
  "k",
  "p",
  "x",
  "pcs",
  "pc",
]);

type TToken = { kind: "cjk" | "word"; text: string };

/**
 * Returns hashed feature ids of `text`, in text order, deterministic across platforms:
 * - the text is normalised (`normalizeText`) and lower-cased;
 * - runs of Han (and kana/Hangul) characters give character 1-, 2- and 3-grams ending at each
 *   character;
 * - other letter/digit runs are words (internal "-", "'" between word characters and "." between
 *   digits are kept; a number followed by a unit such as "5000 mAh" becomes "5000mah"); each word
 *   gives its unigram, the bigram with the previous word, and the character 3-, 4- and 5-grams of
 *   "<word>" (first 40 code points of a word only);
 * - each feature string is hashed with FNV-1a over UTF-16 code units in a per-kind namespace,
 *   finalised with fmix32, modulo `buckets`;
 * - at most `maxFeatures` ids (default 4096) are produced, and only the first 8×maxFeatures code
 *   units of the input are read.
 * Repeated features repeat their id (term frequency is kept).
 */
export function hashedFeatureIds(text: string, options: THashedFeatureOptions): Int32Array {
  const { buckets } = options;
  const maxFeatures = options.maxFeatures ?? DEFAULT_MAX_FEATURES;
  if (!Number.isInteger(buckets) || buckets < 1 || buckets > 0x7fffffff) {
    throw new RangeError(`buckets must be an integer in [1, 2^31-1], got ${buckets}`);
  }
  if (!Number.isInteger(maxFeatures) || maxFeatures < 0) {
    throw new RangeError(`maxFeatures must be a non-negative integer, got ${maxFeatures}`);
  }
  const out = new Int32Array(maxFeatures);
  if (maxFeatures === 0) return out;
  let n = 0;
  const push = (h: number): boolean => {
    out[n++] = fmix32(h) % buckets;
    return n < maxFeatures;
  };

  const prepared = normalizeText(textPrefix(text, maxFeatures * INPUT_UNITS_PER_FEATURE)).toLowerCase();
  let prevWord: string | null = null;

  for (const token of tokenize(prepared)) {
    if (token.kind === "cjk") {
      prevWord = null;
      if (!pushCharGrams(token.text, push)) break;
      continue;
    }
    const word = token.text;
    if (!push(fnvUpdate(fnvStart(TAG_WORD), word))) break;
    if (prevWord !== null) {
      const h = fnvUpdate(fnvUpdateCode(fnvUpdate(fnvStart(TAG_WORD_BIGRAM), prevWord), 0x20), word);
      if (!push(h)) break;
    }
    prevWord = word;
    if (!pushWordNgrams(word, push)) break;
  }
  return n === maxFeatures ? out : out.slice(0, n);
}

// Han/kana/Hangul run: 1-, 2-, 3-grams of code points ending at each position, in text order.
function pushCharGrams(run: string, push: (h: number) => boolean): boolean {
  const starts = codePointStarts(run);
  const count = starts.length - 1;
  for (let i = 0; i < count; i++) {
    const end = starts[i + 1]!;
    for (let len = 1; len <= 3 && len <= i + 1; len++) {
      const start = starts[i + 1 - len]!;
      if (!push(fnvUpdate(fnvUpdateCode(fnvStart(TAG_HAN), len), run, start, end))) return false;
    }
  }
  return true;
}

// Char 3..5-grams of "<word>", for the first MAX_WORD_CODE_POINTS_FOR_NGRAMS code points.
function pushWordNgrams(word: string, push: (h: number) => boolean): boolean {
  const wrapped = `<${word}>`;
  const starts = codePointStarts(wrapped).slice(0, MAX_WORD_CODE_POINTS_FOR_NGRAMS + 3);
  const count = starts.length - 1;
  for (let len = 3; len <= 5; len++) {
    for (let i = 0; i + len <= count; i++) {
      const h = fnvUpdate(fnvStart(TAG_CHAR_NGRAM), wrapped, starts[i], starts[i + len]);
      if (!push(h)) return false;
    }
  }
  return true;
}

// Offsets (in code units) of each code point, plus the end offset.
function codePointStarts(s: string): number[] {
  const starts: number[] = [];
  let i = 0;
  while (i < s.length) {
    starts.push(i);
    const c = s.charCodeAt(i);
    i += c >= 0xd800 && c <= 0xdbff && i + 1 < s.length ? 2 : 1;
  }
  starts.push(s.length);
  return starts;
}

/** The first `units` UTF-16 units of `text`, one fewer rather than half a surrogate pair. */
export function textPrefix(text: string, units: number): string {
  if (text.length <= units) return text;
  const last = text.charCodeAt(units - 1);
  // Never cut a surrogate pair in half.
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? units - 1 : units);
}

function* tokenize(s: string): Generator<TToken> {
  let i = 0;
  let pendingNumber: string | null = null;
  let gapSinceNumber = 0;
  const flushNumber = function* (): Generator<TToken> {
    if (pendingNumber !== null) yield { kind: "word", text: pendingNumber };
    pendingNumber = null;
  };

  while (i < s.length) {
    const cp = s.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    if (CHAR_GRAM_SCRIPT.test(ch)) {
      yield* flushNumber();
      let j = i;
      while (j < s.length) {
        const c = String.fromCodePoint(s.codePointAt(j)!);
        if (!CHAR_GRAM_SCRIPT.test(c)) break;
        j += c.length;
      }
      yield { kind: "cjk", text: s.slice(i, j) };
      i = j;
      continue;
    }
    if (WORD_CHAR.test(ch)) {
      const j = wordEnd(s, i);
      const word = s.slice(i, j);
      i = j;
      if (pendingNumber !== null && gapSinceNumber <= 1 && UNITS.has(word)) {
        yield { kind: "word", text: pendingNumber + word };
        pendingNumber = null;
        continue;
      }
      yield* flushNumber();
      if (DIGIT_TOKEN.test(word)) {
        pendingNumber = word;
        gapSinceNumber = 0;
      } else {
        yield { kind: "word", text: word };
      }
      continue;
    }
    // Separator: a single space may sit between a number and its unit; anything else ends it.
    if (pendingNumber !== null) {
      if (ch === " " && gapSinceNumber === 0) gapSinceNumber = 1;
      else yield* flushNumber();
    }
    i += ch.length;
  }
  yield* flushNumber();
}

function isWordCharAt(s: string, i: number): boolean {
  if (i >= s.length) return false;
  const cp = s.codePointAt(i)!;
  const ch = String.fromCodePoint(cp);
  return WORD_CHAR.test(ch) && !CHAR_GRAM_SCRIPT.test(ch);
}

function isDigitAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c >= 0x30 && c <= 0x39;
}

// End (exclusive) of the word starting at i.
function wordEnd(s: string, i: number): number {
  let j = i;
  while (j < s.length) {
    if (isWordCharAt(s, j)) {
      j += s.codePointAt(j)! > 0xffff ? 2 : 1;
      continue;
    }
    const c = s[j];
    const joinsWords = (c === "-" || c === "'") && j > i && isWordCharAt(s, j + 1);
    const joinsDigits = c === "." && j > i && isDigitAt(s, j - 1) && isDigitAt(s, j + 1);
    if (joinsWords || joinsDigits) {
      j++;
      continue;
    }
    break;
  }
  return j;
}
