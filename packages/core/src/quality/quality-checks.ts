// Formatting checks the linter's quality rules do not make: broken units, the rest of the
// full/half-width punctuation mix, boilerplate sentences, repeated sentences, shouting. Each hit is
// a span of the field's text (UTF-16, end exclusive) with a replacement when one is safe to propose.

export type TQualityHit = {
  code: "BROKEN_UNIT" | "MIXED_WIDTH" | "MIXED_PUNCTUATION" | "BOILERPLATE" | "REPEATED_SENTENCE" | "ALL_CAPS";
  start: number;
  end: number;
  /** Replacement for the span ("" deletes it); absent when only a person can rewrite it. */
  replacement?: string;
  /** True when the replacement cannot change what the copy says. */
  autofix: boolean;
};

const UNIT_WORDS = "ml|mah|kg|mg|g|cm|mm|m|km|l|kwh|wh|w|v|gb|tb|mb|hz|ghz|mhz|oz|lb|lbs|in|inch";
// "5 0 0 ml": digits spaced out.
const SPACED_DIGITS = new RegExp(String.raw`(?<![\d.])\d(?: \d){2,}(?= ?(?:${UNIT_WORDS})\b)`, "giu");
// "5OO ml", "1O0mAh": the letter O for a zero inside a number before a unit.
const LETTER_O = new RegExp(String.raw`(?<![\p{L}\d])\d[\dOo]*[Oo][\dOo]*(?= ?(?:${UNIT_WORDS})\b)`, "gu");
// "500 m l", "5000 m A h", "2 k g": a unit spelled out letter by letter.
const SPACED_UNIT =
  /(?<=\d\s?)(m\s+l|m\s+a\s*h|m\s*a\s+h|k\s+g|c\s+m|m\s+m|g\s+b|t\s+b|k\s+w\s*h|w\s+h|g\s+h\s*z|m\s+g)\b/giu;
// "500\nml": a line break between a number and its unit.
const NUMBER_UNIT_BREAK = new RegExp(String.raw`(?<=\d)\s*\n\s*(?=(?:${UNIT_WORDS})\b)`, "giu");
// "500 毫 升": a Chinese unit split by spaces.
const SPACED_ZH_UNIT = /(?<=\d)\s*(?:毫\s+升|毫\s+安|千\s+克|厘\s+米|毫\s+米|千\s+瓦)/gu;

// Half-width ! ? : ; after a Han character in Chinese copy; full-width ones beside Latin text in
// English copy. (Commas and full stops are the linter's mixed_punctuation rule.)
const HALF_IN_HAN = /(?<=\p{Script=Han})[!?:;](?=\p{Script=Han}|\s*$)/gmu;
const HALF_TO_FULL: Record<string, string> = { "!": "！", "?": "？", ":": "：", ";": "；" };
const FULL_IN_LATIN =
  /(?<=[A-Za-z0-9])[！？：；（）](?=\s?[A-Za-z0-9])|(?<=[A-Za-z0-9]\s?)[！？：；（）](?=[A-Za-z0-9])/gu;
const FULL_TO_HALF: Record<string, string> = { "！": "!", "？": "?", "：": ":", "；": ";", "（": "(", "）": ")" };
// Full-width letters and digits in English copy (Chinese copy: the linter's full_width rule).
const FULL_WIDTH_ALNUM = /[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]+/gu;
const IDEOGRAPHIC_SPACE = /\u3000/gu;

// Sentences that say nothing about the product: shipping, returns, service, stock phrases.
const BOILERPLATE = [
  /(?:包邮|顺丰|发货|快递|物流|运费)/u,
  /(?:七天|7天|七日|7日)无理由/u,
  /(?:如有(?:任何)?问题|有问题)(?:请)?(?:联系|咨询)(?:在线)?客服/u,
  /(?:亲|亲们)[，,！!]?/u,
  /(?:欢迎(?:选购|光临|咨询)|收藏(?:店铺|宝贝)|关注店铺|好评返现)/u,
  /(?:图片仅供参考|以实物为准|色差|手工测量)/u,
  /\b(?:free shipping|fast shipping|ships? (?:within|in|from|same day)|shipped within|delivery (?:time|within))\b/iu,
  /\b(?:satisfaction guaranteed|money[- ]back|hassle[- ]free returns?|\d+[- ]day returns?|return policy|refund)\b/iu,
  /\b(?:please (?:contact|feel free|message|note)|contact us|customer service|any questions)\b/iu,
  /\b(?:100% brand new|brand new and high quality|high quality and brand new|package includes?:?)\b/iu,
  /\b(?:colou?rs? may (?:vary|differ|slightly)|due to (?:the )?(?:light|monitor)|manual measurement)\b/iu,
  /\b(?:add to cart|buy (?:it )?now|thank you for (?:shopping|your purchase)|welcome to our store)\b/iu,
];

/** Sentences (and lines) of a text with their spans; the terminator belongs to the sentence. */
export function sentenceSpans(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  const re = /[^。！？!?\n.；;]+(?:[。！？!?.；;]+|$)/gu;
  for (const m of text.matchAll(re)) {
    let start = m.index;
    let end = start + m[0].length;
    while (start < end && /\s/.test(text[start]!)) start++;
    while (end > start && /\s/.test(text[end - 1]!)) end--;
    // "3.5 kg" is not two sentences: a full stop between digits glues them.
    const last = out.at(-1);
    if (last && /\d\.$/.test(text.slice(last.start, last.end)) && /^\d/.test(text.slice(start))) {
      last.end = end;
      continue;
    }
    if (end > start) out.push({ start, end });
  }
  return out;
}

