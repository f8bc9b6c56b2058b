import type { TProductRowInput } from "@truecopy/core";
import { createRng, mixSeed, type TRng } from "./prng.js";
import type { TCategory, TProductFacts, TRenderedSentence } from "./demo-category.js";
import { say, type TLocale } from "./demo-vocabulary.js";
import { demoReviews } from "./demo-reviews.js";
import {
  applyContradiction,
  insertSentence,
  nearDuplicateText,
  phraseIssue,
  type TDemoIssue,
  type TPhraseIssueKind,
} from "./demo-issues.js";
import { deskLamp, earbuds, phoneCase, powerBank, smartwatch } from "./electronics.categories.js";
import { backpack, dress, runningShoes, tShirt } from "./fashion.categories.js";
import { kitchen, skincare, tea } from "./home.categories.js";

// The demo catalog `truecopy seed` loads: ~half zh-CN, half en-US, three merchants, twelve
// categories, reviews, and a known set of seeded problems (see demoCatalogLabels). Every word
// is generated from templates written for truecopy, so the data carries no third-party licence.

export type { TDemoIssue, TDemoIssueKind } from "./demo-issues.js";
export type { TLocale } from "./demo-vocabulary.js";

export type TDemoMerchant = { slug: string; name: string };
export type TDemoLabels = Record<string, TDemoIssue[]>;
export type TDemoCategoryInfo = {
  slug: string;
  name: { zh: string; en: string };
  merchants: string[];
  keyAttributes: Record<TLocale, string[]>;
};

export const DEMO_SEED = 20261128;
export const DEMO_CATALOG_SIZE = 264;
/** Shares of products that get a seeded compliance/grounding problem and that copy another's text. */
export const DEMO_ISSUE_RATE = 0.15;
export const DEMO_DUPLICATE_RATE = 0.1;

const MERCHANTS = [
  { slug: "acme-electronics", name: "Acme Electronics", code: "AE" },
  { slug: "lotus-fashion", name: "Lotus Fashion", code: "LF" },
  { slug: "greenleaf-home", name: "Greenleaf Home", code: "GH" },
] as const;

const CATEGORIES: readonly TCategory[] = [
  smartwatch,
  earbuds,
  powerBank,
  phoneCase,
  tShirt,
  dress,
  runningShoes,
  skincare,
  tea,
  kitchen,
  backpack,
  deskLamp,
];
const LOCALES: readonly TLocale[] = ["zh-CN", "en-US"];

export function demoMerchants(): TDemoMerchant[] {
  return MERCHANTS.map(({ slug, name }) => ({ slug, name }));
}

export function demoCategories(): TDemoCategoryInfo[] {
  return CATEGORIES.map((c) => ({
    slug: c.slug,
    name: { ...c.name },
    merchants: [...c.merchants],
    keyAttributes: { "zh-CN": [...c.keyAttributes.zh], "en-US": [...c.keyAttributes.en] },
  }));
}

type TPlan = "clean" | "near-duplicate" | TPhraseIssueKind | "contradiction";

// Contradictions come up twice as often as each phrase kind: grounding is the harder problem.
const ISSUE_CYCLE: readonly TPlan[] = ["contradiction", "absolute", "medical", "contradiction", "guarantee", "urgency"];

/** Decides up front which rows carry which problem, so the shares are exact rather than random. */
function planRows(count: number, rng: TRng): TPlan[] {
  const plan: TPlan[] = new Array<TPlan>(count).fill("clean");
  const order = rng.shuffle(Array.from({ length: count }, (_, i) => i));
  // A copy needs an original written before it.
  const earliestCopy = Math.min(CATEGORIES.length * 2, Math.floor(count / 2));
  let copies = Math.round(count * DEMO_DUPLICATE_RATE);
  for (const i of order) {
    if (copies === 0) break;
    if (i >= earliestCopy) {
      plan[i] = "near-duplicate";
      copies--;
    }
  }
  let issues = Math.round(count * DEMO_ISSUE_RATE);
  let k = 0;
  for (const i of order) {
    if (issues === 0) break;
    if (plan[i] === "clean") {
      plan[i] = ISSUE_CYCLE[k++ % ISSUE_CYCLE.length] ?? "absolute";
      issues--;
    }
  }
  return plan;
}

type TOriginal = {
  category: TCategory;
  locale: TLocale;
  merchant: string;
  sku: string;
  facts: TProductFacts;
  description: string;
};

const joinSentences = (locale: TLocale, sentences: TRenderedSentence[]): string =>
  sentences.map((s) => s.text).join(locale === "zh-CN" ? "" : " ");

const merchantCode = (slug: string): string => MERCHANTS.find((m) => m.slug === slug)?.code ?? "XX";

