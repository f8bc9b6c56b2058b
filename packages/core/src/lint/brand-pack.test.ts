import { describe, expect, it } from "vitest";
import { brandPackErrors, brandPackSchema } from "./brand-pack.js";
import { lint } from "./lint.js";
import type { TBrandPack } from "./types.js";

const pack = (p: Partial<TBrandPack>): TBrandPack => brandPackSchema.parse(p);
const brandFindings = (text: string, p: TBrandPack, o: { locale?: string; field?: "TITLE" | "DESCRIPTION" } = {}) =>
  lint({ text, locale: o.locale ?? "zh", brandPack: p, ...(o.field ? { field: o.field } : {}) }).findings.filter((f) =>
    f.rule.startsWith("brand."),
  );

describe("brandPackSchema", () => {
  const errors = (input: unknown) => {
    const r = brandPackSchema.safeParse(input);
    return r.success ? [] : brandPackErrors(r.error);
  };

  it("accepts an empty pack and fills the defaults", () => {
    expect(brandPackSchema.parse({})).toEqual({ forbidden: [], requiredDisclaimers: [], lengthLimits: {} });
  });

  it("names the entry, the field and the reason of each problem", () => {
    expect(
      errors({
        forbidden: [{ term: "便宜" }, { term: " " }, { term: "便宜" }, { term: "包邮", suggestion: "全国包邮" }],
        requiredDisclaimers: [{ text: "图片仅供参考", fields: [] }],
        lengthLimits: { TITLE: { min: 30, max: 10 }, FOOTER: { max: 3 }, SHORT: {} },
      }),
    ).toEqual([
      "forbidden[1].term: term must not be empty",
      "requiredDisclaimers[0].fields: fields, when given, must list at least one field",
      "lengthLimits.TITLE: min must not be greater than max",
      "lengthLimits.SHORT: set min, max or both",
      'lengthLimits: Unrecognized key: "FOOTER"',
      'forbidden[2].term: "便宜" is already listed at forbidden[0]',
      'forbidden[3].suggestion: the suggestion contains the forbidden term "包邮" itself',
    ]);
    expect(errors({ forbidden: [{ term: "便宜" }, { term: "便宜" }] })).toEqual([
      'forbidden[1].term: "便宜" is already listed at forbidden[0]',
    ]);
    expect(errors({ forbidden: [{ term: "包邮", suggestion: "全国包邮" }] })).toEqual([
      'forbidden[0].suggestion: the suggestion contains the forbidden term "包邮" itself',
    ]);
    expect(errors({ forbidden: [{ term: "参考" }], requiredDisclaimers: [{ text: "图片仅供参考" }] })).toEqual([
      'forbidden[0].term: "参考" occurs in requiredDisclaimers[0]: every copy carrying the disclaimer would be flagged',
    ]);
    expect(errors({ forbidden: [{ term: "x", locale: "fr" }], extra: 1 })).toEqual([
      "forbidden[0].locale: locale must be zh or en",
      expect.stringMatching(/^\(pack\): .*extra/),
    ]);
  });
});

describe("brand packs in lint()", () => {
  it("flags forbidden terms (whole words in Latin script) with the merchant's suggestion", () => {
    const p = pack({
      forbidden: [
        { term: "便宜", suggestion: "实惠" },
        { term: "hot", locale: "en" },
      ],
    });
    expect(brandFindings("价格便宜，质量好", p)).toEqual([
      expect.objectContaining({
        rule: "brand.forbidden",
        category: "QUALITY",
        start: 2,
        end: 4,
        suggestion: "实惠",
        pack: "brand",
      }),
    ]);
    expect(brandFindings("A hot deal on photo frames", p, { locale: "en" }).map((f) => f.match)).toEqual(["hot"]);
    // A locale-specific term does not apply to copy in the other language.
    expect(brandFindings("hot 便宜", pack({ forbidden: [{ term: "hot", locale: "en" }] }))).toEqual([]);
  });

  it("asks for a missing required disclaimer, per field", () => {
    const p = pack({ requiredDisclaimers: [{ text: "图片仅供参考", fields: ["DESCRIPTION"] }] });
    expect(brandFindings("纯棉T恤", p, { field: "DESCRIPTION" })).toEqual([
      expect.objectContaining({ rule: "brand.disclaimer", start: 4, end: 4, match: "", suggestion: "图片仅供参考" }),
    ]);
    expect(brandFindings("纯棉T恤。图片仅供参考", p, { field: "DESCRIPTION" })).toEqual([]);
    expect(brandFindings("纯棉T恤", p, { field: "TITLE" })).toEqual([]);
  });

  it("enforces length limits per field, counting characters, and marks what runs over", () => {
    const p = pack({ version: "7", lengthLimits: { TITLE: { max: 5 }, DESCRIPTION: { min: 10 } } });
    const [over] = brandFindings("😀纯棉短袖T恤男", p, { field: "TITLE" });
    expect(over).toMatchObject({ rule: "brand.length", severity: "LOW", match: "T恤男", packVersion: "7" });
    expect(over!.message).toMatch(/8个字符，超过品牌上限5/);
    expect(brandFindings("纯棉T恤", p, { field: "DESCRIPTION" })[0]!.message).toMatch(/少于品牌下限10/);
    expect(brandFindings("纯棉T恤", p)).toEqual([]);
  });
});
