import type { TLanguage } from "../text/language.js";
import { lemmatizeEnglish } from "./english-lemmatizer.js";
import { tagChinese } from "./jieba-segmenter.js";
import { normalizeWithOffsets, originalRange } from "./offset-normalizer.js";

export type TTokenKind = "word" | "number" | "unit" | "punct" | "emoji";
export type TToken = {
  /** The token as normalised (full-width folded); `start`/`end` point into the original text. */
  text: string;
  /** UTF-16 offsets into the original text, end exclusive. */
  start: number;
  end: number;
  kind: TTokenKind;
  /** Lower-case dictionary form of an English word. */
  lemma?: string;
  /** jieba POS tag for Chinese words ("n", "a", "v", …); "m" for numbers, "q" for units, "eng" for Latin words, "x" otherwise. */
  pos?: string;
};

// Units that turn the word right after a number into a `unit` token.
const LATIN_UNITS = new Set(
  (
    "mah wh kwh w kw v a hz khz mhz ghz mm cm m km in inch inches ft g kg mg lb lbs oz ml l gb tb mb kb mp fps db " +
    "pcs pc h hr hrs hour hours min mins minute minutes s sec day days week weeks month months year years atm " +
    "gsm k x p nits lm"
  ).split(" "),
);
const ZH_UNITS = new Set(
  "天 小时 分钟 秒 周 个月 月 年 毫安 毫安时 瓦 千瓦 伏 米 厘米 毫米 公里 英寸 寸 克 千克 公斤 斤 两 毫升 升 件 只 个 张 档 倍 次 片 袋 盒 瓶 层 色 码 度".split(
    " ",
  ),
);

const HAN = /\p{Script=Han}/u;
const LETTER = /[\p{L}\p{M}]/u;
const DIGIT = /\p{Nd}/u;
const SPACE = /\s/u;
const EMOJI_START = /[\p{Extended_Pictographic}\p{Regional_Indicator}]/u;

const SPACE_CLASS = 0;
const HAN_CLASS = 1;
const DIGIT_CLASS = 2;
const LETTER_CLASS = 3;
const EMOJI_CLASS = 4;
const IGNORED = 5;
const OTHER_CLASS = 6;

// Code points that continue an emoji: variation selector, skin tones, ZWJ, tags, keycap.
const isEmojiContinue = (c: number): boolean =>
  c === 0xfe0f || (c >= 0x1f3fb && c <= 0x1f3ff) || c === 0x200d || (c >= 0xe0020 && c <= 0xe007f) || c === 0x20e3;
const isRegionalIndicator = (c: number): boolean => c >= 0x1f1e6 && c <= 0x1f1ff;

// Character class of a code point; ASCII and the common CJK block skip the Unicode regexes, which
// dominate the cost otherwise.
function classOf(cp: number): number {
  if (cp < 0x80) {
    if (cp <= 0x20) return SPACE_CLASS;
    if (cp >= 0x30 && cp <= 0x39) return DIGIT_CLASS;
    if ((cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a)) return LETTER_CLASS;
    return OTHER_CLASS;
  }
  if (cp >= 0x4e00 && cp <= 0x9fff) return HAN_CLASS;
  if (isEmojiContinue(cp) || cp === 0xfffd) return IGNORED;
  const ch = String.fromCodePoint(cp);
  if (SPACE.test(ch)) return SPACE_CLASS;
  if (HAN.test(ch)) return HAN_CLASS;
  if (DIGIT.test(ch)) return DIGIT_CLASS;
  if (EMOJI_START.test(ch)) return EMOJI_CLASS;
  if (LETTER.test(ch)) return LETTER_CLASS;
  return OTHER_CLASS;
}

type TRaw = { text: string; start: number; end: number; kind: TTokenKind; pos?: string; lemma?: string };

/**
 * Splits text into tokens, run by run: Han runs are segmented and POS-tagged by jieba (with the
 * product dictionary), Latin runs by a word tokenizer with rule-based lemmas, digits become
 * `number` tokens ("1.5", "10,000") and a unit right after a number a `unit` token ("mAh", "天"),
 * emoji (with skin tones, ZWJ sequences, flags) `emoji` tokens; whitespace is dropped. The text is
 * NFKC-folded per character first; offsets always point into the original `text`.
 * `lang` is a hint: English lemmas are only added when it is not "other".
 */
