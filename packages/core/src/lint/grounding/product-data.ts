import { indexAttributes, type TIndexedAttribute, type TValueFact } from "../../analysis/attribute-comparison.js";
import { matches } from "../../analysis/attribute-matching.js";
import { parseNumber } from "../../analysis/attribute-numbers.js";
import type { TAttributeMap } from "../types.js";
import { ASPECT_WORDS, NEGATIVE, PRAISE, type TAspect } from "./claim-vocabulary.js";

/** An attribute as the grounding check reads it: indexed, plus its value compacted for lookups. */
export type TProductAttribute = TIndexedAttribute & {
  /** The value lower-cased without spaces, "-", "_" or "/" ("NSF/ANSI 42" → "nsfansi42"). */
  compact: string;
  /** The words of the name that say what it is about (see nameWordsOf), and whether they are Latin. */
  nameWords: readonly string[];
  nameLatin: boolean;
  /** The numbers the value states, with the mark after each ("99.9%" → 99.9 and "%"). */
  numbers: ReadonlyArray<{ value: number; mark: string }>;
  /** The counts it states ("30袋" → 30 and 袋, "10 cups" → 10 and "cup"). */
  counts: ReadonlyArray<{ n: number; stem: string }>;
};

const NUMBER_IN_VALUE = /(\d+(?:,\d{3})*(?:\.\d+)?)\s?(%|倍|x|points?|个百分点)?/g;
const COUNT_IN_VALUE =
  /(\d+|[二两三四五六七八九十百千]{1,4})\s?(?:x\s?)?(片|颗|粒|袋|包|瓶|罐|盒|支|件套|件|套|只|条|张|卷|本|双|对|键|项|档|段|号|层|格|孔|人份|抽|枚|根|台|块|[A-Za-z][A-Za-z ]*)/g;
/** What a count counts, comparably: Latin words by their first letters without plural ("shelves" → "shel"). */
export const countStem = (w: string): string => {
  const lower = w.toLowerCase().trim();
  return /[a-z]/.test(lower) ? lower.replace(/(?:ves|es|s)$/, "").slice(0, 4) : lower;
};

// Words in attribute names that say what kind of figure follows, not what it is of: "发热时长" is
// named by 发热, "burn_time" by burn, "cold_retention" by cold.
const NAME_GENERIC_ZH =
  /(?:时长|时间|长度|重量|容量|尺寸|大小|数量|功率|温度|速度|深度|高度|宽度|厚度|范围|等级|级别)$/;
const NAME_GENERIC_EN = new Set(
  "time life size length weight capacity rate level count number per max min maximum minimum retention total of the".split(
    " ",
  ),
);
function nameWordsOf(lname: string): { nameWords: string[]; nameLatin: boolean } {
  if (/[\u4e00-\u9fff]/.test(lname)) {
    const stem = lname.length > 2 ? lname.replace(NAME_GENERIC_ZH, "") : lname;
    return { nameWords: [lname, stem].filter((w, i, all) => w.length >= 2 && all.indexOf(w) === i), nameLatin: false };
  }
  return { nameWords: lname.split(" ").filter((w) => w.length >= 3 && !NAME_GENERIC_EN.has(w)), nameLatin: true };
}
export type TAttributeFactRef = { a: TProductAttribute; f: TValueFact };

/** A product's attributes, read once and shared by every claim of every field linted against them. */
export type TProductData = {
  /** Whether attributes were given at all: without them nothing can be checked, only listed. */
  given: boolean;
  attributes: readonly TProductAttribute[];
  byKey: ReadonlyMap<string, readonly TProductAttribute[]>;
  /** Every fact stated by any attribute's value. */
  facts: readonly TAttributeFactRef[];
  /** The same facts by canonical unit (measurements) and by key. */
  factsByUnit: ReadonlyMap<string, readonly TAttributeFactRef[]>;
  factsByKey: ReadonlyMap<string, readonly TAttributeFactRef[]>;
  /** Brand names the attributes give (their mentions in copy are not claims to check). */
  brands: readonly string[];
};

