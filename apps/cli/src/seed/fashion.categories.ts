import type { TRng } from "./prng.js";
import { defineCategory, type TAspect } from "./demo-category.js";
import { capitalise, colourOf, materialOf, otherColour, type TColour, type TMaterial } from "./demo-vocabulary.js";

const sizeAspect: TAspect = {
  id: "fit",
  name: { zh: "尺码", en: "fit" },
  positive: {
    zh: ["尺码标准，按平时的码数买就行", "版型很好，穿上显瘦", "大小刚刚好"],
    en: ["true to size", "fits just right", "the cut is flattering"],
  },
  negative: {
    zh: ["尺码偏小，建议拍大一码", "偏大一码，袖子太长", "尺码和尺码表对不上"],
    en: ["runs small, size up", "runs a full size large", "sizing chart is way off"],
  },
};

const fabricAspect: TAspect = {
  id: "fabric",
  name: { zh: "面料", en: "fabric" },
  positive: {
    zh: ["面料柔软亲肤", "料子厚实有垂感"],
    en: ["fabric is soft against the skin", "material feels substantial"],
  },
  negative: {
    zh: ["面料有点薄，透肉", "洗一次就起球了"],
    en: ["fabric is thin and see-through", "pilled after one wash"],
  },
};

const colourAspect: TAspect = {
  id: "colour",
  name: { zh: "颜色", en: "colour" },
  positive: {
    zh: ["颜色和图片一样，很正", "颜色好看，上身显白"],
    en: ["colour matches the photos", "lovely colour in person"],
  },
  negative: {
    zh: ["有色差，实物比图片暗", "洗了一次就掉色"],
    en: ["colour is duller than the pictures", "colour faded after the first wash"],
  },
};

const SLEEVES = {
  short: { zh: "短袖", en: "short sleeve" },
  none: { zh: "无袖", en: "sleeveless" },
  long: { zh: "长袖", en: "long sleeve" },
} as const;
const LENGTHS = {
  mini: { zh: "短款", en: "mini" },
  midi: { zh: "中长款", en: "midi" },
  maxi: { zh: "长款", en: "maxi" },
} as const;
const FITS = {
  regular: { zh: "常规版型", en: "regular fit" },
  oversized: { zh: "宽松版型", en: "relaxed fit" },
  slim: { zh: "修身版型", en: "slim fit" },
} as const;

