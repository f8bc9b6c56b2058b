import { extractAttributes } from "../analysis/attribute-extractor.js";
import { brandOf, codeSimilarity, foldAlnum, listingTokens, longestCommonSubstring } from "./product-codes.js";

// Pairwise features of two product listings, for the same-product matcher. Every feature is
// generic (no vocabulary learned from training data), so the weights carry over to catalogs the
// matcher was never trained on. Missing values are -1 (trees split them off).

export type TListing = {
  name: string;
  description?: string | null;
  price?: number | null;
  attributes?: Readonly<Record<string, unknown>> | null;
};

export type TListingProfile = {
  name: string;
  nameWords: Set<string>;
  fullWords: Set<string>;
  nameCodes: string[];
  allCodes: string[];
  nameNumbers: Set<string>;
  nameTrigrams: Set<string>;
  alnum: string;
  brand: string | null;
  price: number | null;
  editions: Set<string>;
  facts: Map<string, Set<string>>;
};

// Editions, platforms and packagings: listings of one title that differ in these are different
// products ("upgrade" vs full version, mac vs pc, 2-pack vs single).
const EDITION_WORDS = new Set(
  "upgrade academic student teacher education edu oem retail full mac win windows pc linux professional pro standard std premium home basic deluxe ultimate enterprise business express lite plus trial bundle kit refill case cover adapter charger cable mount stand bag replacement".split(
    " ",
  ),
);
const STOP = new Set("a an and the of for with in on to by from at or w".split(" "));
// Listing text beyond this is not read: specifications run long and add little.
const MAX_DESCRIPTION = 2_000;

function trigrams(s: string): Set<string> {
  const out = new Set<string>();
  const t = `#${s}#`;
  for (let i = 0; i + 3 <= t.length; i++) out.add(t.slice(i, i + 3));
  return out;
}

export function listingProfile(l: TListing): TListingProfile {
  const description = (l.description ?? "").slice(0, MAX_DESCRIPTION);
  const name = listingTokens(l.name);
  const full = listingTokens(`${l.name} ${description}`);
  const facts = new Map<string, Set<string>>();
  for (const f of extractAttributes(`${l.name}\n${description}`)) {
    if (f.normalized === undefined) continue;
    const key = f.unit ? `${f.key}:${f.unit}` : f.key;
    let set = facts.get(key);
    if (!set) facts.set(key, (set = new Set()));
    set.add(String(f.normalized));
  }
  const words = name.words.filter((w) => !STOP.has(w));
  return {
    name: l.name,
    nameWords: new Set(words),
    fullWords: new Set(full.words.filter((w) => !STOP.has(w))),
    nameCodes: name.codes,
    allCodes: full.codes,
    nameNumbers: new Set(name.numbers),
    nameTrigrams: trigrams(foldAlnum(l.name)),
    alnum: foldAlnum(`${l.name} ${description}`),
    brand: brandOf(l.name, l.attributes ?? null),
    price: typeof l.price === "number" && Number.isFinite(l.price) && l.price > 0 ? l.price : null,
    editions: new Set(words.filter((w) => EDITION_WORDS.has(w))),
    facts,
  };
}

const weightOf = (w: string) => (/\d/.test(w) ? 3 : w.length <= 2 ? 0.5 : 1);

function jaccard<T>(a: Set<T>, b: Set<T>): number {
  if (!a.size && !b.size) return -1;
  let inter = 0;
  for (const x of a) if (b.has(x)) inter++;
  return inter / (a.size + b.size - inter);
}

function containment<T>(a: Set<T>, b: Set<T>): number {
  if (!a.size || !b.size) return -1;
  let inter = 0;
  for (const x of a) if (b.has(x)) inter++;
  return inter / Math.min(a.size, b.size);
}

function weightedCosine(a: Set<string>, b: Set<string>): number {
  if (!a.size || !b.size) return -1;
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const x of a) {
    const w = weightOf(x) ** 2;
    na += w;
    if (b.has(x)) dot += w;
  }
  for (const x of b) nb += weightOf(x) ** 2;
  return dot / Math.sqrt(na * nb);
}