const EMPTY: TProductData = {
  given: false,
  attributes: [],
  byKey: new Map(),
  facts: [],
  factsByUnit: new Map(),
  factsByKey: new Map(),
  brands: [],
};
export const compact = (s: string): string => s.toLowerCase().replace(/[\s\-_/]/g, "");

function groupBy<T>(items: readonly T[], keyOf: (x: T) => string | undefined): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const x of items) {
    const k = keyOf(x);
    if (k === undefined) continue;
    const list = out.get(k);
    if (list) list.push(x);
    else out.set(k, [x]);
  }
  return out;
}
// The same attribute object is linted for title, bullets and description, and often many times.
const cache = new WeakMap<object, TProductData>();

export function productData(attributes: TAttributeMap | undefined): TProductData {
  if (!attributes) return EMPTY;
  const hit = cache.get(attributes);
  if (hit) return hit;
  const indexed: TProductAttribute[] = indexAttributes(attributes).map((a) => ({
    ...a,
    compact: compact(a.text),
    ...nameWordsOf(a.lname),
    numbers: matches(NUMBER_IN_VALUE, a.text).map((m) => ({
      value: Number(m[1]!.replace(/,/g, "")),
      mark: m[2] ?? "",
    })),
    counts: matches(COUNT_IN_VALUE, a.text).map((m) => ({ n: parseNumber(m[1]!), stem: countStem(m[2]!) })),
  }));
  const facts = indexed.flatMap((a) => a.facts.map((f) => ({ a, f })));
  const data: TProductData = {
    given: true,
    attributes: indexed,
    byKey: groupBy(indexed, (a) => a.key ?? undefined),
    facts,
    factsByUnit: groupBy(facts, (x) => (typeof x.f.normalized === "number" ? x.f.unit : undefined)),
    factsByKey: groupBy(facts, (x) => x.f.key),
    brands: indexed.filter((a) => a.key === "brand").flatMap((a) => (typeof a.value === "string" ? [a.value] : [])),
  };
  cache.set(attributes, data);
  return data;
}

/** The attributes whose name or value contains one of `words` (lower case). */
export function attributesMentioning(data: TProductData, words: readonly string[]): TProductAttribute[] {
  return data.attributes.filter((a) => words.some((w) => a.lname.includes(w) || a.text.includes(w)));
}

type TReviewSentence = { reviewId?: string; text: string };
const reviewCache = new WeakMap<object, TReviewSentence[]>();
// Reviews can be many and long; praise is found in the first ones.
const MAX_REVIEWS = 200;
const MAX_SENTENCE = 160;

function reviewSentences(reviews: readonly { id?: string; text: string }[]): TReviewSentence[] {
  const hit = reviewCache.get(reviews);
  if (hit) return hit;
  const out: TReviewSentence[] = [];
  for (const r of reviews.slice(0, MAX_REVIEWS)) {
    for (const piece of r.text.split(/[。！？!?\n.;；]+/)) {
      const text = piece.trim().slice(0, MAX_SENTENCE);
      if (text) out.push({ ...(r.id ? { reviewId: r.id } : {}), text });
    }
  }
  reviewCache.set(reviews, out);
  return out;
}

/**
 * A review sentence that praises the aspect (mentions it and a word of praise, and no complaint),
 * or null. Reviews back experiential claims ("续航给力", "comfortable"), never measurements.
 */
export function reviewPraising(
  reviews: readonly { id?: string; text: string }[] | undefined,
  aspect: TAspect,
  words: readonly string[] = [],
): TReviewSentence | null {
  if (!reviews?.length) return null;
  const aspectRe = ASPECT_WORDS[aspect];
  for (const sentence of reviewSentences(reviews)) {
    const lower = sentence.text.toLowerCase();
    const onAspect = aspectRe.test(sentence.text) || words.some((w) => lower.includes(w.toLowerCase()));
    if (!onAspect || NEGATIVE.test(sentence.text)) continue;
    if (PRAISE.test(sentence.text) || words.some((w) => lower.includes(w.toLowerCase()))) return sentence;
  }
  return null;
}
