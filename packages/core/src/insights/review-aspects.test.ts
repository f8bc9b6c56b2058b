import { describe, expect, it } from "vitest";
import {
  extractAspectMentions,
  judgeMention,
  MODEL_DECIDES_AT,
  MODEL_OVERRULES_AT,
  type TAspectMention,
} from "./review-aspects.js";

const verdicts = (text: string) => extractAspectMentions(text).map((m) => [m.aspect, Math.sign(m.lexicon)] as const);

describe("extractAspectMentions", () => {
  it("finds Chinese aspects with their opinion, clause by clause", () => {
    expect(verdicts("续航很长，屏幕很清晰")).toEqual([
      ["battery", 1],
      ["screen", 1],
    ]);
    expect(verdicts("外观不错，但是质量太差")).toEqual([
      ["appearance", 1],
      ["quality", -1],
    ]);
    expect(verdicts("物流太慢了，等了一个星期")).toEqual([["shipping", -1]]);
  });

  it("finds English aspects, before or after their opinion", () => {
    expect(verdicts("The battery life is great but the screen is too dim.")).toEqual([
      ["battery", 1],
      ["screen", -1],
    ]);
    expect(verdicts("great battery and the screen is dim")).toEqual([
      ["battery", 1],
      ["screen", -1],
    ]);
    expect(verdicts("Long battery life. Shipping was quick")).toEqual([
      ["battery", 1],
      ["shipping", 1],
    ]);
  });

  it("handles negation (不/没/not) and words that judge as they name", () => {
    expect(verdicts("电池不耐用")).toEqual([["battery", -1]]);
    expect(verdicts("续航不长")).toEqual([["battery", -1]]);
    expect(verdicts("质量也不是很好")).toEqual([["quality", -1]]);
    expect(verdicts("没有异味")).toEqual([["smell", 1]]);
    expect(verdicts("价格不贵")).toEqual([["price", 1]]);
    expect(verdicts("有点贵，不值这个价")).toEqual([
      ["price", -1],
      ["price", -1],
    ]);
    expect(verdicts("The fit is not very good")).toEqual([["fit", -1]]);
    expect(verdicts("Not worth the money")).toEqual([["price", -1]]);
  });

  it("reads long/high/big through the aspect: 续航长 is good, 噪音大 and 价格高 are bad", () => {
    expect(verdicts("噪音很大")).toEqual([["sound", -1]]);
    expect(verdicts("噪音很小")).toEqual([["sound", 1]]);
    expect(verdicts("价格偏高")).toEqual([["price", -1]]);
    expect(verdicts("性价比高")).toEqual([["price", 1]]);
  });

  it("gives each aspect of one clause its own opinion, and shares an opinion across a coordination", () => {
    expect(verdicts("屏幕很清晰电池不耐用")).toEqual([
      ["screen", 1],
      ["battery", -1],
    ]);
    expect(verdicts("价格和质量都很好")).toEqual([
      ["price", 1],
      ["quality", 1],
    ]);
  });

  it("takes the judgement of a following clause that names no aspect", () => {
    const [m] = extractAspectMentions("快递小哥送货上门，很方便");
    expect(m).toMatchObject({ aspect: "shipping", clause: { text: "快递小哥送货上门，很方便" } });
    expect(m!.lexicon).toBeGreaterThan(0);
  });

  it("merges the words of one aspect in one clause into one mention", () => {
    expect(verdicts("尺码偏大，面料舒服")).toEqual([
      ["size", -1],
      ["fabric", 1],
      ["comfort", 1],
    ]);
  });

  it("does not take words that only contain an aspect or opinion character", () => {
    expect(extractAspectMentions("富贵和家珍的故事")).toEqual([]);
    // 快 of 快递 is no opinion about shipping speed.
    expect(verdicts("快递员送来的")).toEqual([["shipping", 0]]);
  });

  it("marks questions and untried aspects as hedged, with no lexicon verdict", () => {
    const [q] = extractAspectMentions("不知道续航怎么样");
    expect(q).toMatchObject({ aspect: "battery", hedged: true, lexicon: 0 });
    expect(extractAspectMentions("电池耐不耐用？")[0]).toMatchObject({ hedged: true });
    expect(judgeMention(q!, { label: "positive", score: 0.99 }).polarity).toBe("neutral");
  });

  it("reports UTF-16 offsets into the original text, through full-width forms and emoji", () => {
    const text = "😀👍ＢＡＴＴＥＲＹ is great！屏幕很清晰";
    const mentions = extractAspectMentions(text);
    expect(mentions.map((m) => m.aspect)).toEqual(["battery", "screen"]);
    for (const m of mentions) {
      expect(text.slice(m.term.start, m.term.end)).toBe(m.term.text);
      expect(text.slice(m.clause.start, m.clause.end)).toBe(m.clause.text);
    }
    expect(mentions[0]!.term.text).toBe("ＢＡＴＴＥＲＹ");
  });

  it("copes with empty, aspect-free and very long text", () => {
    expect(extractAspectMentions("")).toEqual([]);
    expect(extractAspectMentions("一般般吧。OK.")).toEqual([]);
    const long = "续航很长，屏幕很清晰。".repeat(100_000);
    const started = performance.now();
    const mentions = extractAspectMentions(long);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(mentions.length).toBeGreaterThan(100);
    for (const m of mentions) expect(m.clause.text.length).toBeLessThanOrEqual(80);
  });
});

describe("judgeMention", () => {
  const mention = (lexicon: number): TAspectMention => ({
    aspect: "battery",
    term: { text: "续航", start: 0, end: 2 },
    clause: { text: "续航…", start: 0, end: 3 },
    lexicon,
    hedged: false,
  });

  it("uses the lexicon alone, or neutral without evidence", () => {
    expect(judgeMention(mention(1))).toMatchObject({ polarity: "positive" });
    expect(judgeMention(mention(-2))).toMatchObject({ polarity: "negative" });
    expect(judgeMention(mention(0))).toMatchObject({ polarity: "neutral", confidence: 0.5 });
  });

  it("lets the model decide without lexicon evidence, and overrule it only when very sure", () => {
    expect(judgeMention(mention(0), { label: "negative", score: 0.8 })).toMatchObject({
      polarity: "negative",
      confidence: 0.8,
    });
    expect(judgeMention(mention(1), { label: "negative", score: MODEL_OVERRULES_AT - 0.05 }).polarity).toBe("positive");
    expect(judgeMention(mention(1), { label: "negative", score: 0.97 }).polarity).toBe("negative");
    // A lean the classifier reports as polar but below MODEL_DECIDES_AT is no evidence.
    expect(judgeMention(mention(0), { label: "positive", score: MODEL_DECIDES_AT - 0.05 })).toMatchObject({
      polarity: "neutral",
      confidence: MODEL_DECIDES_AT - 0.05,
    });
    expect(judgeMention(mention(-1), { label: "positive", score: MODEL_DECIDES_AT - 0.05 }).polarity).toBe("negative");
    expect(judgeMention(mention(0), { label: "positive", score: MODEL_DECIDES_AT }).polarity).toBe("positive");
    const agree = judgeMention(mention(1), { label: "positive", score: 0.97 });
    const alone = judgeMention(mention(1));
    expect(agree.confidence).toBeGreaterThan(alone.confidence);
  });
});
