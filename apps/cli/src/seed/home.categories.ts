import type { TRng } from "./prng.js";
import { defineCategory } from "./demo-category.js";
import {
  capitalise,
  colourOf,
  enList,
  materialOf,
  otherColour,
  zhList,
  type TColour,
  type TMaterial,
} from "./demo-vocabulary.js";

const INGREDIENTS = {
  ceramide: { zh: "神经酰胺", en: "ceramides" },
  hyaluronic: { zh: "透明质酸", en: "hyaluronic acid" },
  niacinamide: { zh: "烟酰胺", en: "niacinamide" },
  squalane: { zh: "角鲨烷", en: "squalane" },
  zincOxide: { zh: "氧化锌", en: "zinc oxide" },
  panthenol: { zh: "泛醇", en: "panthenol" },
} as const;
type TIngredient = keyof typeof INGREDIENTS;

const SKIN = {
  all: { zh: "所有肤质", en: "all skin types" },
  dry: { zh: "干性肌肤", en: "dry skin" },
  oily: { zh: "油性及混合性肌肤", en: "oily and combination skin" },
  sensitive: { zh: "敏感肌肤", en: "sensitive skin" },
} as const;

export const skincare = defineCategory({
  slug: "skincare",
  code: "SK",
  name: { zh: "护肤品", en: "skincare" },
  merchants: ["greenleaf-home"],
  keyAttributes: {
    zh: ["品牌", "品类", "净含量", "适用肤质", "主要成分", "保质期"],
    en: ["brand", "product type", "volume", "skin type", "key ingredients", "shelf life"],
  },
  brands: [
    { zh: "青禾", en: "Verdance" },
    { zh: "露清", en: "Dewclear" },
    { zh: "绿叶", en: "Greenleaf" },
  ],
  model: (rng) =>
    rng.pick(["Hydra Calm", "Barrier Balm", "Daily Veil", "Cloud Cream", "Sun Guard", "Soft Shield"]) +
    ` ${rng.int(1, 9)}`,
  priceCny: [59, 399],
  facts: (rng: TRng) => {
    const sunscreen = rng.chance(0.45);
    return {
      sunscreen,
      ml: rng.pick(sunscreen ? [30, 50, 60] : [30, 50, 100]),
      skin: rng.pick(["all", "dry", "oily", "sensitive"] as const),
      ingredients: rng.sample<TIngredient>(
        sunscreen
          ? ["zincOxide", "niacinamide", "panthenol", "hyaluronic"]
          : ["ceramide", "hyaluronic", "niacinamide", "squalane", "panthenol"],
        2,
      ),
      spf: rng.pick([30, 50]),
      pa: rng.pick(["PA+++", "PA++++"]),
      months: rng.pick([24, 36]),
      fragranceFree: rng.chance(0.6),
    };
  },
  title: {
    zh: (f) =>
      `${f.brand.zh} ${f.model} ${f.sunscreen ? `防晒霜 SPF${f.spf} ${f.pa}` : "保湿面霜"} ${f.ml}ml ${SKIN[f.skin].zh}${f.fragranceFree ? " 无香精" : ""}`,
    en: (f) =>
      `${f.brand.en} ${f.model} ${f.sunscreen ? `Sunscreen SPF ${f.spf} ${f.pa}` : "Moisturising Face Cream"}, ${f.ml} ml, for ${capitalise(SKIN[f.skin].en)}${f.fragranceFree ? ", Fragrance-Free" : ""}`,
  },
  attributes: {
    zh: (f) => ({
      品牌: f.brand.zh,
      品类: f.sunscreen ? "防晒霜" : "面霜",
      净含量: `${f.ml}ml`,
      适用肤质: SKIN[f.skin].zh,
      主要成分: f.ingredients.map((i) => INGREDIENTS[i].zh),
      保质期: `${f.months}个月`,
      无香精: f.fragranceFree ? "是" : "否",
      ...(f.sunscreen ? { 防晒指数: `SPF${f.spf}`, PA值: f.pa } : {}),
    }),
    en: (f) => ({
      brand: f.brand.en,
      "product type": f.sunscreen ? "sunscreen" : "face cream",
      volume: `${f.ml} ml`,
      "skin type": SKIN[f.skin].en,
      "key ingredients": f.ingredients.map((i) => INGREDIENTS[i].en),
      "shelf life": `${f.months} months`,
      "fragrance-free": f.fragranceFree,
      ...(f.sunscreen ? { SPF: `${f.spf}`, PA: f.pa } : {}),
    }),
  },
  sentences: [
    {
      topic: "intro",
      zh: (f) =>
        f.sunscreen
          ? `${f.brand.zh} ${f.model}防晒霜，质地轻薄，通勤和户外都适用。`
          : `${f.brand.zh} ${f.model}保湿面霜，为${SKIN[f.skin].zh}打造的日常修护面霜。`,
      en: (f) =>
        f.sunscreen
          ? `${f.brand.en} ${f.model} is a lightweight sunscreen for the commute and the outdoors.`
          : `${f.brand.en} ${f.model} is an everyday moisturiser made for ${SKIN[f.skin].en}.`,
    },
    {
      topic: "ingredients",
      zh: (f) => `添加${zhList(f.ingredients.map((i) => INGREDIENTS[i].zh))}，帮助肌肤保持水润。`,
      en: (f) => `With ${enList(f.ingredients.map((i) => INGREDIENTS[i].en))}, it helps skin stay hydrated.`,
    },
    {
      topic: "spf",
      zh: (f) => (f.sunscreen ? `SPF${f.spf} ${f.pa}，日常通勤防护足够。` : `质地绵密，吸收快，不黏腻。`),
      en: (f) =>
        f.sunscreen
          ? `SPF ${f.spf} ${f.pa} covers everyday sun exposure.`
          : `The rich texture sinks in fast without feeling sticky.`,
    },
    {
      topic: "volume",
      zh: (f) => `净含量${f.ml}ml，保质期${f.months}个月。`,
      en: (f) => `Each ${f.sunscreen ? "tube" : "jar"} holds ${f.ml} ml and keeps for ${f.months} months unopened.`,
    },
    {
      topic: "fragrance",
      zh: (f) => (f.fragranceFree ? `无香精配方，气味很淡。` : `带淡淡植物香气。`),
      en: (f) => (f.fragranceFree ? `The formula is fragrance-free.` : `It has a light botanical scent.`),
    },
    {
      topic: "usage",
      zh: (f) => (f.sunscreen ? `出门前均匀涂抹，户外活动后及时补涂。` : `洁面后取适量，早晚涂抹于面部。`),
      en: (f) =>
        f.sunscreen
          ? `Apply before going out and reapply after outdoor activity.`
          : `Smooth a small amount over clean skin morning and night.`,
    },
  ],
  contradictions: [
    {
      topic: "volume",
      make: (f, locale) => {
        const claimed = f.ml * 2;
        return locale === "zh-CN"
          ? {
              attribute: "净含量",
              expected: `${f.ml}ml`,
              claimed: `${claimed}ml`,
              sentence: `超值大瓶装${claimed}ml，够用半年。`,
            }
          : {
              attribute: "volume",
              expected: `${f.ml} ml`,
              claimed: `${claimed} ml`,
              sentence: `A generous ${claimed} ml jar lasts for months.`,
            };
      },
    },
    {
      topic: "spf",
      make: (f, locale) => {
        if (!f.sunscreen || f.spf >= 50) return null;
        return locale === "zh-CN"
          ? {
              attribute: "防晒指数",
              expected: `SPF${f.spf}`,
              claimed: "SPF50+",
              sentence: `SPF50+高倍防晒，海边暴晒也不怕。`,
            }
          : {
              attribute: "SPF",
              expected: `${f.spf}`,
              claimed: "50+",
              sentence: `High SPF 50+ protection for a day at the beach.`,
            };
      },
    },
    {
      topic: "fragrance",
      make: (f, locale) => {
        if (f.fragranceFree) return null;
        return locale === "zh-CN"
          ? { attribute: "无香精", expected: "否", claimed: "是", sentence: `0香精配方，敏感肌也能用。` }
          : {
              attribute: "fragrance-free",
              expected: "false",
              claimed: "true",
              sentence: `Fragrance-free and gentle enough for sensitive skin.`,
            };
      },
    },
  ],
  medical: {
    zh: ["连续使用7天即可[祛痘祛斑]，[治疗湿疹]。", "[修复皮炎]，[根治玫瑰痤疮]。"],
    en: [
      "Use for 7 days to [cure acne] and [treat eczema].",
      "Clinically proven to [heal dermatitis] and [cure rosacea].",
    ],
  },
  aspects: [
    {
      id: "texture",
      name: { zh: "肤感", en: "texture" },
      positive: {
        zh: ["质地很轻薄，吸收快", "涂上不油不黏"],
        en: ["light texture that absorbs quickly", "not greasy at all"],
      },
      negative: { zh: ["有点油腻，搓泥", "涂完脸发白"], en: ["pills under makeup", "leaves a white cast"] },
    },
    {
      id: "hydration",
      name: { zh: "保湿", en: "hydration" },
      positive: {
        zh: ["保湿效果好，早上起来脸不干", "秋冬用刚好"],
        en: ["keeps my skin hydrated all day", "perfect for winter dryness"],
      },
      negative: {
        zh: ["保湿力一般，下午就干了", "干皮用不够滋润"],
        en: ["not moisturising enough for dry skin", "skin feels tight by the afternoon"],
      },
    },
    {
      id: "irritation",
      name: { zh: "刺激", en: "irritation" },
      positive: {
        zh: ["敏感肌用着没有刺痛", "温和不刺激"],
        en: ["no stinging on my sensitive skin", "gentle, no redness"],
      },
      negative: { zh: ["用了两天脸上泛红刺痛", "有点闷痘"], en: ["caused redness and stinging", "broke me out"] },
    },
    {
      id: "scent",
      name: { zh: "气味", en: "scent" },
      positive: { zh: ["没什么味道", "味道淡淡的很好闻"], en: ["barely any smell", "pleasant light scent"] },
      negative: { zh: ["香精味有点重", "有股怪味"], en: ["scent is too strong", "smells odd"] },
    },
  ],
});

