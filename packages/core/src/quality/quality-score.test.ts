import { describe, expect, it } from "vitest";
import { applyCorrections, qualityScore, type TQualityReport } from "./quality-score.js";

const GOOD_EN = {
  title: "Stainless steel vacuum water bottle, 750 ml, keeps drinks cold 24 h",
  description:
    "Double-wall vacuum insulation keeps drinks cold for 24 hours and hot for 12 hours without condensation. The leak-proof lid fits most cup holders, and the powder-coated finish resists scratches. BPA free and dishwasher safe.",
  attributes: { material: "stainless steel", capacity: "750 ml", colour: "black" },
  locale: "en-US",
};

const codes = (r: TQualityReport) => r.reasons.map((x) => x.code);

describe("quality score", () => {
  it("scores good copy high with no reasons beyond attribute gaps", () => {
    const r = qualityScore(GOOD_EN);
    expect(r.language).toBe("en");
    expect(r.score).toBeGreaterThanOrEqual(85);
    expect(r.grade).toBe("A");
    expect(r.metrics.attributeCoverage).toBeGreaterThanOrEqual(0.6);
    expect(r.corrections).toEqual([]);
  });

  it("takes points off for short, stuffed, boilerplate copy and says why", () => {
    const r = qualityScore({
      title: "bottle",
      description:
        "Water bottle water bottle best water bottle, water bottle for kids, water bottle for gym, water bottle sale. Free shipping! Satisfaction guaranteed. Please contact us with any questions.",
      attributes: { material: "stainless steel", capacity: "750 ml" },
      locale: "en",
    });
    expect(codes(r)).toEqual(
      expect.arrayContaining(["TITLE_TOO_SHORT", "KEYWORD_STUFFING", "BOILERPLATE", "LOW_ATTRIBUTE_COVERAGE"]),
    );
    expect(r.score).toBeLessThan(50);
    expect(r.grade).toBe("D");
    expect(r.reasons.every((x) => x.penalty >= 0 && x.message.length > 0)).toBe(true);
    // Reasons come most costly first.
    expect(r.reasons.map((x) => x.penalty)).toEqual([...r.reasons.map((x) => x.penalty)].sort((a, b) => b - a));
    // Deleting the boilerplate sentences is proposed, not applied automatically.
    const bp = r.corrections.filter((c) => c.code === "BOILERPLATE");
    expect(bp.length).toBe(3);
    expect(bp.every((c) => c.replacement === "" && !c.autofix)).toBe(true);
  });

  it("finds broken units, width mix and repeated punctuation with corrections that fix them", () => {
    const zh = {
      title: "不锈钢保温杯 5 0 0 ml 大容量！！",
      description: "保温杯容量500 毫 升,保冷二十四小时?杯身采用３０４不锈钢，防漏杯盖设计，适配车载杯架，方便携带。",
      locale: "zh-CN",
    };
    const r = qualityScore(zh);
    expect(r.language).toBe("zh");
    expect(codes(r)).toEqual(
      expect.arrayContaining(["BROKEN_UNIT", "MIXED_PUNCTUATION", "MIXED_WIDTH", "REPEATED_PUNCTUATION"]),
    );
    for (const c of r.corrections) {
      const text = c.field === "title" ? zh.title : zh.description;
      expect(text.slice(c.start, c.end)).toBe(c.original);
    }
    const title = applyCorrections(
      zh.title,
      r.corrections.filter((c) => c.field === "title"),
    );
    const description = applyCorrections(
      zh.description,
      r.corrections.filter((c) => c.field === "description"),
    );
    expect(title).toBe("不锈钢保温杯 500 ml 大容量！");
    expect(description).toBe(
      "保温杯容量500毫升，保冷二十四小时？杯身采用304不锈钢，防漏杯盖设计，适配车载杯架，方便携带。",
    );
    const again = qualityScore({ ...zh, title, description });
    expect(again.score).toBeGreaterThan(r.score);
    expect(codes(again)).not.toContain("BROKEN_UNIT");
  });

  it("finds repeated sentences, contradictions, full-width text in English and shouting", () => {
    const r = qualityScore({
      title: "WIRELESS EARBUDS WITH CHARGING CASE BLACK",
      description:
        "Bluetooth 5.3 earbuds with 30 hours of battery. Comfortable fit for running. Bluetooth 5.3 earbuds with 30 hours of battery. Available in ｗｈｉｔｅ.",
      attributes: { colour: "white", battery_life: "20 hours" },
      locale: "en",
    });
    expect(codes(r)).toEqual(
      expect.arrayContaining(["REPEATED_SENTENCE", "ALL_CAPS", "MIXED_WIDTH", "ATTRIBUTE_CONTRADICTED"]),
    );
    const repeated = r.reasons.find((x) => x.code === "REPEATED_SENTENCE")!;
    expect(repeated.start).toBeGreaterThan(60);
    const fixed = applyCorrections(
      "Bluetooth 5.3 earbuds with 30 hours of battery. Comfortable fit for running. Bluetooth 5.3 earbuds with 30 hours of battery. Available in ｗｈｉｔｅ.",
      r.corrections.filter((c) => c.field === "description"),
    );
    expect(fixed).toContain("Available in white.");
    expect(fixed.match(/30 hours/g)).toHaveLength(1);
  });

  it("counts copy shared with other products when the caller knows it, and handles empty copy", () => {
    const shared = qualityScore({ ...GOOD_EN, copiedRatio: 0.9 });
    expect(codes(shared)).toContain("COPIED_TEXT");
    expect(shared.score).toBeLessThan(qualityScore(GOOD_EN).score);
    const empty = qualityScore({ title: "", description: "" });
    expect(codes(empty)).toEqual(expect.arrayContaining(["TITLE_TOO_SHORT", "DESCRIPTION_MISSING"]));
    expect(empty.score).toBeLessThanOrEqual(55);
  });

  it("keeps offsets right around emoji and combining marks", () => {
    const description =
      "😀😀 Café cre\u0301me bottle,, with lid!! Keeps drinks cold for hours and hours, made of steel.";
    const r = qualityScore({ title: "Café crème steel bottle with lid, 500 ml", description, locale: "en" });
    for (const c of r.corrections.filter((x) => x.field === "description"))
      expect(description.slice(c.start, c.end)).toBe(c.original);
    expect(
      applyCorrections(
        description,
        r.corrections.filter((x) => x.field === "description"),
      ),
    ).toContain("bottle, with lid!");
  });
});