export function tokenize(text: string, lang?: TLanguage): TToken[] {
  if (text.length === 0) return [];
  const norm = normalizeWithOffsets(text);
  const s = norm.text;
  const raw: TRaw[] = [];
  // Han runs are tagged in one jieba call (joined by "\n", which jieba never joins into a word).
  const hanRuns: Array<{ start: number; end: number; at: number }> = [];
  const lemmas = lang !== "other";

  let i = 0;
  while (i < s.length) {
    const cp = s.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    const cls = classOf(cp);
    if (cls === SPACE_CLASS || cls === IGNORED) {
      // Whitespace, and selectors/joiners outside an emoji (also after a keycap digit), carry nothing.
      i += width;
      continue;
    }
    if (cls === HAN_CLASS) {
      let j = i + width;
      while (j < s.length) {
        const c = s.codePointAt(j)!;
        if (classOf(c) !== HAN_CLASS) break;
        j += c > 0xffff ? 2 : 1;
      }
      hanRuns.push({ start: i, end: j, at: raw.length });
      i = j;
      continue;
    }
    if (cls === DIGIT_CLASS) {
      let j = i + 1;
      while (j < s.length) {
        if (classOf(s.charCodeAt(j)) === DIGIT_CLASS) j++;
        // A "." or "," between digits stays inside the number ("1.5", "10,000").
        else if ((s[j] === "." || s[j] === ",") && j + 1 < s.length && classOf(s.charCodeAt(j + 1)) === DIGIT_CLASS) j += 2;
        else break;
      }
      raw.push({ text: s.slice(i, j), start: i, end: j, kind: "number", pos: "m" });
      i = j;
      continue;
    }
    if (cls === LETTER_CLASS) {
      let j = i + width;
      while (j < s.length) {
        const c = s.codePointAt(j)!;
        if (classOf(c) === LETTER_CLASS) j += c > 0xffff ? 2 : 1;
        // Apostrophes and hyphens inside a word ("don't", "wi-fi") keep it whole.
        else if ((c === 0x27 || c === 0x2d) && j + 1 < s.length && classOf(s.codePointAt(j + 1)!) === LETTER_CLASS) j += 2;
        else break;
      }
      const word = s.slice(i, j);
      // Only Latin words get an English lemma; kana, Hangul or Cyrillic words are kept as they are.
      const latin = cp < 0x250;
      raw.push({
        text: word,
        start: i,
        end: j,
        kind: "word",
        pos: latin ? "eng" : "x",
        ...(lemmas && latin ? { lemma: lemmatizeEnglish(word) } : {}),
      });
      i = j;
      continue;
    }
    if (cls === EMOJI_CLASS) {
      let j = i + width;
      // Regional indicators pair up into one flag.
      if (isRegionalIndicator(cp) && isRegionalIndicator(s.codePointAt(j) ?? 0)) j += 2;
      while (j < s.length) {
        const c = s.codePointAt(j)!;
        if (!isEmojiContinue(c)) break;
        j += c > 0xffff ? 2 : 1;
        // After a ZWJ the next pictograph belongs to the same emoji.
        if (c === 0x200d && j < s.length) {
          const next = s.codePointAt(j)!;
          if (classOf(next) === EMOJI_CLASS) j += next > 0xffff ? 2 : 1;
        }
      }
      raw.push({ text: s.slice(i, j), start: i, end: j, kind: "emoji" });
      i = j;
      continue;
    }
    raw.push({ text: s.slice(i, i + width), start: i, end: i + width, kind: "punct", pos: "x" });
    i += width;
  }

  const han = segmentHanRuns(s, hanRuns);
  const merged = mergeInOrder(raw, han);
  const tokens: TToken[] = [];
  for (let k = 0; k < merged.length; k++) {
    const t = merged[k]!;
    const prev = merged[k - 1];
    let kind = t.kind;
    let pos = t.pos;
    // A unit is the word right after a number (no gap or one space): "5000mAh", "5000 mAh", "30天".
    if (prev?.kind === "number" && t.start - prev.end <= 1 && (kind === "word" || kind === "unit")) {
      const lower = t.text.toLowerCase();
      if (LATIN_UNITS.has(lower) || ZH_UNITS.has(t.text)) {
        kind = "unit";
        pos = "q";
      }
    }
    const range = originalRange(norm, t.start, t.end);
    const token: TToken = { text: t.text, start: range.start, end: range.end, kind };
    if (pos !== undefined) token.pos = pos;
    if (t.lemma !== undefined && kind === "word") token.lemma = t.lemma;
    tokens.push(token);
  }
  return tokens;
}

function segmentHanRuns(s: string, runs: Array<{ start: number; end: number; at: number }>): Array<TRaw & { at: number }> {
  if (runs.length === 0) return [];
  const joined = runs.map((r) => s.slice(r.start, r.end)).join("\n");
  const tagged = tagChinese(joined);
  const out: Array<TRaw & { at: number }> = [];
  let run = 0;
  let offset = runs[0]!.start;
  for (const { word, tag } of tagged) {
    if (word === "\n") {
      run++;
      offset = runs[run]?.start ?? offset;
      continue;
    }
    const r = runs[run]!;
    const start = offset;
    const end = start + word.length;
    offset = end;
    // jieba tags numerals "m" and measure words "q"; they are words here unless after a digit.
    out.push({ text: word, start, end, kind: "word", pos: tag, at: r.at });
  }
  return out;
}

// Han tokens go back between the non-Han tokens they were cut from, in text order.
function mergeInOrder(raw: TRaw[], han: Array<TRaw & { at: number }>): TRaw[] {
  if (han.length === 0) return raw;
  const out: TRaw[] = [];
  let h = 0;
  for (let k = 0; k <= raw.length; k++) {
    while (h < han.length && han[h]!.at === k) {
      const { at: _at, ...t } = han[h++]!;
      out.push(t);
    }
    if (k < raw.length) out.push(raw[k]!);
  }
  return out;
}
