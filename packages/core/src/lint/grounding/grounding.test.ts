import { describe, expect, it } from "vitest";
import type { TAttributeMap, TLintFinding, TLintLocale } from "../types.js";
import { GROUNDING_PACK, GROUNDING_PACK_VERSION, groundingFindings } from "./index.js";

type TReviews = { id?: string; text: string }[];
const run = (locale: TLintLocale, text: string, attributes?: TAttributeMap, reviews?: TReviews) =>
  groundingFindings({ text, ...(attributes ? { attributes } : {}), ...(reviews ? { reviews } : {}) }, locale);
// [status, kind, claim as written] for every claim.
const claims = (locale: TLintLocale, text: string, attributes?: TAttributeMap, reviews?: TReviews) =>
  run(locale, text, attributes, reviews).claims.map((c) => [c.status, c.kind, c.text]);
// Findings that change the verdict (INFO ones are for moderators only).
const warnings = (locale: TLintLocale, text: string, attributes?: TAttributeMap) =>
  run(locale, text, attributes).findings.filter((f) => f.severity !== "INFO");
const only = (findings: TLintFinding[]): TLintFinding => {
  expect(findings).toHaveLength(1);
  return findings[0]!;
};

describe("grounding: contradicted claims", () => {
  it("reports a battery life the attributes contradict, with the attribute as evidence and a safe fix", () => {
    const text = "【旗舰新品】1.43英寸AMOLED大屏，5ATM防水，续航长达30天";
    const f = only(warnings("zh", text, { 续航: "14天", 防水等级: "5ATM", 屏幕: "1.43英寸AMOLED" }));
    expect(f).toMatchObject({
      rule: "grounding.contradicted.battery_life",
      pack: GROUNDING_PACK,
      packVersion: GROUNDING_PACK_VERSION,
      category: "UNSUPPORTED",
      severity: "HIGH",
      match: "续航长达30天",
      message: "文案称续航长达30天，但商品属性为 续航: 14天",
      suggestion: "续航长达14天",
      autofix: true,
      evidence: [{ source: "attribute", name: "续航", value: "14天" }],
    });
    expect(text.slice(f.start, f.end)).toBe("续航长达30天");
  });

  it("compares measurements across names and units: mAh, W, GB, hours", () => {
    expect(
      warnings("zh", "5000mAh大电池，100W超级快充", { 电池: "4500mAh", 充电功率: "67W" }).map((f) => [
        f.match,
        f.rule,
        f.suggestion,
      ]),
    ).toEqual([
      ["5000mAh", "grounding.contradicted.battery_capacity", "4500mAh"],
      ["100W", "grounding.contradicted.power", "67W"],
    ]);
    const en = warnings("en", "20-hour battery, 32 GB RAM and a great price.", {
      ram: "8 GB",
      storage: "256 GB SSD",
      battery: "up to 10 h",
    });
    expect(en.map((f) => [f.match, f.severity, f.autofix])).toEqual([
      ["20-hour battery", "HIGH", false],
      ["32 GB RAM", "HIGH", true],
    ]);
    expect(en[0]!.message).toBe('The copy claims "20-hour battery", but the product data says battery: up to 10 h');
  });

  it("contradicts materials of the same family, not materials of different parts", () => {
    expect(
      warnings("zh", "黑胡桃木整板打造", { 材质: "橡胶木", 尺寸: "100×50cm" }).map((f) => [
        f.match,
        f.suggestion,
        f.autofix,
      ]),
    ).toEqual([["黑胡桃木", "橡胶木", true]]);
    expect(warnings("zh", "大马士革钢花纹菜刀", { 材质: "3Cr13不锈钢" })[0]?.match).toBe("大马士革钢");
    expect(
      warnings("en", "1000 thread count Egyptian cotton sheets.", { material: "microfiber" }).map((f) => [
        f.match,
        f.severity,
      ]),
    ).toEqual([
      ["1000 thread count", "MEDIUM"],
      ["Egyptian cotton", "HIGH"],
    ]);
    expect(warnings("en", "A stainless steel body.", { material: "aluminium" })[0]?.rule).toBe(
      "grounding.contradicted.material",
    );
    expect(warnings("zh", "精选真皮材质", { 材质: "PU" })[0]?.rule).toBe("grounding.contradicted.material");
    // Broader than the data is true; a handle's material says nothing about the body's.
    expect(warnings("zh", "实木餐桌", { 材质: "北美白橡木" })).toEqual([]);
    expect(warnings("en", "Aluminium pan; use wooden utensils.", { material: "aluminium" })).toEqual([]);
  });

  it("contradicts capabilities: submersible against IPX4, polarized against non-polarized", () => {
    expect(
      warnings("en", "Fully submersible with 24 hours of playtime.", { ip_rating: "IPX4", battery: "8 h" }).map((f) => [
        f.match,
        f.rule,
      ]),
    ).toEqual([
      ["Fully submersible", "grounding.contradicted.capability"],
      ["24 hours of playtime", "grounding.contradicted.battery_life"],
    ]);
    expect(warnings("en", "Polarized lenses.", { lens: "tinted, non-polarized" }).map((f) => f.match)).toEqual([
      "Polarized",
    ]);
    expect(warnings("zh", "5ATM防水，游泳可戴", { 防水等级: "5ATM" })).toEqual([]);
  });

  it("contradicts origins by place, 进口 by country, and harvests by year and season", () => {
    const zh = warnings("zh", "五常原产地，有机认证，特供品质", { 品种: "长粒香", 产地: "吉林" });
    expect(zh.map((f) => [f.match, f.rule, f.severity])).toEqual([
      ["五常", "grounding.contradicted.origin", "HIGH"],
      ["有机认证", "grounding.unsupported.certification", "MEDIUM"],
    ]);
    expect(zh[0]!.message).toBe("文案称五常，但商品属性为 产地: 吉林");
    expect(warnings("zh", "原装进口乳胶", { 产地: "吉林", 材质: "乳胶" })[0]?.match).toBe("原装进口");
    expect(warnings("zh", "泰国进口乳胶枕", { 产地: "泰国", 材质: "天然乳胶" })).toEqual([]);
    expect(warnings("en", "Made in USA.", { origin: "China" })[0]?.rule).toBe("grounding.contradicted.origin");
    expect(warnings("zh", "2024年新茶", { 采摘时间: "2023年春茶" })[0]?.match).toBe("2024年新茶");
    expect(
      warnings("zh", "2025年明前春茶，头采嫩芽", { 采摘季节: "2025年秋茶" }).every((f) => f.severity === "HIGH"),
    ).toBe(true);
  });

  it("contradicts nutrition claims with the amount or the ingredients", () => {
    expect(
      warnings("en", "Zero sugar bars that taste great.", { sugar: "14 g", count: "8" }).map((f) => [
        f.match,
        f.severity,
      ]),
    ).toEqual([["Zero sugar", "HIGH"]]);
    expect(warnings("zh", "无糖饼干", { 配料: "小麦粉、白砂糖、植物油" })[0]?.severity).toBe("HIGH");
    expect(warnings("zh", "0脂肪酸奶", { 脂肪: "0g" })).toEqual([]);
  });

  it("contradicts metals, fibres and glass by kind, and pure claims by a blend", () => {
    const cases: Array<[TLintLocale, string, TAttributeMap, string]> = [
      ["zh", "纯银耳钉", { 材质: "合金镀银" }, "纯银"],
      ["zh", "18K金项链", { 材质: "925银镀金" }, "18K金"],
      ["zh", "羊绒大衣", { 材质: "羊毛70% 聚酯纤维30%" }, "羊绒"],
      ["zh", "高硼硅玻璃杯", { 材质: "钠钙玻璃" }, "高硼硅玻璃"],
      ["en", "100% cashmere sweater.", { material: "70% wool, 30% cashmere" }, "100% cashmere"],
      ["en", "Solid walnut dining table.", { material: "walnut veneer over MDF" }, "Solid walnut"],
    ];
    for (const [locale, text, attributes, match] of cases) {
      expect([text, warnings(locale, text, attributes).map((f) => [f.match, f.severity])]).toEqual([
        text,
        [[match, "HIGH"]],
      ]);
    }
  });

  it("contradicts nutrition ceilings, grades and care claims", () => {
    expect(warnings("zh", "低糖燕麦片", { 糖: "15g/100g" })[0]?.rule).toBe("grounding.contradicted.nutrition");
    expect(warnings("en", "Gluten-free crackers.", { allergens: "contains wheat" })[0]?.match).toBe("Gluten-free");
    expect(warnings("zh", "SPF50+ PA++++", { 防晒指数: "SPF50+ PA+++" }).map((f) => f.match)).toEqual(["PA++++"]);
    expect(warnings("zh", "SPF50+ PA++++", { 防晒指数: "SPF50+ PA++++" })).toEqual([]);
    expect(warnings("en", "Dishwasher safe.", { care: "hand wash only" })[0]?.rule).toBe(
      "grounding.contradicted.capability",
    );
    expect(warnings("zh", "6400万像素主摄", { 主摄像素: "5000万像素" })[0]?.match).toBe("6400万像素");
  });

  it("contradicts processors, display panels, free-from claims and named parts", () => {
    const result = run("zh", "骁龙8 Gen3处理器，OLED屏，蓝宝石镜面", {
      处理器: "天玑9200",
      屏幕: "6.7英寸LCD",
      镜面: "矿物玻璃",
    });
    expect(result.findings.map((f) => [f.match, f.rule])).toEqual([
      ["骁龙8 Gen3", "grounding.contradicted.processor"],
      ["OLED屏", "grounding.contradicted.capability"],
      ["蓝宝石镜面", "grounding.contradicted.material"],
    ]);
    expect(
      warnings("en", "Sulfate-free, paraben-free shampoo.", {
        ingredients: "water, sodium laureth sulfate, glycerin",
      }).map((f) => f.match),
    ).toEqual(["Sulfate-free"]);
    expect(warnings("zh", "不含酒精", { 成分: "水、甘油" })).toEqual([]);
    expect(
      warnings("en", "Apple A17 Pro chip, Super AMOLED display, Full HD video.", {
        chip: "A17 Pro",
        display: "OLED",
        video: "1080p",
      }),
    ).toEqual([]);
  });

  it("contradicts SPF, prices and counts", () => {
    expect(warnings("zh", "SPF50+超强防晒", { 防晒指数: "SPF30 PA+++" }).map((f) => [f.match, f.severity])).toEqual([
      ["SPF50+", "HIGH"],
    ]);
    expect(warnings("zh", "原价299元，现价99元", { 原价: "199", 价格: "99" }).map((f) => f.match)).toEqual([
      "原价299元",
    ]);
    expect(warnings("zh", "10片装补水面膜", { 片数: "5片" })[0]?.rule).toBe("grounding.contradicted.count");
  });
});

