import model from "./models/generator-v1.json" with { type: "json" };
import { buildDictionary, type TDictionary } from "../analysis/attribute-dictionary.js";

// generator-v1: the planner's statistics and the realiser's phrase templates, mined from the
// AdvertiseGen sample by packages/ml/scripts/train-generator.mjs (docs/models/generator-v1.md).

/** A clause around one attribute value: `l + value + r`. */
export type TTemplate = {
  /** Slot class (衣领型 and 裙领型 are both 领型). */
  c: string;
  l: string;
  r: string;
  /** 1: takes any value of its class; 0: only the values it was seen with (`v`). */
  p: number;
  v: string[];
  /** Base score: how often and how typically the corpus says it this way. */
  s: number;
  /** How often it opened a description. */
  o: number;
};

export type TGeneratorModel = {
  name: string;
  version: string;
  weights: { count: number; typicality: number; exact: number; opening: number };
  /** Attribute key → slot class, for the keys the model has seen. */
  classes: Record<string, string>;
  /** Values seen per key: facts a phrase may only state when the product has them. */
  values: Record<string, string[]>;
  /** Parts of values that name the same fact (牛仔 of 牛仔布). */
  stems: string[];
  planner: {
    /** Category (类型) → key → mean relative position of its first mention in a description. */
    byCategory: Record<string, Record<string, number>>;
    byClass: Record<string, number>;
  };
  templates: TTemplate[];
  /** Fact-free clauses that follow a clause about a class, best first. */
  connectives: Record<string, { t: string; s: number }[]>;
  /** Fact-free clauses that close a description, best first. */
  fillers: { t: string; s: number }[];
  /** The same, ranked for each category (类型): what its copy typically says. */
  fillersByCategory: Record<string, { t: string; s: number }[]>;
  /** The references' character n-grams, for choosing the realisation a reference most likely shares. */
  ngrams?: TNgramStats;
};

/** N-grams by how many references contain them: count → `|`-separated n-grams. */
type TGramGroups = Record<string, string>;
type TGramCounts = { n: number; df: TGramGroups; repeats: TGramGroups };

export type TNgramStats = TGramCounts & {
  byCategory: Record<string, TGramCounts>;
  /** Per value: references of inputs with it, and the n-grams they share more than others do. */
  byValue: Record<string, { n: number; df: TGramGroups }>;
  /** Share of input values a reference states verbatim. */
  valueShare: number;
  /** Reference length ≈ mean + perValue·(values − meanValues) + a residual (quantiles). */
  length: { meanValues: number; mean: number; perValue: number; residuals: number[] };
};

/** Decoded n-gram counts: references containing each n-gram, and its occurrences beyond one per reference. */
export type TGramTable = { n: number; df: ReadonlyMap<string, number>; repeats: ReadonlyMap<string, number> };

export const GENERATOR_MODEL = model as TGeneratorModel;

const GARMENT_KEYS = new Set(["衣样式", "裙型", "裤型", "裙长", "裤长"]);
const CLASS_PREFIX = /^(衣|裙|裤)(?=款式|领型|袖型|袖长|门襟|腰型|衣门襟|衣长)/;

/**
 * The slot class of an apparel key: keys that mean the same for different garments share templates
 * (衣领型 and 裙领型 are 领型; 衣样式, 裙型, 裤型, 裙长, 裤长 name the garment: 品类). Training and
 * generation use this one rule, so a key the mining data never had still finds its class.
 */
export function slotClassOf(key: string): string {
  if (GARMENT_KEYS.has(key)) return "品类";
  const k = key.replace(CLASS_PREFIX, "");
  return k === "衣门襟" ? "门襟" : k;
}
/** Name of the template generator, as stored on variants (`Variant.generator`). */
export const GENERATOR_NAME = "truecopy-template";
/** Bumped with the model or any change to planning, realisation or the gate. */
export const GENERATOR_VERSION = `${GENERATOR_MODEL.name}@${GENERATOR_MODEL.version}`;

export type TCompiledModel = {
  model: TGeneratorModel;
  /** Templates by class, best first. */
  templatesByClass: ReadonlyMap<string, readonly TTemplate[]>;
  /** Every value and stem of the vocabulary, matched in one pass. */
  vocabulary: TDictionary;
  /** The slot class of a key: the model's own, else the class rule when the model has that class. */
  classOf: (key: string) => string | null;
  /** The references' n-grams, all and per category (类型); null for a model without them. */
  ngrams: {
    all: TGramTable;
    byCategory: ReadonlyMap<string, TGramTable>;
    byValue: ReadonlyMap<string, TGramTable>;
    /** N-gram → the values whose references favour it (`byValue` inverted). */
    favouredBy: ReadonlyMap<string, readonly { value: string; df: number; n: number }[]>;
    stats: TNgramStats;
  } | null;
};

const decodeGrams = (groups: TGramGroups): Map<string, number> => {
  const m = new Map<string, number>();
  for (const [count, grams] of Object.entries(groups)) for (const g of grams.split("|")) m.set(g, Number(count));
  return m;
};
const gramTable = (c: { n: number; df: TGramGroups; repeats?: TGramGroups }): TGramTable => ({
  n: c.n,
  df: decodeGrams(c.df),
  repeats: decodeGrams(c.repeats ?? {}),
});

let compiled: TCompiledModel | null = null;

/** The shipped model with its lookup structures, built once per process. */
export function compiledModel(): TCompiledModel {
  compiled ??= compileModel(GENERATOR_MODEL);
  return compiled;
}

/**
 * Lookup structures for a model: the shipped one, or one mined from part of the corpus (the
 * evaluation's cross-validation trains a model per fold and generates with it).
 */
export function compileModel(model: TGeneratorModel): TCompiledModel {
  const byClass = new Map<string, TTemplate[]>();
  for (const t of model.templates) {
    const list = byClass.get(t.c);
    if (list) list.push(t);
    else byClass.set(t.c, [t]);
  }
  for (const list of byClass.values()) list.sort((a, b) => b.s - a.s);
  const surfaces = new Set<string>(model.stems);
  // Single characters (裙, 裤, 衫, h) are everywhere in ordinary words: they are facts only as
  // attribute values the input gives, which the gate checks separately.
  for (const list of Object.values(model.values)) for (const v of list) if (v.length > 1) surfaces.add(v);
  const known = new Set(Object.values(model.classes));
  return {
    model,
    templatesByClass: byClass,
    classOf: (key) => model.classes[key] ?? (known.has(slotClassOf(key)) ? slotClassOf(key) : null),
    vocabulary: buildDictionary([Object.fromEntries([...surfaces].map((s) => [s, [s]]))]),
    ngrams: model.ngrams ? compileNgrams(model.ngrams) : null,
  };
}

function compileNgrams(stats: TNgramStats): NonNullable<TCompiledModel["ngrams"]> {
  const byValue = new Map(Object.entries(stats.byValue).map(([v, c]) => [v, gramTable(c)]));
  const favouredBy = new Map<string, { value: string; df: number; n: number }[]>();
  for (const [value, t] of byValue)
    for (const [g, df] of t.df) {
      const list = favouredBy.get(g);
      if (list) list.push({ value, df, n: t.n });
      else favouredBy.set(g, [{ value, df, n: t.n }]);
    }
  return {
    all: gramTable(stats),
    byCategory: new Map(Object.entries(stats.byCategory).map(([cat, c]) => [cat, gramTable(c)])),
    byValue,
    favouredBy,
    stats,
  };
}