/** Share of `a`'s words found in `b`'s text. */
function coverage(a: Set<string>, b: Set<string>): number {
  if (!a.size) return -1;
  let hit = 0;
  for (const x of a) if (b.has(x)) hit++;
  return hit / a.size;
}

type TCodeComparison = {
  exact: number;
  best: number;
  inText: number;
  variant: number;
  conflict: number;
  both: number;
  /** Same family, other number: the best-matching pair shares a run of 3+ characters, not its digits. */
  family: number;
};

const digitGroups = (code: string) => code.replace(/\D+/g, " ").trim();

/**
 * How the model numbers of two listings relate. Equal or contained ("p6000" in "coolpixp6000bk"),
 * or one written anywhere in the other listing: the same product. Equal digits with other letters
 * ("nnh965bk" / "nnh965wh"): a variant (often the colour). Different digits: different products,
 * and when the codes are otherwise alike ("mdrex85lp" / "mdrex81lp") the same family.
 */
function compareCodes(a: TListingProfile, b: TListingProfile): TCodeComparison {
  const ca = a.nameCodes.length ? a.nameCodes : a.allCodes.slice(0, 3);
  const cb = b.nameCodes.length ? b.nameCodes : b.allCodes.slice(0, 3);
  let best = 0;
  let exact = 0;
  let variant = 0;
  for (const x of ca)
    for (const y of cb) {
      const s = codeSimilarity(x, y);
      if (s === 1) exact = 1;
      const digits = digitGroups(x);
      if (digits === digitGroups(y) && (digits.length >= 2 || longestCommonSubstring(x, y) >= 4)) variant = 1;
      if (s > best) best = s;
    }
  // A model number of one listing written anywhere in the other (spaces and hyphens ignored).
  const found = (codes: string[], text: string) => codes.some((c) => c.length >= 4 && text.includes(c));
  const inText = found(ca, b.alnum) || found(cb, a.alnum) ? 1 : 0;
  const both = ca.length && cb.length ? 1 : 0;
  const conflict = both && !inText && !variant && best < 0.5 ? 1 : 0;
  const letters = (c: string) => c.replace(/\d+/g, "#");
  const sameFamily = (x: string, y: string) =>
    digitGroups(x) !== digitGroups(y) && (letters(x) === letters(y) || longestCommonSubstring(x, y) >= 3);
  const family = conflict && ca.some((x) => cb.some((y) => sameFamily(x, y))) ? 1 : 0;
  return { exact, best: both ? best : -1, inText, variant, conflict, both, family };
}

// Versions and sizes ("2007", "11.2", "890"); longer digit runs are catalogue numbers and count
// as model numbers would: found inside the other's number ("931633" in "9316330403") they agree.
function numbersAgree(x: string, y: string): boolean {
  const norm = (n: string) => n.replace(/^0+(?=\d)/, "").replace(/(?:\.0+)+$/, "");
  const [p, q] = [norm(x), norm(y)];
  if (p === q) return true;
  const [s, l] = p.length <= q.length ? [p, q] : [q, p];
  if (l.startsWith(`${s}.`)) return true;
  return s.length >= 4 && l.replace(".", "").includes(s.replace(".", ""));
}

function numbers(a: TListingProfile, b: TListingProfile): { jaccard: number; conflict: number } {
  if (!a.nameNumbers.size || !b.nameNumbers.size) return { jaccard: -1, conflict: 0 };
  const short = (set: Set<string>) => [...set].filter((n) => n.replace(".", "").length <= 4);
  const sa = short(a.nameNumbers);
  const sb = short(b.nameNumbers);
  const agree = [...a.nameNumbers].some((x) => [...b.nameNumbers].some((y) => numbersAgree(x, y)));
  return { jaccard: jaccard(a.nameNumbers, b.nameNumbers), conflict: sa.length && sb.length && !agree ? 1 : 0 };
}

const withoutDigits = (words: Set<string>) => new Set([...words].filter((w) => !/\d/.test(w)));

function facts(a: TListingProfile, b: TListingProfile): { agree: number; contradict: number } {
  let agree = 0;
  let contradict = 0;
  for (const [key, va] of a.facts) {
    const vb = b.facts.get(key);
    if (!vb) continue;
    if ([...va].some((v) => vb.has(v))) agree++;
    else contradict++;
  }
  return { agree, contradict };
}