describe("grounding: unsupported claims", () => {
  it("flags concrete facts no attribute speaks to as MEDIUM", () => {
    expect(warnings("zh", "50米防水", { 颜色: "黑色" }).map((f) => [f.match, f.severity])).toEqual([
      ["50米防水", "MEDIUM"],
    ]);
    expect(
      warnings("en", "8-cup pitcher that removes 99.9% of lead.", {
        capacity: "8 cups",
        certification: "none listed",
      }).map((f) => f.match),
    ).toEqual(["removes 99.9% of lead"]);
    expect(warnings("en", "It raises IQ by 20 points.", { age: "3-7" }).map((f) => f.match)).toEqual([
      "raises IQ by 20 points",
    ]);
    expect(warnings("zh", "SPF50+ PA++++，全天不用补涂", { 防晒指数: "SPF50+ PA++++" }).map((f) => f.match)).toEqual([
      "全天不用补涂",
    ]);
    expect(warnings("en", "Supports wireless charging.", { battery: "4000 mAh" }).map((f) => f.match)).toEqual([
      "wireless charging",
    ]);
  });

  it("says when the data is less precise than the copy", () => {
    const f = only(warnings("en", "Egyptian cotton sheets", { material: "cotton" }));
    expect(f).toMatchObject({ severity: "MEDIUM", rule: "grounding.unsupported.material" });
    expect(f.message).toBe('The copy claims "Egyptian cotton", but the product data only says material: cotton');
  });

  it("reports subjective praise as INFO only (the issue's smartwatch example)", () => {
    const text = "最新款智能手表，适合运动爱好者，健康监测，时尚设计，价格亲民";
    const result = run("zh", text, { 品类: "智能手表", 运动模式: "多种", 续航: "长效", 健康监测: "高精度" });
    expect(result.claims.map((c) => [c.status, c.text])).toEqual([
      ["SUPPORTED", "健康监测"],
      ["UNSUPPORTED", "时尚设计"],
      ["UNSUPPORTED", "价格亲民"],
    ]);
    expect(result.findings.map((f) => [f.match, f.severity, f.rule])).toEqual([
      ["时尚设计", "INFO", "grounding.unsupported.subjective"],
      ["价格亲民", "INFO", "grounding.unsupported.subjective"],
    ]);
    expect(result.claims[0]!.evidence).toEqual([{ source: "attribute", name: "健康监测", value: "高精度" }]);
  });

  it("checks nothing as a warning when no attributes are given", () => {
    const result = run("zh", "续航30天，5000mAh，真皮");
    expect(result.claims.map((c) => c.status)).toEqual(["UNSUPPORTED", "UNSUPPORTED", "UNSUPPORTED"]);
    expect(result.findings.every((f) => f.severity === "INFO")).toBe(true);
  });
});

