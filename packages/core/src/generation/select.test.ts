import { describe, expect, it } from "vitest";
import { generateCopy } from "./generate.js";
import { compiledModel, compileModel, GENERATOR_MODEL, type TGeneratorModel } from "./model.js";
import { ExpectedBleu } from "./select.js";

const compiled = compiledModel();
const DRESS = {
  类型: "裙",
  裙长: "连衣裙",
  颜色: "白色",
  风格: "清新",
  图案: "刺绣",
  裙领型: "v领",
  裙款式: "抽褶",
  裙下摆: "花边",
};

describe("ExpectedBleu", () => {
  const scorer = () => ExpectedBleu.forInput(compiled, { category: "裙", values: Object.values(DRESS) })!;

  it("expects more of wording references share than of wording they do not", () => {
    const s = scorer();
    // Characters no reference of the corpus uses: nothing is expected to match.
    expect(s.logPrecision(s.delta("的设计感"))).toBeGreaterThan(s.logPrecision(s.delta("鑫鑫鑫鑫")));
  });

  it("expects a repeated clause to match less the second time (BLEU clips counts)", () => {
    const s = scorer();
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    const first = s.delta("展现出十足的设计感");
    s.commit("展现出十足的设计感", first);
    const second = s.delta("展现出十足的设计感");
    expect(sum(second.total)).toBe(sum(first.total));
    expect(sum(second.matched)).toBeLessThan(sum(first.matched));
  });

  it("expects the brevity penalty of a short text to cost more than that of one of a reference's length", () => {
    const s = scorer();
    s.commit("这款白色刺绣连衣裙");
    const short = s.logBleu() - s.logPrecision();
    for (let i = 0; i < 12; i++) s.commit("展现出十足的设计感");
    expect(s.logBleu() - s.logPrecision()).toBeGreaterThan(short);
  });

  it("is not there for a model without n-gram statistics (the realiser keeps its own ranking)", () => {
    const { ngrams: _, ...bare } = GENERATOR_MODEL;
    const model: TGeneratorModel = bare;
    expect(ExpectedBleu.forInput(compileModel(model), { category: "裙", values: ["v领"] })).toBeNull();
    const c = generateCopy({ locale: "zh", field: "DESCRIPTION", attributes: DRESS }, compileModel(model));
    expect(c.gate.status).toBe("offered");
  });
});

describe("a vivid description chosen by expected BLEU", () => {
  const c = generateCopy({ locale: "zh", field: "DESCRIPTION", style: "vivid", attributes: DRESS });

  it("is offered, states every value as a claim citing its attribute, and nothing else as a fact", () => {
    expect(c.gate.status, JSON.stringify(c.gate.reasons)).toBe("offered");
    for (const [key, value] of Object.entries(DRESS)) {
      if (key === "类型") continue; // said by 连衣裙
      expect(
        c.claims.some((x) => x.text === value && x.source === `attribute:${key}`),
        `${key}: ${value}`,
      ).toBe(true);
    }
  });

  it("writes only the model's wording between the claims: template parts, connectives and fillers", () => {
    const wording = new Set<string>(["这款", "子"]);
    for (const t of GENERATOR_MODEL.templates) for (const part of [t.l, t.r]) if (part) wording.add(part);
    for (const list of Object.values(GENERATOR_MODEL.connectives)) for (const x of list) wording.add(x.t);
    for (const x of GENERATOR_MODEL.fillers) wording.add(x.t);
    // The text with each claim replaced by a mark, cut at punctuation and at the marks.
    let rest = "";
    let at = 0;
    for (const claim of [...c.claims].sort((a, b) => a.start - b.start)) {
      rest += c.text.slice(at, claim.start) + "\u0000";
      at = claim.end;
    }
    rest += c.text.slice(at);
    for (const piece of rest.split(/[，。\u0000]/).filter(Boolean))
      expect(wording.has(piece) || [...wording].some((w) => w.includes(piece)), `${piece} in ${c.text}`).toBe(true);
  });

  it("has no connective or filler that states a body effect or a use (no attribute backs them)", () => {
    const clauses = [
      ...Object.values(GENERATOR_MODEL.connectives).flatMap((l) => l.map((x) => x.t)),
      ...GENERATOR_MODEL.fillers.map((x) => x.t),
    ];
    expect(clauses.length).toBeGreaterThan(100);
    for (const t of clauses) expect(t).not.toMatch(/修饰|身材|身形|显高(?!端)|显瘦|拉长|遮肉|方便|穿脱|实用/);
  });
});
