import { describe, expect, it } from "vitest";
import { brandPackSchema } from "../lint/brand-pack.js";
import { generateCopy } from "./generate.js";
import { gateCandidate } from "./gate.js";
import { compiledModel, GENERATOR_MODEL, GENERATOR_VERSION } from "./model.js";
import { generationIdempotencyKey } from "./idempotency.js";
import type { TGeneratedClaim, TGenerationInput } from "./types.js";

const JACKET = {
  类型: "上衣",
  材质: "牛仔布",
  颜色: "白色",
  风格: "简约",
  图案: "刺绣",
  衣样式: "外套",
  衣款式: "破洞",
};
const DRESS = { 类型: "裙", 裙长: "连衣裙", 颜色: ["红色", "黑色"], 材质: "雪纺", 裙领型: "v领", 裙款式: "收腰" };
const WATCH = {
  类型: "智能手表",
  品牌: "华米",
  颜色: "黑色",
  续航: "14天",
  防水: "5ATM",
  运动模式: ["跑步", "游泳", "骑行"],
};
const compiled = compiledModel();

function expectClaimsConsistent(text: string, claims: readonly TGeneratedClaim[]) {
  for (const c of claims) {
    expect(text.slice(c.start, c.end)).toBe(c.text);
    expect(c.source).toMatch(/^(attribute|review|image):/);
  }
}