describe("grounding: supported claims", () => {
  it("backs restated specs whatever the attribute is called (hard negatives)", () => {
    const cases: Array<[TLintLocale, string, TAttributeMap]> = [
      ["zh", "磁控32档阻力，8kg飞轮，最大承重150kg", { 最大承重: "150kg", 飞轮: "8kg", 阻力: "磁控32档" }],
      ["zh", "7号篮球，PU材质", { 规格: "7号", 材质: "PU" }],
      ["zh", "1段婴儿配方奶粉，适合0-6个月宝宝，800g罐装", { 段位: "1段", 适用年龄: "0-6个月", 净含量: "800g" }],
      [
        "zh",
        "42dB主动降噪，蓝牙5.3连接，单次听歌6小时，配合充电盒总续航30小时",
        { 降噪深度: "42dB", 单次续航: "6小时", 总续航: "30小时", 蓝牙版本: "5.3" },
      ],
      [
        "zh",
        "国妆特字G20211102，栗棕色染发膏",
        { 备案类型: "特殊化妆品", 注册证号: "国妆特字G20211102", 颜色: "栗棕色" },
      ],
      [
        "zh",
        "13套大容量，热风烘干，高温除菌率99.99%（有检测报告）",
        { 容量: "13套", 烘干: "热风烘干", 除菌: "高温除菌（检测报告：除菌率99.99%）" },
      ],
      ["zh", "这款床垫尺寸为1.8m×2m，厚22cm，收货后建议拆封通风24小时再使用。", { 尺寸: "1.8m×2m", 厚度: "22cm" }],
      [
        "zh",
        "ISOFIX硬接口，通过3C和ECE R44/04认证，9个月到12岁可用",
        { 适用年龄: "9个月-12岁", 认证: "3C、ECE R44/04", 安装方式: "ISOFIX" },
      ],
      [
        "en",
        "3.0 CHP motor, max speed 12 mph, max user weight 300 lb.",
        { max_speed: "12 mph", max_user_weight: "300 lb", motor: "3.0 CHP" },
      ],
      [
        "en",
        "Built-in GPS, 5 ATM water resistance, up to 7 days of battery life.",
        { battery: "up to 7 days", water_resistance: "5 ATM", gps: "built-in" },
      ],
      [
        "en",
        "Automatic dive watch with a 316L stainless steel case, water resistant to 200 m.",
        { water_resistance: "200 m", case_material: "316L stainless steel" },
      ],
      [
        "en",
        "5-shelf bookcase in engineered wood, holds 25 lb per shelf.",
        { material: "engineered wood", shelves: "5", max_load_per_shelf: "25 lb" },
      ],
      ["en", "1000-piece world map puzzle, 27 x 20 in when finished.", { pieces: "1000", finished_size: "27 x 20 in" }],
      ["en", "Colombian medium roast, 12 oz.", { origin: "Colombia", weight: "12 oz" }],
      ["en", "Raw wildflower honey from Vermont, 16 oz.", { origin: "Vermont, USA", size: "16 oz" }],
      [
        "en",
        "10-cup pitcher, filter certified to NSF/ANSI 42, 40-gallon filter life.",
        { capacity: "10 cups", certification: "NSF/ANSI 42", filter_life: "40 gal" },
      ],
      ["en", "24-pack of 16.9 fl oz bottles.", { count: "24", volume: "16.9 fl oz" }],
      ["zh", "2023年新米，五常稻花香", { 产地: "黑龙江五常", 生产日期: "2023年10月", 品种: "稻花香" }],
      ["zh", "正宗赣南脐橙5斤装", { 产地: "江西赣州", 净重: "5斤" }],
      ["en", "Hand-poured soy wax candle, 40-hour burn time.", { wax: "soy", burn_time: "40 h" }],
    ];
    for (const [locale, text, attributes] of cases)
      expect([text, warnings(locale, text, attributes)]).toEqual([text, []]);
  });

  it("reads Chinese numerals, bounds and ranges", () => {
    expect(claims("zh", "续航三十天，充电两小时", { 续航: "30天", 充电时间: "2小时" }).map((c) => c[0])).toEqual([
      "SUPPORTED",
      "SUPPORTED",
    ]);
    expect(warnings("zh", "续航长达14天", { 续航: "14天" })).toEqual([]);
    expect(warnings("en", "Up to 6 h of battery.", { battery: "up to 10 h" })).toEqual([]);
    expect(warnings("zh", "适合3岁以上", { 适用年龄: "6岁以上" })[0]?.rule).toBe("grounding.contradicted.age");
  });

  it("backs experience with reviews and quotes them", () => {
    const reviews = [{ id: "r1", text: "续航很给力，一周一充。外观也很时尚好看" }];
    const result = run("zh", "续航给力，外观时尚", {}, reviews);
    expect(result.findings).toEqual([]);
    expect(result.claims.map((c) => [c.status, c.text, c.evidence])).toEqual([
      ["SUPPORTED", "续航给力", [{ source: "review", reviewId: "r1", quote: "续航很给力，一周一充" }]],
      ["SUPPORTED", "时尚", [{ source: "review", reviewId: "r1", quote: "外观也很时尚好看" }]],
    ]);
    // A complaint is no backing.
    expect(
      run("en", "Comfortable fit.", {}, [{ text: "Not comfortable at all, poor fit." }]).findings[0]?.severity,
    ).toBe("INFO");
  });

  it("reads terms, doses, patterns and registrations as what they are", () => {
    expect(warnings("zh", "本品不能代替药物，每日2粒，随餐食用", { 规格: "60粒" })).toEqual([]);
    expect(warnings("en", "Free shipping on orders over $35.", { output: "20 W" })).toEqual([]);
    expect(warnings("zh", "大马士革纹厨师刀", { 材质: "VG10钢芯" })).toEqual([]);
    expect(warnings("en", "Fragrance free face wash.", { fragrance: "none" })).toEqual([]);
    expect(warnings("en", "Kills 99.9% of germs.", { epa_registration: "EPA Reg. No. 1234-5" })).toEqual([]);
    expect(warnings("zh", "一级能效变频空调", { 能效等级: "一级" })).toEqual([]);
    expect(warnings("zh", "一级能效变频空调", { 能效等级: "三级" })[0]?.rule).toBe(
      "grounding.contradicted.energy_grade",
    );
  });

  it("leaves instructions, negations and authority wording alone", () => {
    expect(warnings("zh", "首次使用前请先充满电，建议通风24小时", { 颜色: "白色" })).toEqual([]);
    expect(warnings("en", "Not waterproof; keep away from rain.", { material: "paper" })).toEqual([]);
    expect(claims("en", "FDA approved formula.", { category: "dietary supplement" })).toEqual([]);
  });
});

