import { describe, expect, it } from "vitest";
import { clauseSpans } from "./clauses.js";
import { lint } from "./lint.js";
import { SUPERLATIVE_MODEL, superlativeProbability } from "./superlative-classifier.js";

// The paraphrase model is judged on clauses written for this test, none of them in its training
// sentences (scripts/lib/superlative-sentences.mjs).
describe("superlative-v1 (paraphrased superlatives)", () => {
  const t = SUPERLATIVE_MODEL.threshold;
  it.each([
    "这款耳机的降噪无人可以企及",
    "同价位里没有能打的",
    "音质在同价位找不到对手",
    "Nothing else on the market comes close",
    "you won't find a better kettle at any price",
    "这台空气炸锅在同价位里谁都比不过",
    "用过它之后，别的枕头都睡不惯了",
    "市面上很难再找到第二台这样的咖啡机",
    "no kettle in its class can rival this one",
    "it makes every rival look dated",
    "there is simply no better way to brew coffee",
  ])("scores %s at or above the threshold", (clause) => {
    expect(superlativeProbability(clause)).toBeGreaterThanOrEqual(t);
  });
  it.each([
    "最后一步拧紧螺丝",
    "续航比上一代提升30%",
    "首次使用前请充电",
    "适合日常通勤",
    "No other tools are needed",
    "Charge fully before first use",
    "Keeps coffee hot for 6 hours",
    "这款连衣裙的领口设计很别致",
    "采用第一代升级面料",
    "比上一代更安静",
    "Folds flat and fits any car trunk",
    "Nothing else to install",
    "The handle stays cool, unlike cheaper pans",
  ])("scores %s below the threshold", (clause) => {
    expect(superlativeProbability(clause)).toBeLessThan(t);
  });

  it("reports the clause as a MEDIUM ABSOLUTE finding (a model's judgement never blocks alone)", () => {
    const text = "续航12小时，音质在同价位找不到对手";
    const f = lint({ text, locale: "zh" }).findings.find((x) => x.rule === "zh.absolute.paraphrase");
    expect(f).toMatchObject({
      category: "ABSOLUTE",
      severity: "MEDIUM",
      match: "音质在同价位找不到对手",
      pack: "superlative-v1",
    });
    expect(text.slice(f!.start, f!.end)).toBe(f!.match);
  });

  it("splits clauses at punctuation and English conjunctions, trimming them", () => {
    const text = "32 GB RAM and a price nothing else comes close to. Fast";
    expect(clauseSpans(text, "en").map((s) => text.slice(s.start, s.end))).toEqual([
      "32 GB RAM",
      "a price nothing else comes close to",
      "Fast",
    ]);
    expect(
      clauseSpans("续航6.5小时，很好用！", "zh").map((s) => "续航6.5小时，很好用！".slice(s.start, s.end)),
    ).toEqual(["续航6.5小时", "很好用"]);
  });
});