export const tShirt = defineCategory({
  slug: "t-shirt",
  code: "TS",
  name: { zh: "T恤", en: "t-shirt" },
  merchants: ["lotus-fashion"],
  keyAttributes: {
    zh: ["品牌", "货号", "材质", "颜色", "尺码", "克重", "版型"],
    en: ["brand", "style number", "material", "colour", "sizes", "fabric weight", "fit"],
  },
  brands: [
    { zh: "莲裳", en: "Lotus Atelier" },
    { zh: "素织", en: "Plainweave" },
    { zh: "栖木", en: "Timberrest" },
  ],
  model: (rng) => `T${rng.int(1000, 9999)}`,
  priceCny: [39, 199],
  facts: (rng: TRng) => ({
    material: rng.pick<TMaterial>(["cotton", "cotton", "cottonPoly", "modal", "linen"]),
    colour: rng.pick<TColour>(["white", "black", "grey", "navy", "khaki", "green"]),
    gsm: rng.pick([180, 200, 230, 260]),
    fit: rng.pick(["regular", "oversized", "slim"] as const),
    neck: rng.pick([
      { zh: "圆领", en: "crew neck" },
      { zh: "V领", en: "V-neck" },
    ]),
    gender: rng.pick([
      { zh: "男款", en: "Men's" },
      { zh: "女款", en: "Women's" },
      { zh: "男女同款", en: "Unisex" },
    ]),
  }),
  title: {
    zh: (f) =>
      `${f.brand.zh} ${f.material === "cotton" ? "纯棉" : materialOf("zh-CN", f.material)}短袖T恤 ${f.gender.zh} ${f.neck.zh}${FITS[f.fit].zh} ${f.gsm}g ${colourOf("zh-CN", f.colour)} ${f.model}`,
    en: (f) =>
      `${f.brand.en} ${f.gender.en} ${capitalise(materialOf("en-US", f.material))} T-Shirt, ${capitalise(f.neck.en)}, ${capitalise(FITS[f.fit].en)}, ${f.gsm} GSM, ${capitalise(colourOf("en-US", f.colour))}`,
  },
  attributes: {
    zh: (f) => ({
      品牌: f.brand.zh,
      货号: f.model,
      材质: materialOf("zh-CN", f.material),
      颜色: colourOf("zh-CN", f.colour),
      尺码: ["S", "M", "L", "XL", "XXL"],
      克重: `${f.gsm}g/m²`,
      版型: FITS[f.fit].zh,
      领型: f.neck.zh,
      适用人群: f.gender.zh,
    }),
    en: (f) => ({
      brand: f.brand.en,
      "style number": f.model,
      material: materialOf("en-US", f.material),
      colour: colourOf("en-US", f.colour),
      sizes: ["S", "M", "L", "XL", "XXL"],
      "fabric weight": `${f.gsm} GSM`,
      fit: FITS[f.fit].en,
      neckline: f.neck.en,
      gender: f.gender.en,
    }),
  },
  sentences: [
    {
      topic: "intro",
      zh: (f, r) =>
        r.pick([
          `${f.brand.zh}基础款短袖T恤，${f.neck.zh}设计，单穿内搭都合适。`,
          `一件能穿很多年的基础T恤：${f.brand.zh} ${f.model}，${f.neck.zh}简洁百搭。`,
        ]),
      en: (f, r) =>
        r.pick([
          `A ${f.brand.en} everyday tee with a ${f.neck.en}, easy to wear alone or layered.`,
          `The ${f.brand.en} ${f.model} is the kind of basic tee you reach for every week.`,
        ]),
    },
    {
      topic: "material",
      zh: (f) => `面料为${materialOf("zh-CN", f.material)}，柔软透气，贴身穿着舒适。`,
      en: (f) => `Made from ${materialOf("en-US", f.material)}, it is soft and breathable next to the skin.`,
    },
    {
      topic: "weight",
      zh: (f) => `${f.gsm}g/m²${f.gsm >= 230 ? "重磅面料，挺括不透" : "面料，轻薄凉爽"}。`,
      en: (f) => `The ${f.gsm} GSM fabric is ${f.gsm >= 230 ? "heavyweight and opaque" : "light and cool"}.`,
    },
    {
      topic: "fit",
      zh: (f) => `${FITS[f.fit].zh}，S到XXL码可选，建议参考尺码表选购。`,
      en: (f) => `Cut in a ${FITS[f.fit].en}, it comes in S to XXL; check the size chart before ordering.`,
    },
    {
      topic: "colour",
      zh: (f) => `${colourOf("zh-CN", f.colour)}百搭，配牛仔裤或短裤都好看。`,
      en: (f) => `The ${colourOf("en-US", f.colour)} colour pairs with jeans or shorts.`,
    },
    {
      topic: "care",
      zh: () => `建议冷水机洗，反面晾晒。`,
      en: () => `Machine wash cold and dry inside out.`,
    },
  ],
  contradictions: [
    {
      topic: "material",
      make: (f, locale) => {
        if (f.material === "cotton") return null;
        return locale === "zh-CN"
          ? {
              attribute: "材质",
              expected: materialOf(locale, f.material),
              claimed: "纯棉",
              sentence: `选用新疆长绒棉，纯棉面料亲肤透气。`,
            }
          : {
              attribute: "material",
              expected: materialOf(locale, f.material),
              claimed: "cotton",
              sentence: `Knitted from soft long-staple cotton.`,
            };
      },
    },
    {
      topic: "weight",
      make: (f, locale) => {
        const claimed = f.gsm + 100;
        return locale === "zh-CN"
          ? {
              attribute: "克重",
              expected: `${f.gsm}g/m²`,
              claimed: `${claimed}g`,
              sentence: `${claimed}g重磅面料，一件顶两件。`,
            }
          : {
              attribute: "fabric weight",
              expected: `${f.gsm} GSM`,
              claimed: `${claimed} GSM`,
              sentence: `Heavyweight ${claimed} GSM fabric feels like two shirts in one.`,
            };
      },
    },
    {
      topic: "colour",
      make: (f, locale) => {
        const claimed = colourOf(locale, otherColour(f.colour, ["white", "black", "grey"]));
        return locale === "zh-CN"
          ? {
              attribute: "颜色",
              expected: colourOf(locale, f.colour),
              claimed,
              sentence: `经典${claimed}，怎么搭都不出错。`,
            }
          : {
              attribute: "colour",
              expected: colourOf(locale, f.colour),
              claimed,
              sentence: `Classic ${claimed} that goes with everything.`,
            };
      },
    },
  ],
  medical: {
    zh: ["银离子面料[抗菌消炎]，可[治疗湿疹]。"],
    en: ["Silver-ion fibres [kill bacteria] and [cure eczema]."],
  },
  aspects: [sizeAspect, fabricAspect, colourAspect],
});