const TEAS = {
  longjing: { zh: "龙井绿茶", en: "Longjing green tea", origin: { zh: "浙江杭州", en: "Hangzhou, Zhejiang" } },
  tieguanyin: { zh: "铁观音乌龙茶", en: "Tieguanyin oolong", origin: { zh: "福建安溪", en: "Anxi, Fujian" } },
  puer: { zh: "普洱熟茶", en: "ripe pu-erh", origin: { zh: "云南西双版纳", en: "Xishuangbanna, Yunnan" } },
  keemun: { zh: "祁门红茶", en: "Keemun black tea", origin: { zh: "安徽祁门", en: "Qimen, Anhui" } },
  baimudan: { zh: "白牡丹白茶", en: "Bai Mudan white tea", origin: { zh: "福建福鼎", en: "Fuding, Fujian" } },
} as const;
type TTea = keyof typeof TEAS;

export const tea = defineCategory({
  slug: "tea",
  code: "TE",
  name: { zh: "茶叶", en: "tea" },
  merchants: ["greenleaf-home"],
  keyAttributes: {
    zh: ["品牌", "茶类", "产地", "净含量", "采摘季节", "保质期", "包装"],
    en: ["brand", "tea type", "origin", "net weight", "harvest", "shelf life", "packaging"],
  },
  brands: [
    { zh: "山韵", en: "Mountain Rhyme" },
    { zh: "绿叶", en: "Greenleaf" },
    { zh: "茗川", en: "Mingchuan" },
  ],
  model: (rng) => `${rng.pick(["Classic", "Reserve", "Daily", "Gift"])} No.${rng.int(1, 9)}`,
  priceCny: [49, 599],
  facts: (rng: TRng) => ({
    kind: rng.pick<TTea>(["longjing", "tieguanyin", "puer", "keemun", "baimudan"]),
    grams: rng.pick([100, 125, 250, 357]),
    harvest: rng.pick([
      { zh: "2025年春茶", en: "spring 2025" },
      { zh: "2025年秋茶", en: "autumn 2025" },
      { zh: "2024年春茶", en: "spring 2024" },
    ]),
    months: rng.pick([18, 24]),
    packaging: rng.pick([
      { zh: "铁罐装", en: "tin" },
      { zh: "纸盒独立小包", en: "box of sachets" },
      { zh: "牛皮纸袋", en: "kraft paper bag" },
    ]),
  }),
  title: {
    zh: (f) =>
      `${f.brand.zh} ${TEAS[f.kind].zh} ${TEAS[f.kind].origin.zh} ${f.harvest.zh} ${f.grams}g ${f.packaging.zh} ${f.model}`,
    en: (f) =>
      `${f.brand.en} ${capitalise(TEAS[f.kind].en)} from ${TEAS[f.kind].origin.en}, ${capitalise(f.harvest.en)}, ${f.grams} g ${capitalise(f.packaging.en)}`,
  },
  attributes: {
    zh: (f) => ({
      品牌: f.brand.zh,
      系列: f.model,
      茶类: TEAS[f.kind].zh,
      产地: TEAS[f.kind].origin.zh,
      净含量: `${f.grams}g`,
      采摘季节: f.harvest.zh,
      保质期: `${f.months}个月`,
      包装: f.packaging.zh,
      储存方式: "密封、避光、防潮",
    }),
    en: (f) => ({
      brand: f.brand.en,
      series: f.model,
      "tea type": TEAS[f.kind].en,
      origin: TEAS[f.kind].origin.en,
      "net weight": `${f.grams} g`,
      harvest: f.harvest.en,
      "shelf life": `${f.months} months`,
      packaging: f.packaging.en,
      storage: "sealed, away from light and moisture",
    }),
  },
  sentences: [
    {
      topic: "intro",
      zh: (f) => `${f.brand.zh}${TEAS[f.kind].zh}，产自${TEAS[f.kind].origin.zh}。`,
      en: (f) => `${f.brand.en} ${TEAS[f.kind].en}, grown in ${TEAS[f.kind].origin.en}.`,
    },
    {
      topic: "harvest",
      zh: (f) => `选用${f.harvest.zh}，条索匀整。`,
      en: (f) => `Picked in ${f.harvest.en}, the leaves are even and whole.`,
    },
    {
      topic: "taste",
      zh: (f, r) => r.pick([`汤色清亮，入口回甘。`, `香气清雅，口感醇和。`, `冲泡多次仍有余香。`]),
      en: (_f, r) =>
        r.pick([
          `The liquor is bright with a sweet finish.`,
          `A gentle aroma and a smooth, mellow cup.`,
          `It holds its flavour over several infusions.`,
        ]),
    },
    {
      topic: "weight",
      zh: (f) => `净含量${f.grams}g，${f.packaging.zh}，方便存放。`,
      en: (f) => `Each ${f.packaging.en} holds ${f.grams} g.`,
    },
    {
      topic: "brewing",
      zh: () => `建议用沸水稍凉后冲泡，洗茶后即可品饮。`,
      en: () => `Brew with water just off the boil and rinse the leaves before the first cup.`,
    },
    {
      topic: "storage",
      zh: (f) => `保质期${f.months}个月，请密封避光防潮储存。`,
      en: (f) => `Shelf life is ${f.months} months; store sealed, away from light and moisture.`,
    },
  ],
  contradictions: [
    {
      topic: "intro",
      make: (f, locale) => {
        const other = TEAS[f.kind === "puer" ? "tieguanyin" : "puer"].origin;
        return locale === "zh-CN"
          ? {
              attribute: "产地",
              expected: TEAS[f.kind].origin.zh,
              claimed: other.zh,
              sentence: `${f.brand.zh}${TEAS[f.kind].zh}，原产${other.zh}核心产区。`,
            }
          : {
              attribute: "origin",
              expected: TEAS[f.kind].origin.en,
              claimed: other.en,
              sentence: `${f.brand.en} ${TEAS[f.kind].en}, from the heart of ${other.en}.`,
            };
      },
    },
    {
      topic: "weight",
      make: (f, locale) => {
        const claimed = f.grams * 2;
        return locale === "zh-CN"
          ? {
              attribute: "净含量",
              expected: `${f.grams}g`,
              claimed: `${claimed}g`,
              sentence: `足量${claimed}g，送礼自饮都合适。`,
            }
          : {
              attribute: "net weight",
              expected: `${f.grams} g`,
              claimed: `${claimed} g`,
              sentence: `A full ${claimed} g, enough to share.`,
            };
      },
    },
    {
      topic: "harvest",
      make: (f, locale) =>
        f.harvest.en === "spring 2025"
          ? null
          : locale === "zh-CN"
            ? {
                attribute: "采摘季节",
                expected: f.harvest.zh,
                claimed: "2025年明前春茶",
                sentence: `2025年明前春茶，头采嫩芽。`,
              }
            : {
                attribute: "harvest",
                expected: f.harvest.en,
                claimed: "early spring 2025",
                sentence: `First-flush buds from early spring 2025.`,
              },
    },
  ],
  medical: {
    zh: ["每天一杯可[降血压、降血脂]。", "长期饮用能[预防糖尿病]，[治疗三高]。"],
    en: [
      "A cup a day [lowers blood pressure] and cholesterol.",
      "Drinking it daily [prevents diabetes] and [cures high cholesterol].",
    ],
  },
  aspects: [
    {
      id: "taste",
      name: { zh: "口感", en: "taste" },
      positive: { zh: ["口感醇厚，回甘明显", "味道很正"], en: ["smooth with a sweet aftertaste", "tastes authentic"] },
      negative: {
        zh: ["味道偏淡，泡两次就没味了", "有点苦涩"],
        en: ["flavour fades after one infusion", "a bit bitter"],
      },
    },
    {
      id: "aroma",
      name: { zh: "香气", en: "aroma" },
      positive: { zh: ["香气很足", "开罐就闻到茶香"], en: ["lovely aroma", "smells wonderful when you open it"] },
      negative: { zh: ["香气一般，有陈味", "有股烟味"], en: ["smells stale", "has a smoky off-note"] },
    },
    {
      id: "leaves",
      name: { zh: "茶叶", en: "leaves" },
      positive: { zh: ["茶叶很完整，碎末少", "芽头饱满"], en: ["whole leaves, little dust", "plump buds"] },
      negative: { zh: ["碎茶很多", "茶梗太多"], en: ["lots of broken leaves", "too many stems"] },
    },
  ],
});

