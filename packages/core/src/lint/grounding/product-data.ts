import { indexAttributes, type TIndexedAttribute, type TValueFact } from "../../analysis/attribute-comparison.js";
import type { TAttributeMap } from "../types.js";
import { ASPECT_WORDS, NEGATIVE, PRAISE, type TAspect } from "./claim-vocabulary.js";

/** An attribute as the grounding check reads it: indexed, plus its value compacted for lookups. */
export type TProductAttribute = TIndexedAttribute & {
  /** The value lower-cased without spaces, "-", "_" or "/" ("NSF/ANSI 42" → "nsfansi42"). */
  compact: string;
};
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
  const indexed: TProductAttribute[] = indexAttributes(attributes).map((a) => ({ ...a, compact: compact(a.text) }));
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
