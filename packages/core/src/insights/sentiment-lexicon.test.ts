import { describe, expect, it } from "vitest";
import { SENTIMENT_LEXICON_FEATURES, sentimentLexiconFeatures, type TSentimentLexicon } from "./sentiment-lexicon.js";

const lexicon: TSentimentLexicon = {
  scores: new Map([
    ["温润", 2],
    ["鸡肋", -1.5],
  ]),
  positive: new Set(["精美"]),
  negative: new Set(["粗糙"]),
  negations: new Set(["缺乏"]),
};
const features = (text: string) => Array.from(sentimentLexiconFeatures(text, lexicon));

describe("sentimentLexiconFeatures", () => {
  it("sums scored words by sign, counts listed words and the project's opinion words, over √words", () => {
    const f = features("手感温润，包装精美，做工粗糙");
    expect(f).toHaveLength(SENTIMENT_LEXICON_FEATURES);
    const words = f[0]! / 2; // 温润 scored 2, divided by √(number of words)
    expect(words).toBeGreaterThan(0);
    expect(f[1]).toBe(0);
    expect(f[2]).toBeCloseTo(words);
    expect(f[3]).toBeCloseTo(words);
    // 精美 and 粗糙 are also among the project's opinion words; six words in all.
    expect(words).toBeCloseTo(1 / Math.sqrt(6));
    expect(f[4]).toBeCloseTo(words);
    expect(f[5]).toBeCloseTo(-words);
  });

  it("flips a word after a negator, the base negators and the lexicon's own", () => {
    expect(features("不温润")[1]).toBeLessThan(0);
    expect(features("不温润")[0]).toBe(0);
    expect(features("缺乏温润")[1]).toBeLessThan(0);
    const notRough = features("不粗糙");
    expect(notRough[2]).toBeGreaterThan(0);
    expect(notRough[3]).toBe(0);
    expect(notRough[4]).toBeGreaterThan(0); // the opinion scan sees 不 before 粗糙 too
  });

  it("reads English opinion words, negated ones flipped", () => {
    expect(features("great quality, fast delivery")[4]).toBeGreaterThan(0);
    const f = features("not good at all");
    expect(f[4]).toBe(0);
    expect(f[5]).toBeLessThan(0);
  });

  it("is all zeros for text with nothing to read, and bounded for a long text", () => {
    expect(features("")).toEqual([0, 0, 0, 0, 0, 0]);
    expect(features("🙂🙂 ！！")).toEqual([0, 0, 0, 0, 0, 0]);
    const one = features("温润");
    const many = features("温润".repeat(400));
    expect(many[0]).toBeGreaterThan(one[0]!);
    expect(many[0]).toBeLessThan(one[0]! * 400);
    // Only the start of a huge text is read: a praise past it changes nothing.
    const huge = "的".repeat(40_000);
    expect(features(huge + "温润")).toEqual(features(huge));
  });
});
