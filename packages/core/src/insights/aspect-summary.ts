// Per-product aspect summaries ("续航: 82% positive of 37 mentions") with a few short quotes.
import { ASPECTS, type TAspectId } from "./aspect-lexicon.js";
import type { TAspectPolarity, TJudgedMention } from "./review-aspects.js";

export type TAspectQuote = { text: string; reviewId: string; polarity: TAspectPolarity };

export type TAspectSummary = {
  aspect: TAspectId;
  /** The aspect's name in the product's language. */
  label: string;
  /** Reviews that mention the aspect (a review mentioning it twice counts once). */
  mentions: number;
  positive: number;
  negative: number;
  neutral: number;
  /** positive / mentions: the "82%" of "82% positive of 37 mentions". */
  share: number;
  /** e.g. "续航：82% 好评（37 条提及）" or "battery: 82% positive of 37 mentions". */
  summary: string;
  /** Up to `maxQuotes` clauses, surest first, both polarities when the reviews have both. */
  quotes: TAspectQuote[];
};

export type TReviewMentions = { reviewId: string; mentions: readonly TJudgedMention[] };

const LABELS = new Map(ASPECTS.map((a) => [a.id, a.label]));

function describe(language: "zh" | "en", label: string, share: number, mentions: number): string {
  const pct = Math.round(share * 100);
  return language === "zh"
    ? `${label}：${pct}% 好评（${mentions} 条提及）`
    : `${label}: ${pct}% positive of ${mentions} mentions`;
}

const sign = (p: TAspectPolarity): number => (p === "positive" ? 1 : p === "negative" ? -1 : 0);

/**
 * Summarises the judged mentions of a product's reviews per aspect, most mentioned first. A
 * review's verdict on an aspect is the confidence-weighted vote of its mentions of it (a tie is
 * neutral), so one long review cannot outvote the others.
 */
export function summarizeAspects(
  reviews: readonly TReviewMentions[],
  options: { language: "zh" | "en"; maxQuotes?: number },
): TAspectSummary[] {
  const maxQuotes = options.maxQuotes ?? 3;
  type TAcc = {
    positive: number;
    negative: number;
    neutral: number;
    quotes: (TAspectQuote & { confidence: number })[];
  };
  const acc = new Map<TAspectId, TAcc>();
  for (const review of reviews) {
    const votes = new Map<TAspectId, number>();
    for (const m of review.mentions) {
      votes.set(m.aspect, (votes.get(m.aspect) ?? 0) + sign(m.polarity) * m.confidence);
      let a = acc.get(m.aspect);
      if (!a) acc.set(m.aspect, (a = { positive: 0, negative: 0, neutral: 0, quotes: [] }));
      if (m.polarity !== "neutral" && m.clause.text)
        a.quotes.push({
          text: m.clause.text,
          reviewId: review.reviewId,
          polarity: m.polarity,
          confidence: m.confidence,
        });
    }
    for (const [aspect, vote] of votes) {
      const a = acc.get(aspect)!;
      if (vote > 0) a.positive++;
      else if (vote < 0) a.negative++;
      else a.neutral++;
    }
  }
  const out: TAspectSummary[] = [];
  for (const [aspect, a] of acc) {
    const mentions = a.positive + a.negative + a.neutral;
    const share = mentions ? a.positive / mentions : 0;
    const label = LABELS.get(aspect)![options.language];
    out.push({
      aspect,
      label,
      mentions,
      positive: a.positive,
      negative: a.negative,
      neutral: a.neutral,
      share,
      summary: describe(options.language, label, share, mentions),
      quotes: pickQuotes(a.quotes, a.positive >= a.negative ? "positive" : "negative", maxQuotes),
    });
  }
  return out.sort((x, y) => y.mentions - x.mentions || y.share - x.share || (x.aspect < y.aspect ? -1 : 1));
}

/** The surest quote of each polarity (majority first), then the next surest of the majority. */
function pickQuotes(
  candidates: (TAspectQuote & { confidence: number })[],
  majority: TAspectPolarity,
  max: number,
): TAspectQuote[] {
  const ranked = [...candidates].sort(
    (a, b) => b.confidence - a.confidence || a.text.length - b.text.length || (a.reviewId < b.reviewId ? -1 : 1),
  );
  const minority: TAspectPolarity = majority === "positive" ? "negative" : "positive";
  const chosen: typeof ranked = [];
  const texts = new Set<string>();
  const take = (q: (typeof ranked)[number] | undefined) => {
    if (!q || chosen.length >= max || texts.has(q.text)) return;
    texts.add(q.text);
    chosen.push(q);
  };
  take(ranked.find((q) => q.polarity === majority));
  take(ranked.find((q) => q.polarity === minority));
  for (const q of ranked) if (q.polarity === majority) take(q);
  for (const q of ranked) take(q);
  return chosen
    .sort((a, b) => (a.polarity === b.polarity ? 0 : a.polarity === majority ? -1 : 1))
    .map(({ text, reviewId, polarity }) => ({ text, reviewId, polarity }));
}
