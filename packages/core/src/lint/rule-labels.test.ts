import { describe, expect, it } from "vitest";
import { builtInRuleIds, ruleLabel } from "./rule-labels.js";

describe("ruleLabel", () => {
  it("names every rule of the built-in packs in both languages, each name once per pack language", () => {
    const ids = builtInRuleIds();
    expect(ids.length).toBeGreaterThan(40);
    for (const language of ["zh", "en"] as const) {
      const labels = ids.map((id) => ruleLabel(id, language));
      // A label built from the id's parts means the table lacks the rule.
      for (const [i, label] of labels.entries()) expect(label, ids[i]).not.toContain(" · ");
      expect(new Set(labels).size).toBe(labels.length);
    }
  });

  it("names grounding rules by verdict and claim kind", () => {
    expect(ruleLabel("grounding.contradicted.battery_life", "en")).toBe("Contradicted: battery life");
    expect(ruleLabel("grounding.unsupported.material", "zh")).toBe("缺少依据：material");
  });

  it("names the linter's own checks and marks the copy language when it differs from the interface's", () => {
    expect(ruleLabel("zh.quality.keyword_stuffing", "zh")).toBe("关键词堆砌");
    expect(ruleLabel("zh.quality.keyword_stuffing", "en")).toBe("Keyword stuffing (zh)");
    expect(ruleLabel("en.absolute.paraphrase", "zh")).toBe("变相最高级（英文）");
    expect(ruleLabel("brand.forbidden", "en")).toBe("Brand: forbidden term");
  });

  it("falls back to the id's parts for an unknown rule", () => {
    expect(ruleLabel("xx.custom.some_rule", "en")).toBe("custom · some rule");
    expect(ruleLabel("plain", "zh")).toBe("plain");
  });
});
