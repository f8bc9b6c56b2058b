import { describe, expect, it } from "vitest";
import { copyInsights, summarizeSentiments } from "./copy-facts.js";

describe("copyInsights", () => {
  it("marks facts of the copy against the attributes, with field and offsets", () => {
    const p = {
      title: "智能手表 黑色",
      description: "续航14天，电池10000mAh，支持50米防水。",
      attributes: { 颜色: "黑色", 续航: "14天", 电池容量: "5000mAh", 材质: "铝合金" },
    };
    const { facts, keyphrases } = copyInsights(p);
    const byKey = (key: string) => facts.filter((f) => f.key === key);
    expect(byKey("colour")[0]).toMatchObject({ status: "agree", field: "title" });
    expect(byKey("battery_life")[0]).toMatchObject({ status: "agree", field: "description" });
    const capacity = byKey("battery_capacity")[0]!;
    expect(capacity).toMatchObject({ status: "contradict", field: "description" });
    expect(p.description.slice(capacity.start, capacity.end)).toBe(capacity.value);
    expect(byKey("water_resistance")[0]).toMatchObject({ status: "only_in_text" });
    expect(byKey("material")[0]).toMatchObject({ status: "only_in_attributes", attribute: { name: "材质" } });
    expect(keyphrases.length).toBeGreaterThan(0);
  });

  it("copes with empty copy", () => {
    expect(copyInsights({ title: "", description: "", attributes: {} })).toEqual({ keyphrases: [], facts: [] });
  });
});

describe("summarizeSentiments", () => {
  it("counts labels", () => {
    expect(summarizeSentiments(["positive", "negative", "positive", "neutral"])).toEqual({
      total: 4,
      positive: 2,
      negative: 1,
      neutral: 1,
    });
  });
});