describe("generateCopy", () => {
  it("states every attribute value of an apparel product, each as a claim citing its attribute", () => {
    const c = generateCopy({ locale: "zh", field: "DESCRIPTION", attributes: JACKET });
    expect(c.gate.status, JSON.stringify(c.gate.reasons)).toBe("offered");
    for (const [key, value] of Object.entries(JACKET)) {
      const claim = c.claims.find((x) => x.text.includes(value));
      expect(claim, `${key}: ${value} in ${c.text}`).toBeDefined();
      expect(claim!.source).toBe(`attribute:${key}`);
    }
    expectClaimsConsistent(c.text, c.claims);
    expect(c.generatorVersion).toBe(GENERATOR_VERSION);
  });

  it("is deterministic", () => {
    const a = generateCopy({ locale: "zh", field: "DESCRIPTION", attributes: DRESS });
    const b = generateCopy({ locale: "zh", field: "DESCRIPTION", attributes: { ...DRESS } });
    expect(b).toEqual(a);
  });

  it("never names a value of the vocabulary the product does not have", () => {
    const c = generateCopy({ locale: "zh", field: "DESCRIPTION", attributes: DRESS });
    const given = new Set(Object.values(DRESS).flat());
    for (const values of Object.values(GENERATOR_MODEL.values))
      for (const v of values)
        if (v.length > 1 && !given.has(v) && ![...given].some((g) => g.includes(v)))
          expect(c.text.includes(v), `${v} in ${c.text}`).toBe(false);
  });

  it.each(["TITLE", "BULLETS", "DESCRIPTION", "SHORT"] as const)(
    "writes %s in zh and en, offered by the gate",
    (field) => {
      for (const [locale, attributes] of [
        ["zh", JACKET],
        ["zh", WATCH],
        ["en", { type: "smartwatch", brand: "Amazfit", colour: "black", "battery life": "14 days" }],
      ] as const) {
        const c = generateCopy({ locale, field, attributes });
        expect(c.text.length, `${locale} ${field}`).toBeGreaterThan(0);
        expect(c.gate.status, `${locale} ${field}: ${c.text} ${JSON.stringify(c.gate.reasons)}`).toBe("offered");
        expectClaimsConsistent(c.text, c.claims);
        if (field === "BULLETS") expect(c.text).toContain("\n");
        if (field === "TITLE") expect(c.text).not.toMatch(/[。.]$/);
      }
    },
  );

  it("differs by style: technical lists key and value, concise is shorter than vivid", () => {
    const vivid = generateCopy({ locale: "zh", field: "DESCRIPTION", style: "vivid", attributes: DRESS });
    const concise = generateCopy({ locale: "zh", field: "DESCRIPTION", style: "concise", attributes: DRESS });
    const technical = generateCopy({ locale: "zh", field: "DESCRIPTION", style: "technical", attributes: DRESS });
    expect(concise.text.length).toBeLessThan(vivid.text.length);
    expect(technical.text).toContain("材质：雪纺");
    for (const c of [vivid, concise, technical]) expect(c.gate.status).toBe("offered");
  });

  it("leads with what the audience cares about: a smartwatch for sport opens with its sport modes", () => {
    const sport = generateCopy({ locale: "zh", field: "DESCRIPTION", audience: "运动", attributes: WATCH });
    const plain = generateCopy({ locale: "zh", field: "DESCRIPTION", attributes: WATCH });
    expect(sport.emphasis[0]).toBe("运动模式");
    const firstFact = sport.claims.find((c) => c.source !== "attribute:类型" && c.source !== "attribute:品牌");
    expect(firstFact?.source).toBe("attribute:运动模式");
    expect(plain.emphasis).toEqual([]);
    const en = generateCopy({
      locale: "en",
      field: "DESCRIPTION",
      audience: "sport",
      attributes: {
        type: "smartwatch",
        colour: "black",
        "sport modes": ["running", "swimming"],
        "battery life": "14 days",
      },
    });
    expect(en.text.indexOf("running")).toBeLessThan(en.text.indexOf("black"));
  });

  it("says what reviewers praise only when several reviews praise it, citing them", () => {
    const attributes = { type: "smartwatch", colour: "black" };
    const praised = generateCopy({
      locale: "en",
      field: "DESCRIPTION",
      attributes,
      reviews: [
        { id: "r1", text: "The battery life is amazing." },
        { id: "r2", text: "Great battery, lasts for days." },
      ],
    });
    const claim = praised.claims.find((c) => c.provenance.kind === "review");
    expect(claim?.text).toMatch(/praise the battery/i);
    expect(claim?.source).toBe("review:r1");
    expect(praised.gate.status).toBe("offered");
    const once = generateCopy({
      locale: "en",
      field: "DESCRIPTION",
      attributes,
      reviews: [
        { id: "r1", text: "The battery life is amazing." },
        { id: "r2", text: "Battery died in a day, terrible." },
      ],
    });
    expect(once.claims.some((c) => c.provenance.kind === "review")).toBe(false);
  });

  it("keeps to the merchant's limits: length, forbidden words, required phrases", () => {
    const brandPack = brandPackSchema.parse({
      forbidden: [{ term: "时尚" }, { term: "设计感" }],
      requiredDisclaimers: [{ text: "图片仅供参考", fields: ["DESCRIPTION"], locale: "zh" }],
      lengthLimits: { DESCRIPTION: { max: 80 }, TITLE: { max: 8 } },
    });
    const c = generateCopy({ locale: "zh", field: "DESCRIPTION", attributes: JACKET, brandPack });
    expect(c.text).not.toContain("时尚");
    expect(c.text).not.toContain("设计感");
    expect(c.text.endsWith("图片仅供参考。") || c.text.endsWith("图片仅供参考")).toBe(true);
    expect([...c.text].length).toBeLessThanOrEqual(80);
    expect(c.gate.findings.filter((f) => f.rule.startsWith("brand."))).toEqual([]);
    const title = generateCopy({ locale: "zh", field: "TITLE", attributes: JACKET, brandPack });
    expect([...title.text].length).toBeLessThanOrEqual(8);
    expect(title.text.endsWith("外套")).toBe(true);
  });

  it("gives an empty, blocked candidate when there is nothing to say", () => {
    const c = generateCopy({ locale: "zh", field: "DESCRIPTION", attributes: {} });
    expect(c.text).toBe("");
    expect(c.gate.status).toBe("blocked");
    expect(c.gate.reasons[0]?.code).toBe("empty");
  });
});