const foldSentence = (s: string) =>
  s
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "");

export function brokenUnits(text: string, locale: "zh" | "en"): TQualityHit[] {
  const hits: TQualityHit[] = [];
  for (const m of text.matchAll(SPACED_DIGITS))
    hits.push({
      code: "BROKEN_UNIT",
      start: m.index,
      end: m.index + m[0].length,
      replacement: m[0].replace(/ /g, ""),
      autofix: true,
    });
  for (const m of text.matchAll(LETTER_O))
    hits.push({
      code: "BROKEN_UNIT",
      start: m.index,
      end: m.index + m[0].length,
      replacement: m[0].replace(/[Oo]/g, "0"),
      autofix: false,
    });
  for (const m of text.matchAll(SPACED_UNIT))
    hits.push({
      code: "BROKEN_UNIT",
      start: m.index,
      end: m.index + m[0].length,
      replacement: m[0].replace(/\s+/g, ""),
      autofix: true,
    });
  for (const m of text.matchAll(NUMBER_UNIT_BREAK))
    hits.push({
      code: "BROKEN_UNIT",
      start: m.index,
      end: m.index + m[0].length,
      replacement: locale === "en" ? " " : "",
      autofix: true,
    });
  for (const m of text.matchAll(SPACED_ZH_UNIT))
    hits.push({
      code: "BROKEN_UNIT",
      start: m.index,
      end: m.index + m[0].length,
      replacement: m[0].replace(/\s+/g, ""),
      autofix: true,
    });
  return hits;
}

export function widthMix(text: string, locale: "zh" | "en"): TQualityHit[] {
  const hits: TQualityHit[] = [];
  if (locale === "zh") {
    for (const m of text.matchAll(HALF_IN_HAN))
      hits.push({
        code: "MIXED_PUNCTUATION",
        start: m.index,
        end: m.index + 1,
        replacement: HALF_TO_FULL[m[0]]!,
        autofix: true,
      });
  } else {
    for (const m of text.matchAll(FULL_IN_LATIN))
      hits.push({
        code: "MIXED_PUNCTUATION",
        start: m.index,
        end: m.index + 1,
        replacement: FULL_TO_HALF[m[0]]!,
        autofix: true,
      });
    for (const m of text.matchAll(FULL_WIDTH_ALNUM))
      hits.push({
        code: "MIXED_WIDTH",
        start: m.index,
        end: m.index + m[0].length,
        replacement: m[0].normalize("NFKC"),
        autofix: true,
      });
    for (const m of text.matchAll(IDEOGRAPHIC_SPACE))
      hits.push({ code: "MIXED_WIDTH", start: m.index, end: m.index + 1, replacement: " ", autofix: true });
  }
  return hits;
}

/**
 * A sentence's span widened to the whitespace that separates it from its neighbours, so deleting
 * it leaves "A. C." rather than "A.  C." (the space before it; at the start, the space after it).
 */
function deletionSpan(text: string, s: { start: number; end: number }): { start: number; end: number } {
  let start = s.start;
  while (start > 0 && /\s/.test(text[start - 1]!)) start--;
  if (start > 0) return { start, end: s.end };
  let end = s.end;
  while (end < text.length && /\s/.test(text[end]!)) end++;
  return { start: s.start, end };
}

/** Boilerplate sentences (deleting them is proposed, never automatic) and their share of the text. */
export function boilerplate(text: string): { hits: TQualityHit[]; ratio: number } {
  const hits: TQualityHit[] = [];
  let chars = 0;
  for (const s of sentenceSpans(text)) {
    const sentence = text.slice(s.start, s.end);
    if (BOILERPLATE.some((re) => re.test(sentence))) {
      hits.push({ code: "BOILERPLATE", ...deletionSpan(text, s), replacement: "", autofix: false });
      chars += s.end - s.start;
    }
  }
  const total = text.replace(/\s+/g, "").length;
  return { hits, ratio: total ? Math.min(1, chars / total) : 0 };
}

/** Second and later occurrences of a sentence of 8+ letters (deleting the repeat is proposed). */
export function repeatedSentences(text: string): TQualityHit[] {
  const seen = new Set<string>();
  const hits: TQualityHit[] = [];
  for (const s of sentenceSpans(text)) {
    const key = foldSentence(text.slice(s.start, s.end));
    if (key.length < 8) continue;
    if (seen.has(key))
      hits.push({ code: "REPEATED_SENTENCE", start: s.start, end: s.end, replacement: "", autofix: false });
    else seen.add(key);
  }
  return hits;
}

/** An English title written in capitals. */
export function allCaps(text: string): TQualityHit[] {
  const letters = text.match(/\p{Lu}|\p{Ll}/gu) ?? [];
  if (letters.length < 12) return [];
  const upper = letters.filter((c) => c === c.toUpperCase()).length;
  if (upper / letters.length < 0.8) return [];
  return [{ code: "ALL_CAPS", start: 0, end: text.length, autofix: false }];
}
