import type { TRng } from "./prng.js";
import { prices, type TAttributeValue, type TBilingual, type TLocale } from "./demo-vocabulary.js";

// How one demo category is described: locale-independent facts drawn from a seeded PRNG, then
// rendered into zh-CN or en-US attributes, title and sentences. Clean sentences only state what
// the attributes say, so a grounding check has nothing to find in them; seeded problems are added
// separately (demo-issues.ts) and recorded as labels.

export type TIdentity = { brand: TBilingual; model: string };
export type TFacts = TIdentity & { price: { cny: number; usd: number } };
export type TAttributes = Record<string, TAttributeValue>;

export type TByLocale<T> = { zh: T; en: T };
export const byLocale = <T>(locale: TLocale, v: TByLocale<T>): T => (locale === "zh-CN" ? v.zh : v.en);

export type TSentence<F> = {
  /** What the sentence talks about: a contradiction replaces the clean sentences of its topic. */
  topic: string;
  zh: (f: F, rng: TRng) => string;
  en: (f: F, rng: TRng) => string;
};

/** A claim that contradicts an attribute: the attribute keeps `expected`, the copy says `claimed`. */
export type TContradiction = { topic: string; attribute: string; expected: string; claimed: string; sentence: string };
export type TContradictionSpec<F> = {
  topic: string;
  make: (f: F, locale: TLocale) => Omit<TContradiction, "topic"> | null;
};

export type TAspect = {
  id: string;
  name: TBilingual;
  positive: TByLocale<readonly string[]>;
  negative: TByLocale<readonly string[]>;
};

export type TCategorySpec<E> = {
  slug: string;
  /** Two letters used in SKUs. */
  code: string;
  name: TBilingual;
  /** Merchants that sell the category; the first sells most of it. */
  merchants: readonly [string, ...string[]];
  /** Attribute keys every product of the category carries, per locale. */
  keyAttributes: TByLocale<readonly string[]>;
  brands: readonly TBilingual[];
  model: (rng: TRng) => string;
  priceCny: readonly [number, number];
  facts: (rng: TRng) => E;
  title: TByLocale<(f: TFacts & E, rng: TRng) => string>;
  attributes: TByLocale<(f: TFacts & E) => TAttributes>;
  /** The first sentence opens every description; 1-5 of the others follow in order. */
  sentences: readonly [TSentence<TFacts & E>, ...TSentence<TFacts & E>[]];
  contradictions: readonly TContradictionSpec<TFacts & E>[];
  /** Health claims a non-medical product must not make; `[...]` marks the phrase a linter should catch. */
  medical: TByLocale<readonly string[]>;
  aspects: readonly TAspect[];
};

export type TRenderedSentence = { topic: string; text: string };

/** One product's facts with everything the catalog builder needs, F hidden behind closures. */
export type TProductFacts = {
  brand: TBilingual;
  model: string;
  price: { cny: number; usd: number };
  withIdentity(identity: TIdentity): TProductFacts;
  title(locale: TLocale, rng: TRng): string;
  attributes(locale: TLocale): TAttributes;
  sentences(locale: TLocale, rng: TRng): TRenderedSentence[];
  /** A contradiction this product's attributes allow, or null when none applies. */
  contradiction(locale: TLocale, rng: TRng): TContradiction | null;
};

export type TCategory = Omit<
  TCategorySpec<unknown>,
  "facts" | "title" | "attributes" | "sentences" | "contradictions" | "brands" | "model"
> & {
  identity(rng: TRng, other?: TIdentity): TIdentity;
  create(rng: TRng): TProductFacts;
};

export function defineCategory<E>(spec: TCategorySpec<E>): TCategory {
  const identity = (rng: TRng, other?: TIdentity): TIdentity => {
    for (let attempt = 0; attempt < 20; attempt++) {
      const candidate = { brand: rng.pick(spec.brands), model: spec.model(rng) };
      if (!other || (candidate.brand.en !== other.brand.en && candidate.model !== other.model)) return candidate;
    }
    // Lists are long enough that this is unreachable in practice; stay total anyway.
    return {
      brand: { zh: `${other?.brand.zh ?? ""}优选`, en: `${other?.brand.en ?? ""} Select` },
      model: `${other?.model ?? "X"}-2`,
    };
  };

  const wrap = (f: TFacts & E): TProductFacts => ({
    brand: f.brand,
    model: f.model,
    price: f.price,
    withIdentity: (id) => wrap({ ...f, ...id }),
    title: (locale, rng) => byLocale(locale, spec.title)(f, rng),
    attributes: (locale) => byLocale(locale, spec.attributes)(f),
    sentences: (locale, rng) => {
      const [intro, ...rest] = spec.sentences;
      const others = rng.sample(rest, rng.int(1, Math.min(5, rest.length)));
      return [intro, ...others].map((s) => ({ topic: s.topic, text: byLocale(locale, s)(f, rng) }));
    },
    contradiction: (locale, rng) => {
      const options = rng.shuffle(spec.contradictions);
      for (const c of options) {
        const made = c.make(f, locale);
        if (made) return { topic: c.topic, ...made };
      }
      return null;
    },
  });

  const {
    facts: _facts,
    title: _title,
    attributes: _attributes,
    sentences: _sentences,
    contradictions: _c,
    brands: _b,
    model: _m,
    ...meta
  } = spec;
  return {
    ...meta,
    identity: (rng, other) => identity(rng, other),
    create: (rng) => {
      const id = identity(rng);
      const price = prices(rng, spec.priceCny[0], spec.priceCny[1]);
      return wrap({ ...id, price, ...spec.facts(rng) });
    },
  };
}

/** Splits a `[marked]` template into the sentence and the phrases a linter is expected to catch. */
export function markedPhrases(template: string): { sentence: string; phrases: string[] } {
  const phrases = [...template.matchAll(/\[([^\]]+)\]/g)].map((m) => m[1] ?? "");
  const sentence = template.replace(/\[|\]/g, "");
  return { sentence, phrases: phrases.length ? phrases : [sentence] };
}
