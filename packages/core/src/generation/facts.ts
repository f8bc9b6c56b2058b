import { extractAspectMentions, judgeMention } from "../insights/review-aspects.js";
import { summarizeAspects } from "../insights/aspect-summary.js";
import type { TLintLocale } from "../lint/types.js";
import type { TImageFacts } from "../vision/image-analysis.js";
import type { TGenerationInput, TImageFact, TProvenance } from "./types.js";

/** One thing the copy may state, with where it comes from. */
export type TFact = {
  key: string;
  value: string;
  provenance: TProvenance;
  /** Slot class when the model knows the key (apparel attributes), else null. */
  cls: string | null;
};

export const sourceOf = (p: TProvenance): string =>
  p.kind === "attribute"
    ? `attribute:${p.key}`
    : p.kind === "review"
      ? `review:${p.reviewIds[0] ?? ""}`
      : `image:${p.imageId}`;

const MAX_VALUE_CHARS = 80;

/** Attribute values as strings; booleans only when true (a feature the product has), empty values dropped. */
function valuesOf(v: unknown): string[] {
  if (Array.isArray(v)) return v.flatMap(valuesOf);
  if (typeof v === "boolean") return v ? ["是"] : [];
  if (typeof v === "number") return Number.isFinite(v) ? [String(v)] : [];
  if (typeof v !== "string") return [];
  const s = v.trim().replace(/\s+/g, " ");
  return s && s.length <= MAX_VALUE_CHARS ? [s] : [];
}

/** The product's attributes and image findings as facts, in input order, without duplicates. */
export function inputFacts(input: TGenerationInput, classOf: (key: string) => string | null): TFact[] {
  const out: TFact[] = [];
  const seen = new Set<string>();
  for (const [key, raw] of Object.entries(input.attributes)) {
    for (const value of valuesOf(raw)) {
      const id = `${key}\u0000${value}`;
      if (seen.has(id)) continue;
      seen.add(id);
      out.push({ key, value, provenance: { kind: "attribute", key }, cls: classOf(key) });
    }
  }
  for (const f of input.imageFindings ?? []) {
    const value = f.value.trim();
    const id = `${f.key}\u0000${value}`;
    if (!value || seen.has(id)) continue;
    seen.add(id);
    out.push({
      key: f.key,
      value,
      provenance: { kind: "image", imageId: f.imageId, key: f.key },
      cls: classOf(f.key),
    });
  }
  return out;
}

/** Reviews that praise an aspect: at least this many, and this share of those that mention it. */
const MIN_PRAISING_REVIEWS = 2;
const MIN_POSITIVE_SHARE = 0.7;
const MAX_PRAISED_ASPECTS = 2;

/** What reviewers praise, as facts with the praising reviews as provenance (an experience, never a spec). */
export function praiseFacts(input: TGenerationInput, locale: TLintLocale): TFact[] {
  const reviews = (input.reviews ?? []).filter((r): r is { id: string; text: string } => !!r.id && !!r.text);
  if (!reviews.length) return [];
  const judged = reviews.slice(0, 200).map((r) => ({
    reviewId: r.id,
    mentions: extractAspectMentions(r.text).map((m) => judgeMention(m)),
  }));
  const summaries = summarizeAspects(judged, { language: locale, maxQuotes: 5 });
  return summaries
    .filter((s) => s.positive >= MIN_PRAISING_REVIEWS && s.share >= MIN_POSITIVE_SHARE)
    .sort((a, b) => b.positive - a.positive || (a.aspect < b.aspect ? -1 : 1))
    .slice(0, MAX_PRAISED_ASPECTS)
    .map((s) => {
      const reviewIds = [
        ...new Set(
          judged
            .filter((r) => r.mentions.some((m) => m.aspect === s.aspect && m.polarity === "positive"))
            .map((r) => r.reviewId),
        ),
      ];
      return {
        key: `review:${s.aspect}`,
        value: s.label,
        provenance: { kind: "review", reviewIds, aspect: s.aspect },
        cls: null,
      } satisfies TFact;
    });
}

const COLOUR_KEY = /颜色|配色|色彩|colou?r/i;

/**
 * What checked product images contribute as facts: the main colour of the first image that has
 * one, only when no attribute gives a colour (the merchant's data wins over a picture).
 */
export function imageColourFacts(
  images: readonly TImageFacts[],
  o: { locale: TLintLocale; attributes: TGenerationInput["attributes"] },
): TImageFact[] {
  if (Object.keys(o.attributes).some((k) => COLOUR_KEY.test(k))) return [];
  for (const img of images) {
    const c = img.colours[0];
    if (c && img.imageId)
      return [
        {
          imageId: img.imageId,
          key: o.locale === "zh" ? "颜色" : "colour",
          value: o.locale === "zh" ? c.nameZh : c.nameEn,
        },
      ];
  }
  return [];
}