export const dress = defineCategory({
  slug: "dress",
  code: "DR",
  name: { zh: "连衣裙", en: "dress" },
  merchants: ["lotus-fashion"],
  keyAttributes: {
    zh: ["品牌", "货号", "材质", "颜色", "尺码", "裙长", "袖长"],
    en: ["brand", "style number", "material", "colour", "sizes", "length", "sleeve"],
  },
  brands: [
    { zh: "莲裳", en: "Lotus Atelier" },
    { zh: "晚汐", en: "Eventide" },
    { zh: "素织", en: "Plainweave" },
  ],
  model: (rng) => `D${rng.int(1000, 9999)}`,
  priceCny: [129, 699],
  facts: (rng: TRng) => ({
    material: rng.pick<TMaterial>(["polyester", "chiffon", "linen", "cotton", "silk"]),
    colour: rng.pick<TColour>(["black", "red", "blue", "beige", "green", "white"]),
    length: rng.pick(["mini", "midi", "maxi"] as const),
    sleeve: rng.pick(["short", "none", "long"] as const),
    season: rng.pick([
      { zh: "夏季", en: "summer" },
      { zh: "春秋", en: "spring and autumn" },
    ]),
    lined: rng.chance(0.5),
  }),
  title: {
    zh: (f) =>
      `${f.brand.zh} ${f.season.zh}${materialOf("zh-CN", f.material)}连衣裙 ${LENGTHS[f.length].zh}${SLEEVES[f.sleeve].zh} 收腰显瘦 ${colourOf("zh-CN", f.colour)} ${f.model}`,
    en: (f) =>
      `${f.brand.en} ${capitalise(LENGTHS[f.length].en)} Dress, ${capitalise(materialOf("en-US", f.material))}, ${capitalise(SLEEVES[f.sleeve].en)}, ${capitalise(colourOf("en-US", f.colour))}`,
  },
  attributes: {
    zh: (f) => ({
      品牌: f.brand.zh,
      货号: f.model,
      材质: materialOf("zh-CN", f.material),
      颜色: colourOf("zh-CN", f.colour),
      尺码: ["S", "M", "L", "XL"],
      裙长: LENGTHS[f.length].zh,
      袖长: SLEEVES[f.sleeve].zh,
      适用季节: f.season.zh,
      内衬: f.lined ? "有" : "无",
    }),
    en: (f) => ({
      brand: f.brand.en,
      "style number": f.model,
      material: materialOf("en-US", f.material),
      colour: colourOf("en-US", f.colour),
      sizes: ["S", "M", "L", "XL"],
      length: LENGTHS[f.length].en,
      sleeve: SLEEVES[f.sleeve].en,
      season: f.season.en,
      lined: f.lined,
    }),
  },
  sentences: [
    {
      topic: "intro",
      zh: (f, r) =>
        r.pick([
          `${f.brand.zh}${f.season.zh}新款连衣裙，收腰设计，通勤约会都能穿。`,
          `这条${LENGTHS[f.length].zh}连衣裙线条简洁，上身优雅。`,
        ]),
      en: (f, r) =>
        r.pick([
          `A ${f.brand.en} ${LENGTHS[f.length].en} dress with a defined waist, made for the office and evenings out.`,
          `This ${f.season.en} dress from ${f.brand.en} has clean lines and an easy silhouette.`,
        ]),
    },
    {
      topic: "material",
      zh: (f) => `面料为${materialOf("zh-CN", f.material)}，垂感好，不易起皱。`,
      en: (f) => `The ${materialOf("en-US", f.material)} fabric drapes well and resists creasing.`,
    },
    {
      topic: "length",
      zh: (f) => `${LENGTHS[f.length].zh}${SLEEVES[f.sleeve].zh}设计，${f.season.zh}穿正合适。`,
      en: (f) => `A ${LENGTHS[f.length].en} length and ${SLEEVES[f.sleeve].en} design suit ${f.season.en}.`,
    },
    {
      topic: "lining",
      zh: (f) => (f.lined ? `裙身带内衬，浅色也不透。` : `无内衬，轻盈凉爽。`),
      en: (f) => (f.lined ? `It is fully lined, so lighter colours are not sheer.` : `Unlined for a light, airy feel.`),
    },
    {
      topic: "colour",
      zh: (f) => `${colourOf("zh-CN", f.colour)}大方耐看。`,
      en: (f) => `The ${colourOf("en-US", f.colour)} shade is easy to style.`,
    },
    {
      topic: "size",
      zh: () => `S到XL码可选，下单前请对照尺码表。`,
      en: () => `Available in S to XL; please check the size chart.`,
    },
  ],
  contradictions: [
    {
      topic: "material",
      make: (f, locale) => {
        if (f.material === "silk") return null;
        return locale === "zh-CN"
          ? {
              attribute: "材质",
              expected: materialOf(locale, f.material),
              claimed: "真丝",
              sentence: `桑蚕丝真丝面料，光泽细腻。`,
            }
          : {
              attribute: "material",
              expected: materialOf(locale, f.material),
              claimed: "silk",
              sentence: `Pure mulberry silk with a soft sheen.`,
            };
      },
    },
    {
      topic: "length",
      make: (f, locale) => {
        const claimed = f.length === "maxi" ? "mini" : "maxi";
        return locale === "zh-CN"
          ? {
              attribute: "裙长",
              expected: LENGTHS[f.length].zh,
              claimed: LENGTHS[claimed].zh,
              sentence: `${LENGTHS[claimed].zh}设计，走路时裙摆飘逸。`,
            }
          : {
              attribute: "length",
              expected: LENGTHS[f.length].en,
              claimed: LENGTHS[claimed].en,
              sentence: `A ${LENGTHS[claimed].en} hem that moves as you walk.`,
            };
      },
    },
    {
      topic: "colour",
      make: (f, locale) => {
        const claimed = colourOf(locale, otherColour(f.colour, ["black", "red"]));
        return locale === "zh-CN"
          ? { attribute: "颜色", expected: colourOf(locale, f.colour), claimed, sentence: `${claimed}显白又高级。` }
          : {
              attribute: "colour",
              expected: colourOf(locale, f.colour),
              claimed,
              sentence: `A flattering ${claimed} that feels elevated.`,
            };
      },
    },
  ],
  medical: {
    zh: ["负离子面料，穿着可[调节内分泌]、[治疗失眠]。"],
    en: ["The ionic fabric [balances hormones] and helps [treat insomnia]."],
  },
  aspects: [sizeAspect, fabricAspect, colourAspect],
});