const PAN_COATINGS = {
  ceramic: { zh: "陶瓷涂层", en: "ceramic coating" },
  stone: { zh: "麦饭石涂层", en: "granite-style coating" },
} as const;

export const kitchen = defineCategory({
  slug: "kitchen",
  code: "KT",
  name: { zh: "厨房用品", en: "kitchenware" },
  merchants: ["greenleaf-home"],
  keyAttributes: {
    zh: ["品牌", "型号", "品类", "材质", "颜色", "重量"],
    en: ["brand", "model", "product type", "material", "colour", "weight"],
  },
  brands: [
    { zh: "绿叶", en: "Greenleaf" },
    { zh: "灶语", en: "Hearthly" },
    { zh: "炊之", en: "Cookwise" },
  ],
  model: (rng) => `${rng.pick(["K", "P", "HC", "GL"])}-${rng.int(10, 99)}${rng.pick(["", "A", "S"])}`,
  priceCny: [79, 499],
  facts: (rng: TRng) => {
    const pan = rng.chance(0.5);
    return {
      pan,
      diameter: rng.pick([24, 26, 28, 30]),
      coating: rng.pick(["ceramic", "stone"] as const),
      induction: rng.chance(0.6),
      litres: rng.pick(["1.5", "1.7", "1.8"]),
      watts: rng.pick([1500, 1800, 2200]),
      material: pan ? rng.pick<TMaterial>(["aluminium", "castAluminium"]) : rng.pick<TMaterial>(["steel304", "glass"]),
      kg: pan ? rng.pick(["1.1", "1.3", "1.5", "1.8"]) : rng.pick(["0.9", "1.1", "1.3"]),
      colour: rng.pick<TColour>(pan ? ["black", "grey", "green", "beige"] : ["white", "silver", "black"]),
    };
  },
  title: {
    zh: (f) =>
      f.pan
        ? `${f.brand.zh} ${f.model} 不粘炒锅 ${f.diameter}cm ${PAN_COATINGS[f.coating].zh} ${materialOf("zh-CN", f.material)}锅身 ${f.induction ? "燃气电磁炉通用" : "燃气灶适用"} ${colourOf("zh-CN", f.colour)}`
        : `${f.brand.zh} ${f.model} 电热水壶 ${f.litres}L ${f.watts}W ${materialOf("zh-CN", f.material)}内胆 自动断电 ${colourOf("zh-CN", f.colour)}`,
    en: (f) =>
      f.pan
        ? `${f.brand.en} ${f.model} Non-Stick Frying Pan, ${f.diameter} cm, ${capitalise(PAN_COATINGS[f.coating].en)}${f.induction ? ", Induction Compatible" : ""}, ${capitalise(colourOf("en-US", f.colour))}`
        : `${f.brand.en} ${f.model} Electric Kettle, ${f.litres} L, ${f.watts}W, ${capitalise(materialOf("en-US", f.material))}, Auto Shut-Off, ${capitalise(colourOf("en-US", f.colour))}`,
  },
  attributes: {
    zh: (f) => ({
      品牌: f.brand.zh,
      型号: f.model,
      品类: f.pan ? "不粘锅" : "电热水壶",
      材质: materialOf("zh-CN", f.material),
      颜色: colourOf("zh-CN", f.colour),
      重量: `${f.kg}kg`,
      ...(f.pan
        ? {
            直径: `${f.diameter}cm`,
            涂层: PAN_COATINGS[f.coating].zh,
            适用炉灶: f.induction ? ["燃气灶", "电磁炉"] : ["燃气灶"],
          }
        : { 容量: `${f.litres}L`, 功率: `${f.watts}W`, 自动断电: "是", 认证: ["CCC"] }),
    }),
    en: (f) => ({
      brand: f.brand.en,
      model: f.model,
      "product type": f.pan ? "frying pan" : "electric kettle",
      material: materialOf("en-US", f.material),
      colour: colourOf("en-US", f.colour),
      weight: `${f.kg} kg`,
      ...(f.pan
        ? { diameter: `${f.diameter} cm`, coating: PAN_COATINGS[f.coating].en, "induction compatible": f.induction }
        : { capacity: `${f.litres} L`, power: `${f.watts}W`, "auto shut-off": true, certifications: ["UL", "ETL"] }),
    }),
  },
  sentences: [
    {
      topic: "intro",
      zh: (f) =>
        f.pan
          ? `${f.brand.zh} ${f.model}不粘炒锅，${f.diameter}cm口径，日常家用刚刚好。`
          : `${f.brand.zh} ${f.model}电热水壶，${f.litres}L容量，早上泡茶冲咖啡很方便。`,
      en: (f) =>
        f.pan
          ? `The ${f.brand.en} ${f.model} is a ${f.diameter} cm non-stick pan sized for family meals.`
          : `The ${f.brand.en} ${f.model} kettle holds ${f.litres} L, ready for morning tea and coffee.`,
    },
    {
      topic: "material",
      zh: (f) =>
        f.pan
          ? `${materialOf("zh-CN", f.material)}锅身导热均匀，${PAN_COATINGS[f.coating].zh}少油也不粘。`
          : `内胆为${materialOf("zh-CN", f.material)}，烧水没有异味。`,
      en: (f) =>
        f.pan
          ? `The ${materialOf("en-US", f.material)} body heats evenly, and the ${PAN_COATINGS[f.coating].en} releases food with little oil.`
          : `The ${materialOf("en-US", f.material)} interior keeps water tasting clean.`,
    },
    {
      topic: "stove",
      zh: (f) =>
        f.pan
          ? f.induction
            ? `燃气灶、电磁炉都能用。`
            : `适用于燃气灶，不适用电磁炉。`
          : `${f.watts}W功率，水开自动断电。`,
      en: (f) =>
        f.pan
          ? f.induction
            ? `Works on gas and induction hobs.`
            : `For gas hobs; not suitable for induction.`
          : `${f.watts}W of power, with automatic shut-off once it boils.`,
    },
    {
      topic: "weight",
      zh: (f) => `整${f.pan ? "锅" : "壶"}重${f.kg}kg，单手拿取轻松。`,
      en: (f) => `At ${f.kg} kg, it is easy to lift with one hand.`,
    },
    {
      topic: "care",
      zh: (f) => (f.pan ? `建议使用木铲或硅胶铲，延长涂层寿命。` : `壶身可从底座直接提起，放取方便。`),
      en: (f) =>
        f.pan
          ? `Use wooden or silicone utensils to protect the coating.`
          : `It lifts straight off the base from any side.`,
    },
    {
      topic: "colour",
      zh: (f) => `${colourOf("zh-CN", f.colour)}外观，和厨房很搭。`,
      en: (f) => `The ${colourOf("en-US", f.colour)} finish suits most kitchens.`,
    },
  ],
  contradictions: [
    {
      topic: "stove",
      make: (f, locale) =>
        !f.pan || f.induction
          ? null
          : locale === "zh-CN"
            ? {
                attribute: "适用炉灶",
                expected: "燃气灶",
                claimed: "电磁炉",
                sentence: `燃气灶、电磁炉通用，搬家换灶也不用换锅。`,
              }
            : {
                attribute: "induction compatible",
                expected: "false",
                claimed: "true",
                sentence: `Works on every hob, induction included.`,
              },
    },
    {
      topic: "intro",
      make: (f, locale) => {
        if (f.pan) return null;
        return locale === "zh-CN"
          ? {
              attribute: "容量",
              expected: `${f.litres}L`,
              claimed: "2.5L",
              sentence: `${f.brand.zh} ${f.model}电热水壶，2.5L大容量，全家够用。`,
            }
          : {
              attribute: "capacity",
              expected: `${f.litres} L`,
              claimed: "2.5 L",
              sentence: `The ${f.brand.en} ${f.model} kettle holds a family-size 2.5 L.`,
            };
      },
    },
    {
      topic: "material",
      make: (f, locale) => {
        if (f.pan) return null;
        return locale === "zh-CN"
          ? {
              attribute: "材质",
              expected: materialOf(locale, f.material),
              claimed: materialOf(locale, "steel316"),
              sentence: `${materialOf(locale, "steel316")}食品级内胆，烧水更放心。`,
            }
          : {
              attribute: "material",
              expected: materialOf(locale, f.material),
              claimed: materialOf(locale, "steel316"),
              sentence: `A food-grade ${materialOf(locale, "steel316")} interior.`,
            };
      },
    },
    {
      topic: "weight",
      make: (f, locale) => {
        const claimed = (Number(f.kg) / 2).toFixed(1);
        return locale === "zh-CN"
          ? {
              attribute: "重量",
              expected: `${f.kg}kg`,
              claimed: `${claimed}kg`,
              sentence: `轻量化设计，仅重${claimed}kg。`,
            }
          : {
              attribute: "weight",
              expected: `${f.kg} kg`,
              claimed: `${claimed} kg`,
              sentence: `A featherweight ${claimed} kg.`,
            };
      },
    },
    {
      topic: "colour",
      make: (f, locale) => {
        const claimed = colourOf(locale, otherColour(f.colour, ["black", "white"]));
        return locale === "zh-CN"
          ? { attribute: "颜色", expected: colourOf(locale, f.colour), claimed, sentence: `${claimed}外观简约大方。` }
          : {
              attribute: "colour",
              expected: colourOf(locale, f.colour),
              claimed,
              sentence: `A clean ${claimed} look.`,
            };
      },
    },
  ],
  medical: {
    zh: ["少油烹饪，[降血脂、治疗脂肪肝]。", "烧出的水可[软化血管]，[预防结石]。"],
    en: ["Oil-free cooking that [reverses fatty liver].", "Boiled water from it helps [prevent kidney stones]."],
  },
  aspects: [
    {
      id: "nonstick",
      name: { zh: "不粘", en: "non-stick" },
      positive: { zh: ["煎蛋完全不粘", "少油也不粘锅"], en: ["eggs slide right off", "barely need oil"] },
      negative: {
        zh: ["用了一个月就开始粘锅", "涂层有划痕了"],
        en: ["started sticking after a month", "coating scratched quickly"],
      },
    },
    {
      id: "heating",
      name: { zh: "加热", en: "heating" },
      positive: { zh: ["受热均匀，烧水很快", "加热速度快"], en: ["heats evenly and quickly", "boils fast"] },
      negative: { zh: ["中间热边上不热", "烧水声音很大"], en: ["hot spot in the middle", "very loud while boiling"] },
    },
    {
      id: "handle",
      name: { zh: "把手", en: "handle" },
      positive: { zh: ["把手不烫，握着舒服", "把手很牢固"], en: ["handle stays cool", "sturdy handle"] },
      negative: { zh: ["把手有点松", "把手会烫手"], en: ["handle came loose", "handle gets hot"] },
    },
  ],
});
