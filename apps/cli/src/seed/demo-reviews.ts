import type { TProductRowInput } from "@truecopy/core";
import type { TRng } from "./prng.js";
import { byLocale, type TAspect } from "./demo-category.js";
import { capitalise, reviewAuthor, type TLocale } from "./demo-vocabulary.js";

type TReview = NonNullable<TProductRowInput["reviews"]>[number];

// Aspects every product has, whatever its category: how it arrived and what it is worth.
const COMMON_ASPECTS: readonly TAspect[] = [
  {
    id: "shipping",
    name: { zh: "物流", en: "shipping" },
    positive: {
      zh: ["物流很快，隔天就到了", "快递小哥送货上门，很方便"],
      en: ["arrived two days early", "shipping was quick"],
    },
    negative: {
      zh: ["物流太慢了，等了一个星期", "快递把盒子压坏了"],
      en: ["took almost two weeks to arrive", "box arrived crushed"],
    },
  },
  {
    id: "quality",
    name: { zh: "质量", en: "quality" },
    positive: {
      zh: ["做工很精细，没有线头", "质量不错，比想象中好"],
      en: ["build quality is better than expected", "feels well made"],
    },
    negative: {
      zh: ["做工粗糙，有瑕疵", "质量一般，用了没几天就坏了"],
      en: ["feels cheap", "stopped working within a week"],
    },
  },
  {
    id: "value",
    name: { zh: "性价比", en: "value" },
    positive: { zh: ["这个价格很划算", "性价比很高"], en: ["great value for the price", "worth every penny"] },
    negative: {
      zh: ["有点贵，不值这个价", "活动前买亏了"],
      en: ["overpriced for what you get", "not worth the money"],
    },
  },
  {
    id: "service",
    name: { zh: "客服", en: "customer service" },
    positive: {
      zh: ["客服回复很及时", "客服很耐心"],
      en: ["seller answered my questions quickly", "helpful customer service"],
    },
    negative: {
      zh: ["客服态度不好，问了半天不回", "退换货很麻烦"],
      en: ["seller never replied", "returns were a hassle"],
    },
  },
];

const ZH_OPENERS = ["", "", "收到了，", "第二次购买了，", "给家里人买的，", "用了一周来评价，"];
const ZH_CLOSERS = {
  positive: ["，推荐！", "，会回购。", "。", "，满意。"],
  mixed: ["，总体还行。", "，中规中矩。", "。"],
  negative: ["，不推荐。", "，已申请退货。", "，失望。", "。"],
};
const EN_OPENERS = ["", "", "Bought this as a gift. ", "Second one I have ordered. ", "After a week of use: "];
const EN_CLOSERS = {
  positive: [" Recommended.", " Would buy again.", "", " Happy with it."],
  mixed: [" Overall okay.", " Mixed feelings.", ""],
  negative: [" Would not recommend.", " Returning it.", " Disappointed.", ""],
};

type TTone = "positive" | "mixed" | "negative";

function reviewText(rng: TRng, locale: TLocale, aspects: readonly TAspect[], tone: TTone): string {
  const first = rng.pick(aspects);
  const rest = aspects.filter((a) => a.id !== first.id);
  const second = rest.length ? rng.pick(rest) : undefined;
  const phrase = (a: TAspect | undefined, positive: boolean): string | null =>
    a ? rng.pick(byLocale(locale, positive ? a.positive : a.negative)) : null;
  const parts =
    tone === "mixed"
      ? [phrase(first, true), phrase(second, false)]
      : [phrase(first, tone === "positive"), rng.chance(0.6) ? phrase(second, tone === "positive") : null];
  const said = parts.filter((p): p is string => p !== null);
  if (locale === "zh-CN") {
    const joiner = tone === "mixed" ? "，但是" : "，";
    return `${rng.pick(ZH_OPENERS)}${said.join(joiner)}${rng.pick(ZH_CLOSERS[tone])}`;
  }
  const joiner = tone === "mixed" ? ", but " : "; ";
  const body = capitalise(said.join(joiner));
  return `${rng.pick(EN_OPENERS)}${body}.${rng.pick(EN_CLOSERS[tone])}`;
}

const ratingFor = (rng: TRng, tone: TTone): number =>
  tone === "positive" ? rng.pick([4, 5, 5]) : tone === "mixed" ? 3 : rng.pick([1, 2, 2]);

/** 0-8 reviews mixing praise and complaints about the category's aspects and the common ones. */
export function demoReviews(options: {
  rng: TRng;
  locale: TLocale;
  sku: string;
  aspects: readonly TAspect[];
}): TReview[] {
  const { rng, locale, sku, aspects } = options;
  // A few products have no reviews yet, like a new listing.
  const count = rng.chance(0.1) ? 0 : rng.int(1, 8);
  const pool = [...aspects, ...aspects, ...COMMON_ASPECTS];
  // Each product gets its own leaning so some listings are loved and some are trouble.
  const positiveShare = rng.pick([0.85, 0.7, 0.55, 0.35]);
  const reviews: TReview[] = [];
  for (let i = 0; i < count; i++) {
    const roll = rng.next();
    const tone: TTone = roll < positiveShare ? "positive" : roll < positiveShare + 0.15 ? "mixed" : "negative";
    reviews.push({
      id: `${sku}-r${i + 1}`,
      author: reviewAuthor(rng, locale),
      rating: ratingFor(rng, tone),
      text: reviewText(rng, locale, pool, tone),
    });
  }
  return reviews;
}
