import type { TRng } from "./prng.js";
import { markedPhrases, type TCategory, type TContradiction, type TRenderedSentence } from "./demo-category.js";
import { say, type TLocale } from "./demo-vocabulary.js";

// Problems seeded on purpose so lint, grounding and dedupe have something real to find. Each one is
// recorded as a label (never in the product itself) so evaluations can score recall and precision.

export type TPhraseIssueKind = "absolute" | "medical" | "guarantee" | "urgency";
export type TDemoIssue =
  | { kind: TPhraseIssueKind; phrases: string[]; sentence: string }
  | ({ kind: "contradiction" } & TContradiction)
  | { kind: "near-duplicate"; of: string; ofMerchant: string; crossMerchant: boolean; swaps: Array<[string, string]> };
export type TDemoIssueKind = TDemoIssue["kind"];

// `{name}` is the category's name; `[...]` marks what a compliance linter should flag.
const PHRASES: Record<Exclude<TPhraseIssueKind, "medical">, { zh: readonly string[]; en: readonly string[] }> = {
  absolute: {
    zh: [
      "[全网最好]的{name}，没有之一。",
      "[行业第一]品牌，品质[顶级]。",
      "[全网销量第一]的{name}。",
      "[国家级]工艺，[最高]标准。",
      "这是市面上[最好的]{name}。",
    ],
    en: [
      "This is [the best] {name} on the market.",
      "The [#1] rated {name} in the country.",
      "[World's best] quality at an [unbeatable] price.",
      "[The ultimate] {name}: [nothing else comes close].",
      "[Number one] in its class.",
    ],
  },
  guarantee: {
    zh: ["[保证]正品，[假一赔十]。", "[100%]满意，[无效包退]。", "[保证]三年不坏。", "[永不]褪色，[保证]品质。"],
    en: [
      "[Guaranteed] to last a lifetime.",
      "[100% satisfaction guaranteed] or your money back.",
      "It [never] breaks, [guaranteed].",
      "[Risk-free]: results [guaranteed].",
    ],
  },
  urgency: {
    zh: [
      "[只剩最后3件]，[手慢无]！",
      "[限时抢购]，[错过再等一年]！",
      "[仅剩2件]库存，[马上抢]！",
      "[最后一天]特价，[今天不买明天涨价]！",
    ],
    en: [
      "[Only 2 left] in stock, order now!",
      "[Hurry], [sale ends tonight]!",
      "[Last chance]: [only 3 left]!",
      "[Selling fast]: [just 1 left] at this price.",
    ],
  },
};

export function phraseIssue(options: { kind: TPhraseIssueKind; category: TCategory; locale: TLocale; rng: TRng }): {
  kind: TPhraseIssueKind;
  phrases: string[];
  sentence: string;
} {
  const { kind, category, locale, rng } = options;
  const bank = kind === "medical" ? category.medical : PHRASES[kind];
  const template = rng.pick(locale === "zh-CN" ? bank.zh : bank.en).replace("{name}", say(locale, category.name));
  return { kind, ...markedPhrases(template) };
}

/** Puts `sentence` somewhere after the opening sentence, keeping descriptions at six sentences or fewer. */
export function insertSentence(
  sentences: TRenderedSentence[],
  sentence: TRenderedSentence,
  rng: TRng,
): TRenderedSentence[] {
  const out = [...sentences];
  while (out.length >= 6) out.splice(rng.int(1, out.length - 1), 1);
  out.splice(rng.int(1, out.length), 0, sentence);
  return out;
}

/** Replaces the clean sentences of the contradiction's topic with the contradicting one. */
export function applyContradiction(sentences: TRenderedSentence[], c: TContradiction, rng: TRng): TRenderedSentence[] {
  const at = sentences.findIndex((s) => s.topic === c.topic);
  const kept = sentences.filter((s) => s.topic !== c.topic);
  const claim = { topic: c.topic, text: c.sentence };
  if (c.topic === "intro") return [claim, ...kept];
  if (at < 0) return insertSentence(kept, claim, rng);
  kept.splice(Math.min(at, kept.length), 0, claim);
  return kept;
}

// Word swaps a copier makes so that copy-pasted text does not look copy-pasted.
const SWAPS: Record<TLocale, ReadonlyArray<readonly [string, string]>> = {
  "zh-CN": [
    ["适合", "适用于"],
    ["日常", "平时"],
    ["采用", "选用"],
    ["清晰", "清楚"],
    ["方便", "便捷"],
    ["舒适", "舒服"],
    ["简约", "简洁"],
    ["都能", "都可以"],
    ["通勤", "上班"],
    ["外观", "外形"],
    ["耐看", "好看"],
    ["建议", "推荐"],
    ["轻快", "轻盈"],
    ["柔软", "软糯"],
  ],
  "en-US": [
    ["everyday", "daily"],
    ["comfortable", "comfy"],
    ["easy", "simple"],
    ["suits", "fits"],
    ["quickly", "fast"],
    ["keeps", "helps keep"],
    ["made", "built"],
    ["designed", "made"],
    ["steady", "stable"],
    ["clean", "neat"],
    ["holds", "carries"],
    ["soft", "gentle"],
    ["whole", "entire"],
    ["about", "around"],
  ],
};

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Rewrites another product's description the way a copier would: new brand and model, then a few
 * words swapped for synonyms. Returns the text and the swaps made (at least one).
 */
export function nearDuplicateText(options: {
  text: string;
  locale: TLocale;
  rename: Array<[string, string]>;
  rng: TRng;
}): { text: string; swaps: Array<[string, string]> } {
  const { locale, rename, rng } = options;
  let text = options.text;
  for (const [from, to] of rename) if (from) text = text.split(from).join(to);
  const boundary = (w: string): RegExp =>
    locale === "en-US" ? new RegExp(`\\b${escapeRegExp(w)}\\b`) : new RegExp(escapeRegExp(w));
  const applicable = SWAPS[locale].filter(([from]) => boundary(from).test(text));
  const chosen = rng.sample(applicable, rng.int(2, 4));
  const swaps: Array<[string, string]> = [];
  for (const [from, to] of chosen) {
    const next = text.replace(boundary(from), to);
    if (next !== text) {
      text = next;
      swaps.push([from, to]);
    }
  }
  if (swaps.length === 0) {
    // Nothing to swap: a copier would at least tack on a line of their own.
    const extra = locale === "zh-CN" ? "欢迎选购。" : "Order yours today.";
    text = locale === "zh-CN" ? `${text}${extra}` : `${text} ${extra}`;
    swaps.push(["", extra]);
  }
  return { text, swaps };
}
