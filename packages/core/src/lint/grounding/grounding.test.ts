import { describe, expect, it } from "vitest";
import { groundingFindings } from "./index.js";

describe("groundingFindings", () => {
  it("reports a contradicted battery life as an error with the attribute as evidence", () => {
    const text = "续航30天，IP68防水";
    const { findings } = groundingFindings({ text, attributes: { 续航: "14天", 防水等级: "IP68" } }, "zh");
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      rule: "grounding.contradicted.battery_life",
      severity: "HIGH",
      category: "UNSUPPORTED",
    });
    expect(text.slice(findings[0]!.start, findings[0]!.end)).toContain("30天");
    expect(findings[0]!.evidence).toEqual([{ source: "attribute", name: "续航", value: "14天" }]);
  });

  it("reports subjective praise as INFO", () => {
    const { findings } = groundingFindings(
      { text: "健康监测，时尚设计，价格亲民", attributes: { 健康监测: "高精度" } },
      "zh",
    );
    expect(findings.map((f) => [f.match, f.severity])).toEqual([
      ["时尚设计", "INFO"],
      ["价格亲民", "INFO"],
    ]);
  });
});
