import { tokenize } from "../analysis/tokenizer.js";
import { textPrefix } from "../text/features.js";
import { normalizeText } from "../text/normalize.js";
import { EN_OPINIONS, ZH_OPINIONS } from "./aspect-lexicon.js";

/**
 * Word-level sentiment knowledge from outside the review sample: a few thousand labelled reviews
 * cannot teach the polarity of every word a shopper uses, a lexicon built from far more text can.
 * The review sentiment model reads `sentimentLexiconFeatures` next to its n-grams.
 */
export type TSentimentLexicon = {
  /** Real-valued polarity of a word (> 0 positive); any scale, the model learns its weight. */
  scores: ReadonlyMap<string, number>;
  /** Words listed as positive or negative without a score. */
  positive: ReadonlySet<string>;
  negative: ReadonlySet<string>;
  /** Words that flip the polarity of a word shortly after them (不, 没有, 缺乏, …). */
  negations: ReadonlySet<string>;
};

/**
 * Length of `sentimentLexiconFeatures`' vector: positive and negative sums of the scored words, counts
 * of the listed words, and the same from the project's own opinion words (review aspects).
 */
export const SENTIMENT_LEXICON_FEATURES = 6;

// Negators every lexicon shares; a lexicon adds its own.
const BASE_NEGATIONS: ReadonlySet<string> = new Set([
  "不",
  "没",
  "没有",
  "别",
  "非",
  "无",
  "未",
  "不是",
  "不太",
  "不够",
  "不会",
  "不能",
  "not",
  "no",
  "never",
]);
// Only the start of a long text is read, as by the model's n-grams (4,096 features of ≤ 8 units).
const MAX_UNITS = 32_768;
// A negator this many tokens before a word flips it ("不 是 很 好").
const NEGATION_TOKENS = 3;
// The same for the opinion scan, in characters before a Chinese opinion word.
const ZH_NEGATION_BEFORE = /[不没别无未]/u;
const ZH_NEGATION_CHARS = 3;
const EN_NEGATION_BEFORE = /\b(?:not|no|never|don't|doesn't|isn't|wasn't|didn't)\b/u;
const EN_NEGATION_CHARS = 12;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const byLengthDesc = (words: Iterable<string>) => [...words].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
const ZH_OPINION_RE = new RegExp(byLengthDesc(ZH_OPINIONS.keys()).map(escape).join("|"), "gu");
const EN_OPINION_RE = new RegExp(`\\b(?:${byLengthDesc(EN_OPINIONS.keys()).map(escape).join("|")})\\b`, "gu");

/**
 * Six numbers for the start of a text (see `SENTIMENT_LEXICON_FEATURES`), each divided by √(number of
 * words) like the model's n-gram sum, so a long review is not more extreme for being long. A word within three
 * tokens after a negator counts with the opposite sign.
 */
export function sentimentLexiconFeatures(fullText: string, lexicon: TSentimentLexicon): Float32Array {
  const out = new Float32Array(SENTIMENT_LEXICON_FEATURES);
  const text = textPrefix(fullText, MAX_UNITS);
  const tokens = tokenize(text);
  let words = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.kind === "punct" || token.kind === "emoji") continue;
    words++;
    const word = token.lemma ?? token.text.toLowerCase();
    if (isNegation(word, lexicon)) continue;
    let sign = 1;
    for (let j = Math.max(0, i - NEGATION_TOKENS); j < i; j++) {
      const before = tokens[j]!;
      if (isNegation(before.lemma ?? before.text.toLowerCase(), lexicon)) sign = -sign;
    }
    const score = lexicon.scores.get(word);
    if (score !== undefined) {
      if (sign * score > 0) out[0]! += sign * score;
      else out[1]! += sign * score;
    }
    if (lexicon.positive.has(word)) out[sign > 0 ? 2 : 3]! += 1;
    if (lexicon.negative.has(word)) out[sign > 0 ? 3 : 2]! += 1;
  }
  const lower = normalizeText(text).toLowerCase();
  addOpinions(lower, ZH_OPINION_RE, ZH_OPINIONS, ZH_NEGATION_BEFORE, ZH_NEGATION_CHARS, out);
  addOpinions(lower, EN_OPINION_RE, EN_OPINIONS, EN_NEGATION_BEFORE, EN_NEGATION_CHARS, out);
  const scale = 1 / Math.sqrt(Math.max(words, 1));
  for (let k = 0; k < out.length; k++) out[k]! *= scale;
  return out;
}

function isNegation(word: string, lexicon: TSentimentLexicon): boolean {
  return lexicon.negations.has(word) || BASE_NEGATIONS.has(word);
}

function addOpinions(
  text: string,
  pattern: RegExp,
  polarity: ReadonlyMap<string, number>,
  negationBefore: RegExp,
  window: number,
  out: Float32Array,
): void {
  for (const m of text.matchAll(pattern)) {
    const negated = negationBefore.test(text.slice(Math.max(0, m.index - window), m.index));
    const value = (polarity.get(m[0]) ?? 0) * (negated ? -1 : 1);
    if (value > 0) out[4]! += value;
    else out[5]! += value;
  }
}