describe("grounding: materials, usage periods and performance figures", () => {
  const material = (locale: TLintLocale, text: string, attributes: TAttributeMap) =>
    run(locale, text, attributes)
      .findings.filter((f) => f.rule.endsWith(".material") && f.severity !== "INFO")
      .map((f) => [f.match, f.severity]);

  it("contradicts a named material with the product's or the part's material, known to the tree or not", () => {
    expect(material("zh", "头层真皮，舒适透气", { 材质: "科技布" })).toEqual([["真皮", "HIGH"]]);
    expect(
      material("en", "Premium leather uppers for all-day comfort.", { upper: "synthetic mesh", sole: "rubber" }),
    ).toEqual([["leather", "HIGH"]]);
    expect(material("zh", "精选头层真皮鞋面", { 鞋面: "飞织" })).toEqual([["真皮", "HIGH"]]);
    expect(material("zh", "实木框架，稳固耐用", { 框架: "金属" })).toEqual([["实木", "HIGH"]]);
    expect(material("zh", "不锈钢内胆，安全放心", { 内胆: "玻璃" })).toEqual([["不锈钢", "HIGH"]]);
    expect(material("en", "Made from solid oak.", { material: "engineered board" })).toEqual([["solid oak", "HIGH"]]);
  });

  it("leaves trims, figures of speech, blends and absent data alone", () => {
    // A trim or a figure of speech, not what the product is made of.
    expect(material("zh", "口袋下面有金属鸡眼和穿绳设计", { 材质: "水洗" })).toEqual([]);
    expect(material("zh", "打造黄金身材比例", { 材质: "牛仔布" })).toEqual([]);
    // A blend may hold the claimed fibre; a knit can be of any fibre.
    expect(material("zh", "羊毛，柔软亲肤", { 面料: "混纺" })).toEqual([]);
    expect(material("zh", "羊毛，柔软亲肤", { 面料: "针织" })).toEqual([]);
    // Another part's material says nothing about the uppers: unsupported, not contradicted.
    expect(material("en", "Premium leather uppers.", { sole: "rubber" })).toEqual([["leather", "MEDIUM"]]);
    expect(material("zh", "头层真皮，舒适透气", { 颜色: "黑色" })).toEqual([["真皮", "MEDIUM"]]);
  });

  it("reads a duration after a regimen's verb as a usage period, not a battery life", () => {
    for (const [locale, text] of [
      ["zh", "坚持使用28天，肌肤焕然一新"],
      ["zh", "连续服用30天效果明显"],
      ["en", "Use for 4 weeks to see results."],
    ] as const) {
      const found = run(locale, text, { 品类: "护肤" }).claims.map((c) => c.kind);
      expect(found).not.toContain("battery_life");
      expect(warnings(locale, text, { 品类: "护肤" })).toEqual([]);
    }
    // A battery in the clause keeps it a battery life.
    expect(claims("zh", "电池可连续使用30天", { 品类: "手表" })[0]).toEqual(["UNSUPPORTED", "battery_life", "30天"]);
  });

  it("checks a performance figure under conditions against a rating of that kind", () => {
    const kinds = (locale: TLintLocale, text: string, attributes: TAttributeMap) =>
      warnings(locale, text, attributes).map((f) => [f.match, f.rule, f.severity]);
    expect(kinds("zh", "零下30度依然温暖", { 品类: "羽绒服", 填充物: "白鸭绒" })).toEqual([
      ["零下30度", "grounding.unsupported.temperature", "MEDIUM"],
    ]);
    expect(kinds("zh", "零下30度依然温暖", { 品类: "羽绒服", 适用温度: "-10℃" })).toEqual([
      ["零下30度", "grounding.contradicted.temperature", "HIGH"],
    ]);
    expect(kinds("en", "Keeps you warm down to -20°C.", { "comfort rating": "-5°C" })).toEqual([
      ["-20°C", "grounding.contradicted.temperature", "HIGH"],
    ]);
    expect(kinds("en", "Keeps you warm down to -20°C.", { "temperature rating": "-20°C" })).toEqual([]);
    expect(kinds("en", "Holds ice for 24 hours.", { category: "cooler" })).toEqual([
      ["24 hours", "grounding.unsupported.insulation", "MEDIUM"],
    ]);
    expect(kinds("en", "Holds ice for 24 hours.", { "ice retention": "up to 3 days" })).toEqual([]);
  });
});

describe("grounding: spans", () => {
  it("gives UTF-16 offsets into the original text, full-width and emoji included", () => {
    const text = "🔥🔥 １００Ｗ快充，续航３０天";
    const found = warnings("zh", text, { 功率: "65W", 续航: "14天" });
    expect(found.map((f) => [text.slice(f.start, f.end), f.match, f.suggestion])).toEqual([
      ["１００Ｗ", "１００Ｗ", "６５Ｗ"],
      ["续航３０天", "续航３０天", "续航１４天"],
    ]);
  });

  it("returns nothing for empty text", () => {
    expect(run("zh", "", { 续航: "14天" })).toEqual({ claims: [], findings: [] });
  });
});