export const runningShoes = defineCategory({
  slug: "running-shoes",
  code: "RS",
  name: { zh: "跑鞋", en: "running shoes" },
  merchants: ["lotus-fashion"],
  keyAttributes: {
    zh: ["品牌", "型号", "颜色", "鞋面材质", "中底材质", "单只重量", "尺码"],
    en: ["brand", "model", "colour", "upper", "midsole", "weight per shoe", "sizes"],
  },
  brands: [
    { zh: "跃迹", en: "Stridely" },
    { zh: "风行者", en: "Windrunner" },
    { zh: "栖木", en: "Timberrest" },
  ],
  model: (rng) => `${rng.pick(["Pace", "Tempo", "Glide", "Cloudstep"])} ${rng.int(2, 9)}`,
  priceCny: [199, 999],
  facts: (rng: TRng) => ({
    colour: rng.pick<TColour>(["black", "white", "grey", "blue", "red"]),
    upper: rng.pick<TMaterial>(["mesh", "knit"]),
    midsole: rng.pick([
      { zh: "EVA", en: "EVA foam" },
      { zh: "超临界发泡", en: "supercritical foam" },
      { zh: "PEBA", en: "PEBA foam" },
    ]),
    grams: rng.int(210, 320),
    drop: rng.pick([6, 8, 10]),
    plate: rng.chance(0.3),
    gender: rng.pick([
      { zh: "男款", en: "Men's", sizes: ["39", "40", "41", "42", "43", "44", "45"] },
      { zh: "女款", en: "Women's", sizes: ["35", "36", "37", "38", "39", "40"] },
    ]),
  }),
  title: {
    zh: (f) =>
      `${f.brand.zh} ${f.model} ${f.gender.zh}跑步鞋 ${materialOf("zh-CN", f.upper)}透气 ${f.midsole.zh}中底${f.plate ? " 碳板" : ""} ${colourOf("zh-CN", f.colour)}`,
    en: (f) =>
      `${f.brand.en} ${f.model} ${f.gender.en} Running Shoes, ${capitalise(materialOf("en-US", f.upper))} Upper, ${f.midsole.en}${f.plate ? ", Carbon Plate" : ""}, ${capitalise(colourOf("en-US", f.colour))}`,
  },
  attributes: {
    zh: (f) => ({
      品牌: f.brand.zh,
      型号: f.model,
      颜色: colourOf("zh-CN", f.colour),
      鞋面材质: materialOf("zh-CN", f.upper),
      中底材质: f.midsole.zh,
      单只重量: `${f.grams}g`,
      尺码: f.gender.sizes,
      前后掌落差: `${f.drop}mm`,
      碳板: f.plate ? "有" : "无",
    }),
    en: (f) => ({
      brand: f.brand.en,
      model: f.model,
      colour: colourOf("en-US", f.colour),
      upper: materialOf("en-US", f.upper),
      midsole: f.midsole.en,
      "weight per shoe": `${f.grams} g`,
      sizes: f.gender.sizes.map((s) => `EU ${s}`),
      drop: `${f.drop} mm`,
      "carbon plate": f.plate,
    }),
  },
  sentences: [
    {
      topic: "intro",
      zh: (f, r) =>
        r.pick([
          `${f.brand.zh} ${f.model}跑鞋，适合日常慢跑和中长距离训练。`,
          `${f.model}是${f.brand.zh}面向日常训练的一双缓震跑鞋。`,
        ]),
      en: (f, r) =>
        r.pick([
          `The ${f.brand.en} ${f.model} is a daily trainer for easy runs and longer sessions.`,
          `${f.brand.en} made the ${f.model} for the miles you log every week.`,
        ]),
    },
    {
      topic: "upper",
      zh: (f) => `${materialOf("zh-CN", f.upper)}鞋面透气包裹，夏天跑步脚不闷。`,
      en: (f) => `The ${materialOf("en-US", f.upper)} upper breathes and holds the foot securely.`,
    },
    {
      topic: "midsole",
      zh: (f) => `${f.midsole.zh}中底回弹好，前后掌落差${f.drop}mm。`,
      en: (f) => `A ${f.midsole.en} midsole with a ${f.drop} mm drop gives a lively, cushioned ride.`,
    },
    {
      topic: "weight",
      zh: (f) => `单只重量约${f.grams}g，脚感轻快。`,
      en: (f) => `Each shoe weighs about ${f.grams} g.`,
    },
    {
      topic: "plate",
      zh: (f) => (f.plate ? `内置碳板，推进感明显，适合节奏跑。` : `无碳板设计，脚感自然，适合新手。`),
      en: (f) =>
        f.plate
          ? `A carbon plate adds snap for tempo days.`
          : `No plate, so the ride stays natural and forgiving for new runners.`,
    },
    {
      topic: "colour",
      zh: (f) => `${colourOf("zh-CN", f.colour)}配色，跑步通勤都好搭。`,
      en: (f) => `The ${colourOf("en-US", f.colour)} colourway works on the road and around town.`,
    },
  ],
  contradictions: [
    {
      topic: "weight",
      make: (f, locale) => {
        const claimed = f.grams - 80;
        return locale === "zh-CN"
          ? {
              attribute: "单只重量",
              expected: `${f.grams}g`,
              claimed: `${claimed}g`,
              sentence: `单只仅重${claimed}g，轻如羽毛。`,
            }
          : {
              attribute: "weight per shoe",
              expected: `${f.grams} g`,
              claimed: `${claimed} g`,
              sentence: `At only ${claimed} g per shoe, it is feather-light.`,
            };
      },
    },
    {
      topic: "plate",
      make: (f, locale) =>
        f.plate
          ? null
          : locale === "zh-CN"
            ? { attribute: "碳板", expected: "无", claimed: "有", sentence: `全掌碳板加持，每一步都有推进力。` }
            : {
                attribute: "carbon plate",
                expected: "false",
                claimed: "true",
                sentence: `A full-length carbon plate propels every stride.`,
              },
    },
    {
      topic: "colour",
      make: (f, locale) => {
        const claimed = colourOf(locale, otherColour(f.colour, ["white", "black"]));
        return locale === "zh-CN"
          ? { attribute: "颜色", expected: colourOf(locale, f.colour), claimed, sentence: `${claimed}鞋身，干净利落。` }
          : {
              attribute: "colour",
              expected: colourOf(locale, f.colour),
              claimed,
              sentence: `A crisp ${claimed} upper.`,
            };
      },
    },
  ],
  medical: {
    zh: ["足弓支撑设计可[矫正扁平足]，[治疗足底筋膜炎]。"],
    en: ["The arch support [corrects flat feet] and [cures plantar fasciitis]."],
  },
  aspects: [
    sizeAspect,
    {
      id: "cushioning",
      name: { zh: "缓震", en: "cushioning" },
      positive: {
        zh: ["缓震很好，跑十公里膝盖不累", "脚感软弹"],
        en: ["great cushioning on long runs", "soft and bouncy"],
      },
      negative: {
        zh: ["中底偏硬，跑久了脚疼", "缓震一般"],
        en: ["midsole feels hard after a few miles", "cushioning is flat"],
      },
    },
    {
      id: "grip",
      name: { zh: "抓地", en: "grip" },
      positive: { zh: ["下雨天也不滑", "鞋底抓地力不错"], en: ["good grip on wet roads", "outsole grips well"] },
      negative: {
        zh: ["鞋底磨损很快", "湿滑路面容易打滑"],
        en: ["outsole wore down in a month", "slippery on wet tiles"],
      },
    },
    {
      id: "breathability",
      name: { zh: "透气", en: "breathability" },
      positive: { zh: ["很透气，夏天穿不闷", "鞋面透气性好"], en: ["breathes well in summer", "feet stay cool"] },
      negative: { zh: ["不太透气，脚容易出汗", "鞋面闷脚"], en: ["gets hot and sweaty", "upper does not breathe"] },
    },
  ],
});