/** Generates `count` rows and their labels; row i depends only on (seed, i) and the rows before it. */
export function generateCatalog(options: { count: number; seed: number; skuTag?: string }): {
  rows: TProductRowInput[];
  labels: TDemoLabels;
} {
  const { count, seed, skuTag = "" } = options;
  const plan = planRows(count, createRng(mixSeed(seed, -1)));
  const pad = count > 9_999 ? 6 : 4;
  const counters = new Map<string, number>();
  const originals: TOriginal[] = [];
  const sharedOriginals: TOriginal[] = [];
  const rows: TProductRowInput[] = [];
  const labels: TDemoLabels = {};

  const nextSku = (merchant: string, category: TCategory): string => {
    const key = `${merchant}/${category.code}`;
    const n = (counters.get(key) ?? 0) + 1;
    counters.set(key, n);
    return `${merchantCode(merchant)}-${category.code}-${skuTag}${String(n).padStart(pad, "0")}`;
  };

  for (let i = 0; i < count; i++) {
    const rng = createRng(mixSeed(seed, i));
    const kind = plan[i] ?? "clean";
    const issues: TDemoIssue[] = [];
    let category = CATEGORIES[i % CATEGORIES.length] as TCategory;
    let locale = LOCALES[Math.floor(i / CATEGORIES.length) % 2] as TLocale;
    let merchant: string =
      category.merchants.length > 1 && rng.chance(0.3) ? rng.pick(category.merchants.slice(1)) : category.merchants[0];
    let facts: TProductFacts;
    let description: string;
    let sku: string;

    const source = kind === "near-duplicate" && originals.length ? pickOriginal(rng, originals, sharedOriginals) : null;
    if (source) {
      category = source.category;
      locale = source.locale;
      const crossMerchant = category.merchants.length > 1 && rng.chance(0.6);
      merchant = crossMerchant ? rng.pick(category.merchants.filter((m) => m !== source.merchant)) : source.merchant;
      facts = source.facts.withIdentity(
        category.identity(rng, { brand: source.facts.brand, model: source.facts.model }),
      );
      sku = nextSku(merchant, category);
      const copied = nearDuplicateText({
        text: source.description,
        locale,
        rename: [
          [say(locale, source.facts.brand), say(locale, facts.brand)],
          [source.facts.model, facts.model],
        ],
        rng,
      });
      description = copied.text;
      issues.push({
        kind: "near-duplicate",
        of: source.sku,
        ofMerchant: source.merchant,
        crossMerchant: merchant !== source.merchant,
        swaps: copied.swaps,
      });
    } else {
      facts = category.create(rng);
      sku = nextSku(merchant, category);
      let sentences = facts.sentences(locale, rng);
      const contradiction = kind === "contradiction" ? facts.contradiction(locale, rng) : null;
      if (contradiction) {
        sentences = applyContradiction(sentences, contradiction, rng);
        issues.push({ kind: "contradiction", ...contradiction });
      } else if (kind !== "clean" && kind !== "near-duplicate") {
        const phraseKind: TPhraseIssueKind = kind === "contradiction" ? "absolute" : kind;
        const issue = phraseIssue({ kind: phraseKind, category, locale, rng });
        sentences = insertSentence(sentences, { topic: phraseKind, text: issue.sentence }, rng);
        issues.push(issue);
      }
      description = joinSentences(locale, sentences);
      if (issues.length === 0) {
        const original = { category, locale, merchant, sku, facts, description };
        originals.push(original);
        if (category.merchants.length > 1) sharedOriginals.push(original);
      }
    }

    const price = locale === "zh-CN" ? facts.price.cny : facts.price.usd;
    const images = [`demo/images/${sku}.jpg`, ...(rng.chance(0.5) ? [`demo/images/${sku}-2.jpg`] : [])];
    rows.push({
      merchant,
      sku,
      title: facts.title(locale, rng),
      description,
      category: category.slug,
      locale,
      price,
      currency: locale === "zh-CN" ? "CNY" : "USD",
      attributes: facts.attributes(locale),
      images,
      reviews: demoReviews({ rng, locale, sku, aspects: category.aspects }),
    });
    if (issues.length) labels[sku] = issues;
  }
  return { rows, labels };
}

// Copies across merchants only happen in categories two merchants sell, so lean on those a little.
function pickOriginal(rng: TRng, all: TOriginal[], shared: TOriginal[]): TOriginal {
  return shared.length && rng.chance(0.4) ? rng.pick(shared) : rng.pick(all);
}

/** The demo catalog: DEMO_CATALOG_SIZE products, the same on every run. */
export function demoCatalog(): TProductRowInput[] {
  return generateCatalog({ count: DEMO_CATALOG_SIZE, seed: DEMO_SEED }).rows;
}

/**
 * SKU → the problems seeded into that product of demoCatalog(). SKUs are unique across merchants
 * (they start with the merchant's code). Products absent from the record were written clean.
 */
export function demoCatalogLabels(): TDemoLabels {
  return generateCatalog({ count: DEMO_CATALOG_SIZE, seed: DEMO_SEED }).labels;
}

/** `n` rows built from the same templates with SKUs that never collide with the demo's, for benchmarks. */
export function scaledCatalog(n: number, seed = 1): TProductRowInput[] {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`scaledCatalog needs a whole number of rows, got ${n}`);
  return generateCatalog({ count: n, seed, skuTag: `S${seed}-` }).rows;
}