describe("the gate", () => {
  const input: TGenerationInput = { locale: "zh", field: "DESCRIPTION", attributes: JACKET };
  const base = generateCopy(input);

  // Inserts `injected` into the generated text after its first clause, shifting later claims.
  function inject(injected: string) {
    const at = base.text.indexOf("，") + 1;
    const text = base.text.slice(0, at) + injected + base.text.slice(at);
    const claims = base.claims.map((c) =>
      c.start >= at ? { ...c, start: c.start + injected.length, end: c.end + injected.length } : c,
    );
    return gateCandidate({ text, claims, input, locale: "zh", compiled, apparel: true });
  }

  it("offers the generated text", () => {
    expect(base.gate.status).toBe("offered");
    expect(inject("").status).toBe("offered");
  });

  it.each([
    ["a material the product is not made of", "采用真丝面料，", ["unsourced_fact", "ungrounded_claim"]],
    ["a colour it does not come in", "红色的设计，", ["unsourced_fact", "ungrounded_claim"]],
    ["another collar from the vocabulary", "v领设计，", ["unsourced_fact"]],
    ["a measurement", "续航长达30天，", ["unsourced_fact", "ungrounded_claim"]],
    ["a wearer", "适合女士穿着，", ["unsourced_fact"]],
    ["a season", "秋冬必备，", ["unsourced_fact"]],
    ["a count", "共有3个口袋，", ["unsourced_fact"]],
    ["prohibited wording", "全网独一无二，", ["lint_finding"]],
  ])("blocks an attribute-free claim injected into a template: %s", (_, injected, codes) => {
    const g = inject(injected);
    expect(g.status).toBe("blocked");
    for (const code of codes) expect(g.reasons.map((r) => r.code)).toContain(code);
  });

  it("blocks a claim that cites no attribute even when the linter has no rule for it", () => {
    // 女款 is no linter claim; only the provenance check sees that nothing backs it.
    const g = inject("女款");
    expect(g.reasons.some((r) => r.code === "unsourced_fact" && r.term === "女款")).toBe(true);
  });

  it("accepts the same words when a claim cites the product's data for them", () => {
    const text = "采用真丝面料。";
    const claims: TGeneratedClaim[] = [
      { text: "真丝", start: 2, end: 4, source: "attribute:材质", provenance: { kind: "attribute", key: "材质" } },
    ];
    const g = gateCandidate({
      text,
      claims,
      input: { ...input, attributes: { 材质: "真丝" } },
      locale: "zh",
      compiled,
      apparel: true,
    });
    expect(g.status, JSON.stringify(g.reasons)).toBe("offered");
  });
});

describe("generationIdempotencyKey", () => {
  const base = {
    productId: "p1",
    productVersion: 3,
    field: "DESCRIPTION",
    locale: "zh-CN",
    style: "vivid",
    audience: null,
    generator: "truecopy-template",
    generatorVersion: GENERATOR_VERSION,
  };
  it("is the same for the same inputs and differs when any of them changes", () => {
    expect(generationIdempotencyKey(base)).toBe(generationIdempotencyKey({ ...base, locale: "ZH-cn" }));
    const keys = [
      base,
      { ...base, productVersion: 4 },
      { ...base, field: "TITLE" },
      { ...base, style: "concise" },
      { ...base, audience: "运动" },
      { ...base, generatorVersion: "generator-v2@1.0.0" },
    ].map(generationIdempotencyKey);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys[0]).toMatch(/^gen:[0-9a-f]{40}$/);
  });
});

describe("image facts", () => {
  it("adds the main colour of a checked image only when no attribute gives a colour, citing the image", async () => {
    const { imageColourFacts } = await import("./facts.js");
    const images = [
      {
        imageId: "img-1",
        colours: [{ id: "red", nameZh: "红色", nameEn: "red", hex: "#c00", share: 0.6 }],
        text: [],
        evidence: [],
      },
    ];
    expect(imageColourFacts(images, { locale: "zh", attributes: { 颜色: "白色" } })).toEqual([]);
    const facts = imageColourFacts(images, { locale: "zh", attributes: { 类型: "裙", 裙长: "连衣裙" } });
    expect(facts).toEqual([{ imageId: "img-1", key: "颜色", value: "红色" }]);
    const c = generateCopy({
      locale: "zh",
      field: "DESCRIPTION",
      attributes: { 类型: "裙", 裙长: "连衣裙" },
      imageFindings: facts,
    });
    expect(c.gate.status, JSON.stringify(c.gate.reasons)).toBe("offered");
    expect(c.claims.find((x) => x.text === "红色")?.source).toBe("image:img-1");
  });
});

describe("keys the mining data never had", () => {
  it("find their slot class by the class rule (裤领型 is a 领型)", () => {
    expect(compiledModel().classOf("裤领型")).toBe("领型");
    expect(compiledModel().classOf("洗涤方式")).toBeNull();
    const c = generateCopy({
      locale: "zh",
      field: "DESCRIPTION",
      attributes: { 类型: "裤", 裤领型: "v领", 洗涤方式: "手洗" },
    });
    expect(c.text).toContain("v领");
    expect(c.text).not.toContain("裤领型为");
    expect(c.text).toContain("洗涤方式为手洗");
    expect(c.gate.status, JSON.stringify(c.gate.reasons)).toBe("offered");
  });
});