export const backpack = defineCategory({
  slug: "backpack",
  code: "BP",
  name: { zh: "双肩包", en: "backpack" },
  merchants: ["lotus-fashion", "acme-electronics"],
  keyAttributes: {
    zh: ["品牌", "型号", "颜色", "材质", "容量", "适用电脑尺寸", "重量"],
    en: ["brand", "model", "colour", "material", "capacity", "laptop size", "weight"],
  },
  brands: [
    { zh: "途格", en: "Trailgrid" },
    { zh: "莲裳", en: "Lotus Atelier" },
    { zh: "欧比克", en: "Orbiq" },
  ],
  model: (rng) => `${rng.pick(["Urban", "Commuter", "Daypack", "Trek"])} ${rng.int(18, 40)}`,
  priceCny: [99, 599],
  facts: (rng: TRng) => ({
    litres: rng.pick([20, 25, 30, 35]),
    laptop: rng.pick(["14", "15.6", "16"]),
    material: rng.pick<TMaterial>(["nylon", "polyester", "oxford", "canvas"]),
    kg: rng.pick(["0.8", "0.9", "1.1", "1.3"]),
    colour: rng.pick<TColour>(["black", "grey", "navy", "khaki", "green"]),
    dims: rng.pick(["45×30×15cm", "46×32×18cm", "48×31×20cm"]),
    waterRepellent: rng.chance(0.7),
  }),
  title: {
    zh: (f) =>
      `${f.brand.zh} ${f.model} 双肩包 ${f.litres}L大容量 通勤电脑包 适用${f.laptop}英寸笔记本 ${f.waterRepellent ? "防泼水 " : ""}${colourOf("zh-CN", f.colour)}`,
    en: (f) =>
      `${f.brand.en} ${f.model} Backpack, ${f.litres}L, Fits ${f.laptop}" Laptop${f.waterRepellent ? ", Water-Repellent" : ""}, ${capitalise(colourOf("en-US", f.colour))}`,
  },
  attributes: {
    zh: (f) => ({
      品牌: f.brand.zh,
      型号: f.model,
      颜色: colourOf("zh-CN", f.colour),
      材质: materialOf("zh-CN", f.material),
      容量: `${f.litres}L`,
      适用电脑尺寸: `${f.laptop}英寸`,
      重量: `${f.kg}kg`,
      尺寸: f.dims,
      防水: f.waterRepellent ? "防泼水" : "不防水",
    }),
    en: (f) => ({
      brand: f.brand.en,
      model: f.model,
      colour: colourOf("en-US", f.colour),
      material: materialOf("en-US", f.material),
      capacity: `${f.litres} L`,
      "laptop size": `${f.laptop} in`,
      weight: `${f.kg} kg`,
      dimensions: f.dims.replace("cm", " cm").replace(/×/g, " x "),
      "water resistance": f.waterRepellent ? "water-repellent" : "none",
    }),
  },
  sentences: [
    {
      topic: "intro",
      zh: (f, r) =>
        r.pick([
          `${f.brand.zh} ${f.model}双肩包，通勤、出差、短途旅行一包搞定。`,
          `这款${f.brand.zh}双肩包分区合理，上班上学都好用。`,
        ]),
      en: (f, r) =>
        r.pick([
          `The ${f.brand.en} ${f.model} backpack handles the commute, business trips and weekend getaways.`,
          `A well-organised ${f.brand.en} backpack for work or class.`,
        ]),
    },
    {
      topic: "capacity",
      zh: (f) => `${f.litres}L容量，主仓可放下${f.laptop}英寸笔记本和一天的换洗衣物。`,
      en: (f) => `The ${f.litres} L main compartment fits a ${f.laptop}-inch laptop and a change of clothes.`,
    },
    {
      topic: "material",
      zh: (f) => `包身采用${materialOf("zh-CN", f.material)}，耐磨好打理。`,
      en: (f) => `The ${materialOf("en-US", f.material)} shell resists scuffs and wipes clean.`,
    },
    {
      topic: "weight",
      zh: (f) => `空包重${f.kg}kg，肩带加厚，背久了也不勒肩。`,
      en: (f) => `It weighs ${f.kg} kg empty, and padded straps keep long days comfortable.`,
    },
    {
      topic: "water",
      zh: (f) => (f.waterRepellent ? `面料做了防泼水处理，小雨天不用担心。` : `建议雨天搭配防雨罩使用。`),
      en: (f) =>
        f.waterRepellent ? `A water-repellent finish shrugs off light rain.` : `Pair it with a rain cover on wet days.`,
    },
    {
      topic: "size",
      zh: (f) => `外形尺寸${f.dims}，可拉杆固定在行李箱上。`,
      en: (f) => `It measures ${f.dims.replace("cm", " cm").replace(/×/g, " x ")} and slips over a suitcase handle.`,
    },
    {
      topic: "colour",
      zh: (f) => `${colourOf("zh-CN", f.colour)}低调耐脏。`,
      en: (f) => `The ${colourOf("en-US", f.colour)} colour hides everyday dirt.`,
    },
  ],
  contradictions: [
    {
      topic: "capacity",
      make: (f, locale) => {
        const claimed = f.litres + 15;
        return locale === "zh-CN"
          ? {
              attribute: "容量",
              expected: `${f.litres}L`,
              claimed: `${claimed}L`,
              sentence: `超大${claimed}L容量，出差三天的行李都装得下。`,
            }
          : {
              attribute: "capacity",
              expected: `${f.litres} L`,
              claimed: `${claimed} L`,
              sentence: `A massive ${claimed} L fits three days of luggage.`,
            };
      },
    },
    {
      topic: "water",
      make: (f, locale) =>
        locale === "zh-CN"
          ? {
              attribute: "防水",
              expected: f.waterRepellent ? "防泼水" : "不防水",
              claimed: "完全防水",
              sentence: `完全防水，暴雨中背着也滴水不进。`,
            }
          : {
              attribute: "water resistance",
              expected: f.waterRepellent ? "water-repellent" : "none",
              claimed: "fully waterproof",
              sentence: `Fully waterproof: not a drop gets in, even in a downpour.`,
            },
    },
    {
      topic: "material",
      make: (f, locale) =>
        locale === "zh-CN"
          ? {
              attribute: "材质",
              expected: materialOf(locale, f.material),
              claimed: "真皮",
              sentence: `头层牛皮打造，越背越有质感。`,
            }
          : {
              attribute: "material",
              expected: materialOf(locale, f.material),
              claimed: "leather",
              sentence: `Crafted from full-grain leather that only gets better with age.`,
            },
    },
    {
      topic: "colour",
      make: (f, locale) => {
        const claimed = colourOf(locale, otherColour(f.colour, ["black", "grey"]));
        return locale === "zh-CN"
          ? {
              attribute: "颜色",
              expected: colourOf(locale, f.colour),
              claimed,
              sentence: `${claimed}包身，商务休闲两相宜。`,
            }
          : {
              attribute: "colour",
              expected: colourOf(locale, f.colour),
              claimed,
              sentence: `A ${claimed} body suits business and casual days.`,
            };
      },
    },
  ],
  medical: {
    zh: ["人体工学背负可[矫正驼背]，[治疗颈椎病]。"],
    en: ["The ergonomic harness [corrects posture] and [cures back pain]."],
  },
  aspects: [
    {
      id: "capacity",
      name: { zh: "容量", en: "capacity" },
      positive: {
        zh: ["能装，电脑加衣服都放得下", "分区很多，东西好找"],
        en: ["holds a lot for its size", "lots of pockets, easy to organise"],
      },
      negative: {
        zh: ["比想象的小，装不了多少", "电脑仓放16寸有点紧"],
        en: ["smaller than it looks", "laptop sleeve is tight"],
      },
    },
    {
      id: "comfort",
      name: { zh: "背负", en: "comfort" },
      positive: {
        zh: ["背着很舒服，不勒肩", "肩带很软"],
        en: ["comfortable even when full", "straps are well padded"],
      },
      negative: {
        zh: ["装满了勒肩", "背板不透气，后背出汗"],
        en: ["straps dig in when loaded", "back panel gets sweaty"],
      },
    },
    {
      id: "zipper",
      name: { zh: "拉链", en: "zipper" },
      positive: { zh: ["拉链顺滑", "五金件质感不错"], en: ["zippers run smoothly", "hardware feels solid"] },
      negative: {
        zh: ["拉链用一个月就坏了", "拉链头掉漆"],
        en: ["zipper broke after a month", "zipper pulls are flimsy"],
      },
    },
  ],
});
