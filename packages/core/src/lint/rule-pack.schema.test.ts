import { describe, expect, it } from "vitest";
import { compilePack, runPack } from "./rule-engine.js";
import { createLintContext } from "./lint-context.js";
import { parseRulePack } from "./rule-pack.schema.js";

const rule = (o: Record<string, unknown> = {}) => ({
  id: "zh.absolute.test",
  category: "ABSOLUTE",
  severity: "HIGH",
  message: "“{match}”不行",
  matcher: { type: "lexicon", terms: ["最佳"] },
  ...o,
});
const packOf = (rules: unknown[], o: Record<string, unknown> = {}) => ({
  id: "zh-CN",
  version: "1.0.0",
  locale: "zh",
  rules,
  ...o,
});

describe("rule pack validation", () => {
  it("accepts a minimal pack", () => {
    expect(parseRulePack(packOf([rule()]), "test.json").rules[0]).toMatchObject({ negatable: true, autofix: false });
  });

  it("lists every problem with the rule and the field", () => {
    const bad = packOf(
      [
        rule({ category: "UNSUPPORTED" }),
        rule({ id: "zh.absolute.re", matcher: { type: "regex", pattern: "最(", anchors: ["最"] } }),
        rule({ id: "zh.absolute.re", matcher: { type: "regex", pattern: "{{NOPE}}", anchors: ["Ａ"] } }),
        rule({ id: "en.absolute.x" }),
        rule({ id: "zh.medical.fix", autofix: true }),
      ],
      { version: "1.0" },
    );
    expect(() => parseRulePack(bad, "bad.json")).toThrow(
      new RegExp(
        [
          "rule pack bad.json is invalid:",
          "version: version must be semver",
          "rules\\[0\\]\\.category: category must be one of ABSOLUTE, MEDICAL, GUARANTEE, AUTHORITY, URGENCY, QUALITY",
        ].join("[\\s\\S]*"),
      ),
    );
    const bad2 = packOf([
      rule({ id: "zh.absolute.re", matcher: { type: "regex", pattern: "最(", anchors: ["最"] } }),
      rule({ id: "zh.absolute.re", matcher: { type: "regex", pattern: "{{NOPE}}", anchors: ["Ａ"] } }),
      rule({ id: "en.absolute.x" }),
      rule({ id: "zh.medical.fix", autofix: true }),
    ]);
    let message = "";
    try {
      parseRulePack(bad2, "bad2.json");
    } catch (e) {
      message = (e as Error).message;
    }
    expect(
      message
        .split("\n")
        .slice(1)
        .map((l) => l.trim()),
    ).toEqual([
      expect.stringMatching(
        /^rules\[0\]\.matcher\.pattern: rule zh\.absolute\.re: matcher\.pattern is not a valid regex/,
      ),
      "rules[1].id: rule zh.absolute.re is defined twice (also rules[0])",
      "rules[1].matcher.pattern: unknown list NOPE",
      'rules[1].matcher.anchors[0]: rule zh.absolute.re: anchor "Ａ" must be written folded (lower case, half width)',
      'rules[2].id: rule en.absolute.x: ids in a zh pack start with "zh."',
      "rules[3].id: rule zh.medical.fix: the second part of the id names the category (absolute)",
      "rules[3].autofix: rule zh.medical.fix: autofix needs a suggestion",
    ]);
  });
});

describe("rule engine", () => {
  const run = (pack: unknown, text: string, attributes?: Record<string, string>) =>
    runPack(compilePack(parseRulePack(pack, "t")), createLintContext({ text, locale: "zh", attributes }));

  it("applies exceptions before and after, and the text edges count as line breaks", () => {
    const p = packOf([
      rule({ matcher: { type: "lexicon", terms: ["第一"] }, notAfter: ["次"], notBefore: ["[\\n，]$"] }),
    ]);
    expect(run(p, "销量第一").map((f) => f.match)).toEqual(["第一"]);
    expect(run(p, "第一次使用")).toEqual([]);
    expect(run(p, "第一品牌")).toEqual([]);
    expect(run(p, "好，第一品牌")).toEqual([]);
  });

  it("narrows the span to the group named m and expands $<name> in suggestions", () => {
    const p = packOf([
      rule({
        matcher: { type: "regex", pattern: "全网(?<m>最(?<adj>优质))", anchors: ["最"] },
        suggestion: "$<adj>",
        autofix: true,
      }),
    ]);
    expect(run(p, "全网最优质")).toEqual([
      expect.objectContaining({ start: 2, end: 5, match: "最优质", suggestion: "优质", autofix: true }),
    ]);
  });

  it("skips negated claims, restated attributes, protected spans and products whose data allows the claim", () => {
    const p = packOf(
      [
        rule({
          id: "zh.medical.t",
          category: "MEDICAL",
          matcher: { type: "lexicon", terms: ["治疗"] },
          unlessAttribute: "医疗器械",
        }),
        rule({ id: "zh.absolute.s", matcher: { type: "lexicon", terms: ["特级"] } }),
      ],
      { protect: ["国械注准[0-9]+"] },
    );
    expect(run(p, "可以治疗").length).toBe(1);
    expect(run(p, "不能治疗")).toEqual([]);
    expect(run(p, "可以治疗", { 类型: "医疗器械" })).toEqual([]);
    expect(run(p, "特级果", { 等级: "特级" })).toEqual([]);
    expect(run(p, "特级果").length).toBe(1);
  });

  it("matches token patterns over words", () => {
    const p = {
      id: "en-US",
      version: "1.0.0",
      locale: "en",
      rules: [
        {
          id: "en.guarantee.t",
          category: "GUARANTEE",
          severity: "HIGH",
          message: "x",
          matcher: { type: "tokens", steps: [{ words: ["never"] }, { skip: [0, 1] }, { words: ["breaks", "fades"] }] },
        },
      ],
    };
    const c = compilePack(parseRulePack(p, "t"));
    const go = (text: string) =>
      runPack(c, createLintContext({ text, locale: "en", attributes: undefined })).map((f) => f.match);
    expect(go("It never breaks.")).toEqual(["never breaks"]);
    expect(go("Colour never really fades")).toEqual(["never really fades"]);
    expect(go("Never leave it out; it breaks")).toEqual([]);
  });
});
