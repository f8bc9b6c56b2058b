import { describe, expect, it } from "vitest";
import { summarizeAspects } from "./aspect-summary.js";
import type { TAspectPolarity, TJudgedMention } from "./review-aspects.js";

const judged = (aspect: TJudgedMention["aspect"], polarity: TAspectPolarity, text: string, confidence = 0.8) =>
  ({
    aspect,
    term: { text: "x", start: 0, end: 1 },
    clause: { text, start: 0, end: text.length },
    lexicon: 0,
    hedged: false,
    polarity,
    confidence,
  }) satisfies TJudgedMention;

describe("summarizeAspects", () => {
  it("counts reviews per aspect, computes the positive share and words the summary in the product's language", () => {
    const reviews = [
      { reviewId: "r1", mentions: [judged("battery", "positive", "续航很长"), judged("screen", "negative", "屏幕暗")] },
      { reviewId: "r2", mentions: [judged("battery", "positive", "电池耐用")] },
      { reviewId: "r3", mentions: [judged("battery", "negative", "续航太短")] },
      { reviewId: "r4", mentions: [judged("battery", "neutral", "不知道续航")] },
      { reviewId: "r5", mentions: [] },
    ];
    const [battery, screen] = summarizeAspects(reviews, { language: "zh" });
    expect(battery).toMatchObject({
      aspect: "battery",
      label: "续航",
      mentions: 4,
      positive: 2,
      negative: 1,
      neutral: 1,
    });
    expect(battery!.share).toBe(0.5);
    expect(battery!.summary).toBe("续航：50% 好评（4 条提及）");
    expect(screen).toMatchObject({ aspect: "screen", mentions: 1, positive: 0, negative: 1, share: 0 });
    const [en] = summarizeAspects(reviews, { language: "en" });
    expect(en!.summary).toBe("battery: 50% positive of 4 mentions");
  });

  it("counts a review once per aspect, by the confidence-weighted vote of its mentions", () => {
    const [s] = summarizeAspects(
      [
        {
          reviewId: "r1",
          mentions: [judged("battery", "positive", "a", 0.9), judged("battery", "negative", "b", 0.6)],
        },
        {
          reviewId: "r2",
          mentions: [judged("battery", "positive", "c", 0.7), judged("battery", "negative", "d", 0.7)],
        },
      ],
      { language: "en" },
    );
    expect(s).toMatchObject({ mentions: 2, positive: 1, negative: 0, neutral: 1 });
  });

  it("quotes the surest clauses, both polarities, majority first, without repeats", () => {
    const reviews = [
      { reviewId: "r1", mentions: [judged("battery", "positive", "续航很长", 0.7)] },
      { reviewId: "r2", mentions: [judged("battery", "positive", "电池超耐用", 0.95)] },
      { reviewId: "r3", mentions: [judged("battery", "positive", "续航很长", 0.9)] },
      { reviewId: "r4", mentions: [judged("battery", "negative", "掉电快", 0.6)] },
      { reviewId: "r5", mentions: [judged("battery", "positive", "待机久", 0.65)] },
      { reviewId: "r6", mentions: [judged("battery", "neutral", "电池？", 0.5)] },
    ];
    const [s] = summarizeAspects(reviews, { language: "zh" });
    expect(s!.quotes).toEqual([
      { text: "电池超耐用", reviewId: "r2", polarity: "positive" },
      { text: "续航很长", reviewId: "r3", polarity: "positive" },
      { text: "掉电快", reviewId: "r4", polarity: "negative" },
    ]);
    expect(summarizeAspects(reviews, { language: "zh", maxQuotes: 1 })[0]!.quotes).toHaveLength(1);
  });

  it("orders aspects by mentions and returns nothing without mentions", () => {
    expect(summarizeAspects([], { language: "zh" })).toEqual([]);
    const s = summarizeAspects(
      [
        { reviewId: "a", mentions: [judged("shipping", "positive", "快"), judged("price", "negative", "贵")] },
        { reviewId: "b", mentions: [judged("price", "positive", "划算")] },
      ],
      { language: "en" },
    );
    expect(s.map((x) => x.aspect)).toEqual(["price", "shipping"]);
  });
});