function editions(a: TListingProfile, b: TListingProfile): number {
  let diff = 0;
  for (const x of a.editions) if (!b.editions.has(x) && !b.fullWords.has(x)) diff++;
  for (const x of b.editions) if (!a.editions.has(x) && !a.fullWords.has(x)) diff++;
  return diff;
}

export const MATCHER_FEATURES = [
  "name_jaccard",
  "name_containment",
  "name_weighted_cosine",
  "name_trigram_jaccard",
  "full_jaccard",
  "name_coverage_min",
  "name_coverage_max",
  "code_exact",
  "code_best",
  "code_in_text",
  "code_variant",
  "code_conflict",
  "code_family_conflict",
  "code_both",
  "number_jaccard",
  "number_conflict",
  "name_jaccard_without_numbers",
  "brand_equal",
  "brand_in_other",
  "price_ratio",
  "embedding_cosine",
  "fact_agree",
  "fact_contradict",
  "edition_difference",
  "name_length_ratio",
] as const;

export type TMatcherFeatures = Float64Array;

/**
 * The feature vector of a pair (order of MATCHER_FEATURES). `embeddingCosine` is the cosine of the
 * two listings' name embeddings by `MATCHER_MODEL.embeddingModel` when the caller has them, else -1.
 */
export function matcherFeatures(
  a: TListingProfile,
  b: TListingProfile,
  o: { embeddingCosine?: number | null } = {},
): TMatcherFeatures {
  const codes = compareCodes(a, b);
  const nums = numbers(a, b);
  const fa = facts(a, b);
  const covAB = coverage(a.nameWords, b.fullWords);
  const covBA = coverage(b.nameWords, a.fullWords);
  const brandEqual = a.brand && b.brand ? (a.brand === b.brand ? 1 : 0) : -1;
  const brandInOther =
    (a.brand && (b.fullWords.has(a.brand) || b.alnum.startsWith(a.brand))) ||
    (b.brand && (a.fullWords.has(b.brand) || a.alnum.startsWith(b.brand)))
      ? 1
      : 0;
  const price = a.price && b.price ? Math.min(a.price, b.price) / Math.max(a.price, b.price) : -1;
  const la = a.nameWords.size;
  const lb = b.nameWords.size;
  const v = [
    jaccard(a.nameWords, b.nameWords),
    containment(a.nameWords, b.nameWords),
    weightedCosine(a.nameWords, b.nameWords),
    jaccard(a.nameTrigrams, b.nameTrigrams),
    jaccard(a.fullWords, b.fullWords),
    covAB < 0 || covBA < 0 ? -1 : Math.min(covAB, covBA),
    Math.max(covAB, covBA),
    codes.exact,
    codes.best,
    codes.inText,
    codes.variant,
    codes.conflict,
    codes.family,
    codes.both,
    nums.jaccard,
    nums.conflict,
    jaccard(withoutDigits(a.nameWords), withoutDigits(b.nameWords)),
    brandEqual,
    brandInOther,
    price,
    o.embeddingCosine ?? -1,
    fa.agree,
    fa.contradict,
    editions(a, b),
    la && lb ? Math.min(la, lb) / Math.max(la, lb) : -1,
  ];
  return Float64Array.from(v);
}

const at = (name: (typeof MATCHER_FEATURES)[number]) => MATCHER_FEATURES.indexOf(name);

/**
 * Whether two listings differ only in a model number, so that no score can call them the same
 * product: their model numbers are of one family but with other digits ("wh1000xm4" / "wh1000xm5"),
 * or their titles agree except for disjoint numbers ("iPhone 13" / "iPhone 14") with no model
 * number in common.
 */
export function differsInModelNumber(f: TMatcherFeatures): boolean {
  if (f[at("code_family_conflict")] === 1) return true;
  const codesAgree = f[at("code_exact")] === 1 || f[at("code_in_text")] === 1 || f[at("code_variant")] === 1;
  return !codesAgree && f[at("number_conflict")] === 1 && f[at("name_jaccard_without_numbers")]! >= 0.8;
}
