import type { TRng } from "./prng.js";
import { defineCategory, type TAspect } from "./demo-category.js";
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

const letters = (rng: TRng, from: string): string => rng.pick(from.split(""));

const WATCH_FEATURES = {
  hr: { zh: "心率监测", en: "heart-rate tracking" },
  spo2: { zh: "血氧监测", en: "SpO2 readings" },
  sleep: { zh: "睡眠监测", en: "sleep tracking" },
  gps: { zh: "GPS定位", en: "built-in GPS" },
  nfc: { zh: "NFC", en: "NFC" },
  calls: { zh: "蓝牙通话", en: "Bluetooth calls" },
} as const;
type TWatchFeature = keyof typeof WATCH_FEATURES;

const batteryAspect: TAspect = {
  id: "battery",
  name: { zh: "续航", en: "battery" },
  positive: {
    zh: ["续航挺给力，一周只充一次电", "电池很耐用，出差几天都不用带充电器", "续航和描述的差不多"],
    en: ["battery easily lasts the week", "battery life matches the listing", "I only charge it on weekends"],
  },
  negative: {
    zh: ["续航没有说的那么久，三四天就要充", "掉电有点快，开了常亮屏一天就没了", "续航缩水严重"],
    en: [
      "battery drains much faster than advertised",
      "needs charging every other day",
      "battery life is disappointing",
    ],
  },
};

export const smartwatch = defineCategory({
  slug: "smartwatch",
  code: "SW",
  name: { zh: "智能手表", en: "smartwatch" },
  merchants: ["acme-electronics"],
  keyAttributes: {
    zh: ["品牌", "型号", "颜色", "表壳材质", "屏幕尺寸", "电池容量", "续航", "防水等级"],
    en: [
      "brand",
      "model",
      "colour",
      "case material",
      "screen size",
      "battery capacity",
      "battery life",
      "water resistance",
    ],
  },
  brands: [
    { zh: "沃创", en: "Voltrek" },
    { zh: "欧比克", en: "Orbiq" },
    { zh: "跃迹", en: "Stridely" },
    { zh: "星衡", en: "Astrove" },
  ],
  model: (rng) => `${letters(rng, "WSRGK")}${rng.int(2, 9)}${rng.pick(["", " Pro", " Lite", " Active"])}`,
  priceCny: [299, 1899],
  facts: (rng: TRng) => {
    const features: TWatchFeature[] = [
      "hr",
      ...rng.sample<TWatchFeature>(["spo2", "sleep", "gps", "nfc", "calls"], rng.int(2, 4)),
    ];
    return {
      colour: rng.pick<TColour>(["black", "silver", "gold", "pink", "green"]),
      caseMaterial: rng.pick<TMaterial>(["aluminium", "steel", "titanium", "plastic"]),
      strap: rng.pick<TMaterial>(["silicone", "nylon", "puLeather"]),
      screen: rng.pick(["1.32", "1.43", "1.85", "1.96"]),
      mah: rng.pick([300, 350, 420, 450, 530]),
      days: rng.pick([7, 10, 14, 21]),
      water: rng.pick(["IP67", "IP68", "5ATM"]),
      features,
      grams: rng.int(30, 52),
    };
  },
  title: {
    zh: (f) =>
      `${f.brand.zh} ${f.model} 智能手表 ${f.screen}英寸AMOLED屏 ${f.days}天续航 ${f.water}防水 ${WATCH_FEATURES[f.features[1] ?? "hr"].zh} ${colourOf("zh-CN", f.colour)}`,
    en: (f) =>
      `${f.brand.en} ${f.model} Smartwatch, ${f.screen}" AMOLED, ${f.days}-Day Battery, ${f.water}, ${capitalise(colourOf("en-US", f.colour))}`,
  },
  attributes: {
    zh: (f) => ({
      品牌: f.brand.zh,
      型号: f.model,
      颜色: colourOf("zh-CN", f.colour),
      表壳材质: materialOf("zh-CN", f.caseMaterial),
      表带材质: materialOf("zh-CN", f.strap),
      屏幕尺寸: `${f.screen}英寸`,
      屏幕类型: "AMOLED",
      电池容量: `${f.mah}mAh`,
      续航: `${f.days}天`,
      防水等级: f.water,
      功能: f.features.map((x) => WATCH_FEATURES[x].zh),
      重量: `${f.grams}g`,
      认证: ["CCC", "SRRC"],
    }),
    en: (f) => ({
      brand: f.brand.en,
      model: f.model,
      colour: colourOf("en-US", f.colour),
      "case material": materialOf("en-US", f.caseMaterial),
      "strap material": materialOf("en-US", f.strap),
      "screen size": `${f.screen} in`,
      display: "AMOLED",
      "battery capacity": `${f.mah}mAh`,
      "battery life": `${f.days} days`,
      "water resistance": f.water,
      features: f.features.map((x) => WATCH_FEATURES[x].en),
      weight: `${f.grams} g`,
      certifications: ["FCC", "CE"],
    }),
  },
  sentences: [
    {
      topic: "intro",
      zh: (f, r) =>
        r.pick([
          `${f.brand.zh} ${f.model}智能手表，为日常通勤和运动记录而设计。`,
          `${f.brand.zh}推出的${f.model}是一款面向日常运动人群的智能手表。`,
        ]),
      en: (f, r) =>
        r.pick([
          `The ${f.brand.en} ${f.model} is a smartwatch built for everyday training and commuting.`,
          `Meet the ${f.brand.en} ${f.model}, a smartwatch that keeps your day and your workouts in one place.`,
        ]),
    },
    {
      topic: "screen",
      zh: (f) => `${f.screen}英寸AMOLED屏幕显示清晰，抬腕即可查看消息和运动数据。`,
      en: (f) => `A ${f.screen}-inch AMOLED screen shows messages and workout stats at a glance.`,
    },
    {
      topic: "battery",
      zh: (f) => `内置${f.mah}mAh电池，典型使用场景下续航约${f.days}天。`,
      en: (f) => `A ${f.mah}mAh battery lasts about ${f.days} days in typical use.`,
    },
    {
      topic: "material",
      zh: (f) =>
        `表壳采用${materialOf("zh-CN", f.caseMaterial)}，搭配${materialOf("zh-CN", f.strap)}表带，整表重约${f.grams}g。`,
      en: (f) =>
        `The case is ${materialOf("en-US", f.caseMaterial)} with a ${materialOf("en-US", f.strap)} strap, and the watch weighs about ${f.grams} g.`,
    },
    {
      topic: "water",
      zh: (f) => `支持${f.water}防水，洗手、淋雨时无需摘下。`,
      en: (f) => `It is rated ${f.water}, so hand-washing and rain are no reason to take it off.`,
    },
    {
      topic: "features",
      zh: (f) => `支持${zhList(f.features.map((x) => WATCH_FEATURES[x].zh))}，数据可同步到手机App。`,
      en: (f) =>
        `It offers ${enList(f.features.map((x) => WATCH_FEATURES[x].en))}, and syncs your data to the phone app.`,
    },
    {
      topic: "colour",
      zh: (f) => `${colourOf("zh-CN", f.colour)}表身低调耐看，通勤和运动都合适。`,
      en: (f) => `The ${colourOf("en-US", f.colour)} finish suits both the office and the gym.`,
    },
    { topic: "certification", zh: () => `产品已通过CCC和SRRC认证。`, en: () => `It carries FCC and CE certification.` },
  ],
  contradictions: [
    {
      topic: "battery",
      make: (f, locale) => {
        const claimed = f.days >= 21 ? 45 : f.days * 2;
        return locale === "zh-CN"
          ? {
              attribute: "续航",
              expected: `${f.days}天`,
              claimed: `${claimed}天`,
              sentence: `一次充电可连续使用${claimed}天，告别电量焦虑。`,
            }
          : {
              attribute: "battery life",
              expected: `${f.days} days`,
              claimed: `${claimed} days`,
              sentence: `One charge lasts ${claimed} days, so you can forget the charger.`,
            };
      },
    },
    {
      topic: "water",
      make: (f, locale) => {
        const claimed =
          ({ IP67: "IP68", IP68: "10ATM", "5ATM": "10ATM" } as Record<string, string>)[f.water] ?? "10ATM";
        return locale === "zh-CN"
          ? { attribute: "防水等级", expected: f.water, claimed, sentence: `${claimed}级防水，游泳、潜水都能戴。` }
          : {
              attribute: "water resistance",
              expected: f.water,
              claimed,
              sentence: `Rated ${claimed}, it is ready for swimming and diving.`,
            };
      },
    },
    {
      topic: "material",
      make: (f, locale) => {
        const claimed: TMaterial = f.caseMaterial === "titanium" ? "steel" : "titanium";
        return locale === "zh-CN"
          ? {
              attribute: "表壳材质",
              expected: materialOf(locale, f.caseMaterial),
              claimed: materialOf(locale, claimed),
              sentence: `表壳由${materialOf(locale, claimed)}打造，坚固又轻盈。`,
            }
          : {
              attribute: "case material",
              expected: materialOf(locale, f.caseMaterial),
              claimed: materialOf(locale, claimed),
              sentence: `The case is machined from ${materialOf(locale, claimed)} for strength without bulk.`,
            };
      },
    },
    {
      topic: "colour",
      make: (f, locale) => {
        const claimed = colourOf(locale, otherColour(f.colour, ["black", "silver", "gold"]));
        return locale === "zh-CN"
          ? {
              attribute: "颜色",
              expected: colourOf(locale, f.colour),
              claimed,
              sentence: `经典${claimed}表身，百搭耐看。`,
            }
          : {
              attribute: "colour",
              expected: colourOf(locale, f.colour),
              claimed,
              sentence: `The classic ${claimed} finish goes with everything.`,
            };
      },
    },
  ],
  medical: {
    zh: ["实时监测心率，可[诊断心脏病]，守护全家健康。", "坚持佩戴能[治疗失眠]，改善睡眠质量。"],
    en: [
      "Continuous heart monitoring can [diagnose heart disease] before symptoms appear.",
      "Wear it nightly to [cure insomnia] for good.",
    ],
  },
  aspects: [
    batteryAspect,
    {
      id: "screen",
      name: { zh: "屏幕", en: "screen" },
      positive: {
        zh: ["屏幕很清楚，太阳底下也看得见", "屏幕显示细腻"],
        en: ["screen is bright and sharp", "easy to read the screen outdoors"],
      },
      negative: {
        zh: ["屏幕反光严重，户外看不清", "屏幕容易刮花"],
        en: ["screen scratches easily", "hard to read the screen in sunlight"],
      },
    },
    {
      id: "strap",
      name: { zh: "表带", en: "strap" },
      positive: {
        zh: ["表带柔软，戴一天也不闷", "表带做工不错"],
        en: ["strap is soft and comfortable all day", "strap feels well made"],
      },
      negative: {
        zh: ["表带扣不太牢，掉过一次", "表带有点硬，出汗会痒"],
        en: ["the strap clasp came loose twice", "strap gets itchy when I sweat"],
      },
    },
    {
      id: "accuracy",
      name: { zh: "准确度", en: "accuracy" },
      positive: {
        zh: ["心率和步数都挺准的", "GPS轨迹很准"],
        en: ["step and heart-rate counts look accurate", "GPS tracks are spot on"],
      },
      negative: {
        zh: ["步数不准，坐车也算步数", "心率数据偶尔乱跳"],
        en: ["step count is way off", "heart-rate readings jump around"],
      },
    },
  ],
});

export const earbuds = defineCategory({
  slug: "earbuds",
  code: "EB",
  name: { zh: "蓝牙耳机", en: "wireless earbuds" },
  merchants: ["acme-electronics"],
  keyAttributes: {
    zh: ["品牌", "型号", "颜色", "蓝牙版本", "续航", "防水等级", "主动降噪"],
    en: ["brand", "model", "colour", "bluetooth version", "battery life", "water resistance", "noise cancelling"],
  },
  brands: [
    { zh: "声澜", en: "Sonlan" },
    { zh: "沃创", en: "Voltrek" },
    { zh: "听岚", en: "Hearloom" },
    { zh: "欧比克", en: "Orbiq" },
  ],
  model: (rng) =>
    `${rng.pick(["Buds", "Air", "Pods", "Tune"])} ${rng.int(2, 7)}${rng.pick(["", " Pro", " SE", " Neo"])}`,
  priceCny: [99, 899],
  facts: (rng: TRng) => {
    const budHours = rng.pick([5, 6, 7, 8]);
    return {
      colour: rng.pick<TColour>(["black", "white", "blue", "pink"]),
      budHours,
      totalHours: budHours * rng.pick([4, 5, 6]),
      anc: rng.chance(0.6),
      bluetooth: rng.pick(["5.2", "5.3", "5.4"]),
      water: rng.pick(["IPX4", "IPX5", "IP54"]),
      driver: rng.pick([10, 11, 12]),
      budGrams: rng.pick(["4.5", "4.8", "5.2", "5.6"]),
    };
  },
  title: {
    zh: (f) =>
      `${f.brand.zh} ${f.model} 真无线蓝牙耳机 ${f.anc ? "主动降噪 " : ""}蓝牙${f.bluetooth} ${f.totalHours}小时续航 ${f.water}防水 ${colourOf("zh-CN", f.colour)}`,
    en: (f) =>
      `${f.brand.en} ${f.model} Wireless Earbuds${f.anc ? " with Active Noise Cancelling" : ""}, Bluetooth ${f.bluetooth}, ${f.totalHours}H Playtime, ${f.water}, ${capitalise(colourOf("en-US", f.colour))}`,
  },
  attributes: {
    zh: (f) => ({
      品牌: f.brand.zh,
      型号: f.model,
      颜色: colourOf("zh-CN", f.colour),
      蓝牙版本: f.bluetooth,
      续航: `单次${f.budHours}小时，配合充电盒${f.totalHours}小时`,
      防水等级: f.water,
      主动降噪: f.anc ? "支持" : "不支持",
      单耳重量: `${f.budGrams}g`,
      发声单元: `${f.driver}mm`,
      认证: ["CCC", "SRRC"],
    }),
    en: (f) => ({
      brand: f.brand.en,
      model: f.model,
      colour: colourOf("en-US", f.colour),
      "bluetooth version": f.bluetooth,
      "battery life": `${f.budHours} h per charge, ${f.totalHours} h with case`,
      "water resistance": f.water,
      "noise cancelling": f.anc,
      "weight per earbud": `${f.budGrams} g`,
      driver: `${f.driver} mm`,
      certifications: ["FCC", "CE"],
    }),
  },
  sentences: [
    {
      topic: "intro",
      zh: (f, r) =>
        r.pick([
          `${f.brand.zh} ${f.model}真无线耳机，通勤、运动、网课都能用。`,
          `${f.model}是${f.brand.zh}为日常通勤打造的一款真无线蓝牙耳机。`,
        ]),
      en: (f, r) =>
        r.pick([
          `The ${f.brand.en} ${f.model} are true wireless earbuds for commuting, workouts and calls.`,
          `${f.brand.en} built the ${f.model} for people who wear earbuds from the morning train to the evening run.`,
        ]),
    },
    {
      topic: "anc",
      zh: (f) => (f.anc ? `支持主动降噪，地铁和办公室里的低频噪音明显减少。` : `采用半入耳设计，长时间佩戴耳道不胀。`),
      en: (f) =>
        f.anc
          ? `Active noise cancelling turns down the rumble of trains and open offices.`
          : `The half in-ear design stays comfortable through long listening sessions.`,
    },
    {
      topic: "battery",
      zh: (f) => `耳机单次可听${f.budHours}小时，配合充电盒总续航${f.totalHours}小时。`,
      en: (f) =>
        `Each charge gives ${f.budHours} hours of playback, and the case brings the total to ${f.totalHours} hours.`,
    },
    {
      topic: "bluetooth",
      zh: (f) => `采用蓝牙${f.bluetooth}，连接稳定，开盖即可回连手机。`,
      en: (f) => `Bluetooth ${f.bluetooth} keeps the connection steady and reconnects as soon as you open the case.`,
    },
    {
      topic: "water",
      zh: (f) => `${f.water}防水防汗，跑步出汗也不怕。`,
      en: (f) => `An ${f.water} rating means sweat and light rain are fine.`,
    },
    {
      topic: "sound",
      zh: (f) => `${f.driver}mm动圈单元，低音饱满，人声清楚。`,
      en: (f) => `${f.driver} mm drivers give full bass and clear vocals.`,
    },
    {
      topic: "weight",
      zh: (f) => `单耳仅${f.budGrams}g，戴久了也不会有压迫感。`,
      en: (f) => `At ${f.budGrams} g per earbud, they are easy to forget you are wearing.`,
    },
  ],
  contradictions: [
    {
      topic: "anc",
      make: (f, locale) =>
        f.anc
          ? null
          : locale === "zh-CN"
            ? {
                attribute: "主动降噪",
                expected: "不支持",
                claimed: "支持",
                sentence: `搭载主动降噪，一键隔绝外界噪音。`,
              }
            : {
                attribute: "noise cancelling",
                expected: "false",
                claimed: "true",
                sentence: `Active noise cancelling shuts out the world at the tap of a button.`,
              },
    },
    {
      topic: "battery",
      make: (f, locale) => {
        const claimed = f.totalHours * 2;
        return locale === "zh-CN"
          ? {
              attribute: "续航",
              expected: `${f.totalHours}小时`,
              claimed: `${claimed}小时`,
              sentence: `配合充电盒总续航长达${claimed}小时。`,
            }
          : {
              attribute: "battery life",
              expected: `${f.totalHours} h`,
              claimed: `${claimed} hours`,
              sentence: `With the case you get ${claimed} hours of total playtime.`,
            };
      },
    },
    {
      topic: "bluetooth",
      make: (f, locale) => {
        if (f.bluetooth === "5.4") return null;
        return locale === "zh-CN"
          ? {
              attribute: "蓝牙版本",
              expected: f.bluetooth,
              claimed: "5.4",
              sentence: `采用新一代蓝牙5.4芯片，连接更稳。`,
            }
          : {
              attribute: "bluetooth version",
              expected: f.bluetooth,
              claimed: "5.4",
              sentence: `A Bluetooth 5.4 chip keeps the link steady.`,
            };
      },
    },
    {
      topic: "colour",
      make: (f, locale) => {
        const claimed = colourOf(locale, otherColour(f.colour, ["white", "black"]));
        return locale === "zh-CN"
          ? { attribute: "颜色", expected: colourOf(locale, f.colour), claimed, sentence: `${claimed}机身简洁百搭。` }
          : {
              attribute: "colour",
              expected: colourOf(locale, f.colour),
              claimed,
              sentence: `The ${claimed} shell looks clean with any outfit.`,
            };
      },
    },
  ],
  medical: {
    zh: ["特殊声波频率可[治疗耳鸣]。", "睡前佩戴播放白噪音，帮助[治愈失眠]。"],
    en: [
      "Its special sound frequencies [cure tinnitus].",
      "Play white noise at night to [treat insomnia] without pills.",
    ],
  },
  aspects: [
    {
      id: "sound",
      name: { zh: "音质", en: "sound" },
      positive: {
        zh: ["音质超出预期，低音很足", "人声很清楚"],
        en: ["sound is rich with punchy bass", "vocals are clear"],
      },
      negative: { zh: ["音质一般，高音刺耳", "声音有点闷"], en: ["sound is muddy", "treble is harsh at high volume"] },
    },
    {
      id: "anc",
      name: { zh: "降噪", en: "noise cancelling" },
      positive: {
        zh: ["降噪效果不错，地铁上安静多了", "降噪开了世界都安静了"],
        en: ["noise cancelling works well on the train", "ANC blocks the office chatter"],
      },
      negative: {
        zh: ["降噪几乎没效果", "没有降噪，地铁上听不清"],
        en: ["noise cancelling barely does anything", "no real noise cancelling, useless on the subway"],
      },
    },
    batteryAspect,
    {
      id: "fit",
      name: { zh: "佩戴", en: "fit" },
      positive: {
        zh: ["戴着很稳，跑步不掉", "佩戴舒服，戴久了耳朵不疼"],
        en: ["they stay put while running", "comfortable for hours"],
      },
      negative: {
        zh: ["耳朵小的戴着容易掉", "戴一个小时耳朵就疼"],
        en: ["they keep falling out of my ears", "my ears hurt after an hour"],
      },
    },
  ],
});

export const powerBank = defineCategory({
  slug: "power-bank",
  code: "PB",
  name: { zh: "充电宝", en: "power bank" },
  merchants: ["acme-electronics"],
  keyAttributes: {
    zh: ["品牌", "型号", "颜色", "电池容量", "输出功率", "接口", "重量"],
    en: ["brand", "model", "colour", "battery capacity", "output power", "ports", "weight"],
  },
  brands: [
    { zh: "沃创", en: "Voltrek" },
    { zh: "电小满", en: "Chargewell" },
    { zh: "欧比克", en: "Orbiq" },
  ],
  model: (rng) => `${rng.pick(["PB", "Go", "Mag", "Max"])}${rng.int(10, 99)}`,
  priceCny: [59, 399],
  facts: (rng: TRng) => {
    const mah = rng.pick([5000, 10000, 20000]);
    return {
      mah,
      watts: rng.pick(mah === 5000 ? ["18", "20"] : ["22.5", "30", "65"]),
      grams: mah === 5000 ? rng.int(100, 130) : mah === 10000 ? rng.int(190, 240) : rng.int(360, 430),
      colour: rng.pick<TColour>(["black", "white", "blue", "pink"]),
      shell: rng.pick<TMaterial>(["plastic", "aluminium"]),
      magnetic: mah === 5000 && rng.chance(0.5),
      ports: rng.pick([
        { zh: "USB-C ×1，USB-A ×1", en: "1× USB-C, 1× USB-A" },
        { zh: "USB-C ×2，USB-A ×1", en: "2× USB-C, 1× USB-A" },
      ]),
    };
  },
  title: {
    zh: (f) =>
      `${f.brand.zh} ${f.model} ${f.magnetic ? "磁吸" : ""}充电宝 ${f.mah}mAh ${f.watts}W快充 便携移动电源 ${colourOf("zh-CN", f.colour)}`,
    en: (f) =>
      `${f.brand.en} ${f.model} ${f.magnetic ? "Magnetic " : ""}Power Bank ${f.mah}mAh, ${f.watts}W Fast Charging, ${capitalise(colourOf("en-US", f.colour))}`,
  },
  attributes: {
    zh: (f) => ({
      品牌: f.brand.zh,
      型号: f.model,
      颜色: colourOf("zh-CN", f.colour),
      电池容量: `${f.mah}mAh`,
      输出功率: `${f.watts}W`,
      接口: f.ports.zh,
      重量: `${f.grams}g`,
      外壳材质: materialOf("zh-CN", f.shell),
      磁吸: f.magnetic ? "支持" : "不支持",
      认证: ["CCC"],
    }),
    en: (f) => ({
      brand: f.brand.en,
      model: f.model,
      colour: colourOf("en-US", f.colour),
      "battery capacity": `${f.mah}mAh`,
      "output power": `${f.watts}W`,
      ports: f.ports.en,
      weight: `${f.grams} g`,
      "shell material": materialOf("en-US", f.shell),
      magnetic: f.magnetic,
      certifications: ["FCC", "CE", "UN38.3"],
    }),
  },
  sentences: [
    {
      topic: "intro",
      zh: (f, r) =>
        r.pick([
          `${f.brand.zh} ${f.model}充电宝，出门带上它，手机没电不再慌。`,
          `这款${f.brand.zh}充电宝小巧便携，适合通勤和旅行随身带。`,
        ]),
      en: (f, r) =>
        r.pick([
          `The ${f.brand.en} ${f.model} power bank keeps your phone going on long days out.`,
          `A compact ${f.brand.en} power bank that slips into a bag or pocket for travel and commuting.`,
        ]),
    },
    {
      topic: "capacity",
      zh: (f) => `电芯容量${f.mah}mAh，外出一天够用。`,
      en: (f) => `Its ${f.mah}mAh cells cover a full day away from an outlet.`,
    },
    {
      topic: "power",
      zh: (f) => `支持${f.watts}W快充，给手机回血更快。`,
      en: (f) => `${f.watts}W fast charging tops up a phone quickly.`,
    },
    {
      topic: "ports",
      zh: (f) => `接口为${f.ports.zh}，可以同时给两台设备充电。`,
      en: (f) => `With ${f.ports.en}, it charges two devices at once.`,
    },
    {
      topic: "weight",
      zh: (f) => `整机重约${f.grams}g，放进包里几乎感觉不到。`,
      en: (f) => `It weighs about ${f.grams} g, so you will barely notice it in your bag.`,
    },
    {
      topic: "magnetic",
      zh: (f) =>
        f.magnetic ? `磁吸设计，贴在手机背面即可无线充电。` : `${materialOf("zh-CN", f.shell)}外壳，手感扎实。`,
      en: (f) =>
        f.magnetic
          ? `It snaps magnetically to the back of your phone and charges without a cable.`
          : `The ${materialOf("en-US", f.shell)} shell feels solid in the hand.`,
    },
    {
      topic: "certification",
      zh: () => `已通过CCC认证，可随身携带登机。`,
      en: () => `UN38.3 tested for carrying on flights, and certified FCC and CE.`,
    },
  ],
  contradictions: [
    {
      topic: "capacity",
      make: (f, locale) => {
        const claimed = f.mah * 2;
        return locale === "zh-CN"
          ? {
              attribute: "电池容量",
              expected: `${f.mah}mAh`,
              claimed: `${claimed}mAh`,
              sentence: `大容量${claimed}mAh，手机能充满好几次。`,
            }
          : {
              attribute: "battery capacity",
              expected: `${f.mah}mAh`,
              claimed: `${claimed}mAh`,
              sentence: `A huge ${claimed}mAh capacity refills your phone several times.`,
            };
      },
    },
    {
      topic: "power",
      make: (f, locale) => {
        const claimed = f.watts === "65" ? "100" : "65";
        return locale === "zh-CN"
          ? {
              attribute: "输出功率",
              expected: `${f.watts}W`,
              claimed: `${claimed}W`,
              sentence: `支持${claimed}W快充，笔记本也能充。`,
            }
          : {
              attribute: "output power",
              expected: `${f.watts}W`,
              claimed: `${claimed}W`,
              sentence: `${claimed}W output even charges a laptop.`,
            };
      },
    },
    {
      topic: "weight",
      make: (f, locale) => {
        const claimed = Math.round(f.grams / 2);
        return locale === "zh-CN"
          ? {
              attribute: "重量",
              expected: `${f.grams}g`,
              claimed: `${claimed}g`,
              sentence: `机身仅重${claimed}g，轻若无物。`,
            }
          : {
              attribute: "weight",
              expected: `${f.grams} g`,
              claimed: `${claimed} g`,
              sentence: `At just ${claimed} g, it weighs next to nothing.`,
            };
      },
    },
    {
      topic: "colour",
      make: (f, locale) => {
        const claimed = colourOf(locale, otherColour(f.colour, ["black", "white"]));
        return locale === "zh-CN"
          ? { attribute: "颜色", expected: colourOf(locale, f.colour), claimed, sentence: `${claimed}外观，简约耐脏。` }
          : {
              attribute: "colour",
              expected: colourOf(locale, f.colour),
              claimed,
              sentence: `A ${claimed} shell that hides scuffs.`,
            };
      },
    },
  ],
  medical: {
    zh: ["低辐射设计，可[预防癌症]，孕妇也能放心用。"],
    en: ["Its low-radiation design helps [prevent cancer], so it is safe during pregnancy."],
  },
  aspects: [
    {
      id: "capacity",
      name: { zh: "容量", en: "capacity" },
      positive: {
        zh: ["容量够用，手机能充两次", "电量很实在"],
        en: ["charges my phone twice", "capacity is as stated"],
      },
      negative: {
        zh: ["容量虚标，手机充一次就没电了", "电量掉得快"],
        en: ["capacity is overstated, barely one full charge", "loses charge sitting in a drawer"],
      },
    },
    {
      id: "speed",
      name: { zh: "充电速度", en: "charging speed" },
      positive: {
        zh: ["充电速度很快", "快充有效果"],
        en: ["fast charging really is fast", "tops up my phone quickly"],
      },
      negative: {
        zh: ["充电很慢，不像快充", "快充协议不兼容我的手机"],
        en: ["charging is slow", "fast charging does not work with my phone"],
      },
    },
    {
      id: "heat",
      name: { zh: "发热", en: "heat" },
      positive: { zh: ["充电时不怎么发热", "温度控制得不错"], en: ["stays cool while charging", "does not get hot"] },
      negative: {
        zh: ["充电时烫手", "发热有点严重"],
        en: ["gets very hot while charging", "too warm to keep in a pocket"],
      },
    },
  ],
});

export const phoneCase = defineCategory({
  slug: "phone-case",
  code: "PC",
  name: { zh: "手机壳", en: "phone case" },
  merchants: ["acme-electronics", "lotus-fashion"],
  keyAttributes: {
    zh: ["品牌", "型号", "适用机型", "材质", "颜色", "防摔高度"],
    en: ["brand", "model", "compatible phone", "material", "colour", "drop protection"],
  },
  brands: [
    { zh: "壳之道", en: "Caseway" },
    { zh: "欧比克", en: "Orbiq" },
    { zh: "莲裳", en: "Lotus Atelier" },
  ],
  model: (rng) => `${rng.pick(["Shield", "Clear", "Grip", "Slim"])}-${rng.int(100, 999)}`,
  priceCny: [29, 129],
  facts: (rng: TRng) => ({
    phone: rng.pick(["iPhone 15", "iPhone 15 Pro", "iPhone 16", "Galaxy S24", "Pixel 8"]),
    material: rng.pick<TMaterial>(["tpu", "silicone", "pcTpu", "puLeather"]),
    colour: rng.pick<TColour>(["clear", "black", "blue", "pink", "green"]),
    dropMetres: rng.pick(["1.5", "2", "3"]),
    thickness: rng.pick(["1.2", "1.5", "2.0"]),
    magnetic: rng.chance(0.4),
  }),
  title: {
    zh: (f) =>
      `${f.brand.zh} ${f.model} 适用${f.phone}手机壳 ${materialOf("zh-CN", f.material)}防摔保护套 ${f.magnetic ? "磁吸 " : ""}${colourOf("zh-CN", f.colour)}`,
    en: (f) =>
      `${f.brand.en} ${f.model} Case for ${f.phone}, ${capitalise(materialOf("en-US", f.material))}, ${f.dropMetres} m Drop Protection${f.magnetic ? ", Magnetic" : ""}, ${capitalise(colourOf("en-US", f.colour))}`,
  },
  attributes: {
    zh: (f) => ({
      品牌: f.brand.zh,
      型号: f.model,
      适用机型: f.phone,
      材质: materialOf("zh-CN", f.material),
      颜色: colourOf("zh-CN", f.colour),
      防摔高度: `${f.dropMetres}米`,
      厚度: `${f.thickness}mm`,
      磁吸: f.magnetic ? "支持" : "不支持",
    }),
    en: (f) => ({
      brand: f.brand.en,
      model: f.model,
      "compatible phone": f.phone,
      material: materialOf("en-US", f.material),
      colour: colourOf("en-US", f.colour),
      "drop protection": `${f.dropMetres} m`,
      thickness: `${f.thickness} mm`,
      magnetic: f.magnetic,
    }),
  },
  sentences: [
    {
      topic: "intro",
      zh: (f, r) =>
        r.pick([
          `${f.brand.zh} ${f.model}手机壳，专为${f.phone}开模，按键和开孔位置精准。`,
          `这款手机壳适用于${f.phone}，贴合机身，装上不显厚重。`,
        ]),
      en: (f, r) =>
        r.pick([
          `The ${f.brand.en} ${f.model} is cut for the ${f.phone}, with precise buttons and openings.`,
          `A slim case made for the ${f.phone} that adds protection without bulk.`,
        ]),
    },
    {
      topic: "material",
      zh: (f) => `采用${materialOf("zh-CN", f.material)}材质，手感顺滑不打滑。`,
      en: (f) => `${capitalise(materialOf("en-US", f.material))} gives a grippy, smooth feel.`,
    },
    {
      topic: "drop",
      zh: (f) => `四角加厚设计，通过${f.dropMetres}米跌落测试。`,
      en: (f) => `Reinforced corners passed ${f.dropMetres} m drop tests.`,
    },
    {
      topic: "thickness",
      zh: (f) => `壳身厚度${f.thickness}mm，握持轻薄。`,
      en: (f) => `At ${f.thickness} mm thick, it keeps the phone slim.`,
    },
    {
      topic: "magnetic",
      zh: (f) => (f.magnetic ? `内置磁吸圈，可搭配磁吸充电器和支架使用。` : `镜头一圈加高，平放时保护摄像头。`),
      en: (f) =>
        f.magnetic
          ? `A built-in magnetic ring works with magnetic chargers and mounts.`
          : `A raised lip around the camera protects the lenses when the phone lies flat.`,
    },
    {
      topic: "colour",
      zh: (f) => `${colourOf("zh-CN", f.colour)}款式，简约好搭。`,
      en: (f) => `The ${colourOf("en-US", f.colour)} finish keeps the look simple.`,
    },
  ],
  contradictions: [
    {
      topic: "drop",
      make: (f, locale) => {
        const claimed = f.dropMetres === "3" ? "5" : "3";
        return locale === "zh-CN"
          ? {
              attribute: "防摔高度",
              expected: `${f.dropMetres}米`,
              claimed: `${claimed}米`,
              sentence: `四角加固，${claimed}米跌落无损。`,
            }
          : {
              attribute: "drop protection",
              expected: `${f.dropMetres} m`,
              claimed: `${claimed} m`,
              sentence: `Reinforced corners survive ${claimed} m drops.`,
            };
      },
    },
    {
      topic: "material",
      make: (f, locale) => {
        const claimed: TMaterial = f.material === "leather" || f.material === "puLeather" ? "silicone" : "leather";
        return locale === "zh-CN"
          ? {
              attribute: "材质",
              expected: materialOf(locale, f.material),
              claimed: materialOf(locale, claimed),
              sentence: `精选${materialOf(locale, claimed)}材质，越用越有质感。`,
            }
          : {
              attribute: "material",
              expected: materialOf(locale, f.material),
              claimed: materialOf(locale, claimed),
              sentence: `Made from ${materialOf(locale, claimed)} that ages beautifully.`,
            };
      },
    },
    {
      topic: "colour",
      make: (f, locale) => {
        const claimed = colourOf(locale, otherColour(f.colour, ["clear", "black"]));
        return locale === "zh-CN"
          ? {
              attribute: "颜色",
              expected: colourOf(locale, f.colour),
              claimed,
              sentence: `${claimed}壳身，展示手机原色。`,
            }
          : {
              attribute: "colour",
              expected: colourOf(locale, f.colour),
              claimed,
              sentence: `The ${claimed} shell shows off your phone.`,
            };
      },
    },
  ],
  medical: {
    zh: ["特殊材料可[防辐射]，长期使用[预防脑瘤]。"],
    en: ["The shielding layer [blocks radiation] and helps [prevent brain tumours]."],
  },
  aspects: [
    {
      id: "fit",
      name: { zh: "贴合度", en: "fit" },
      positive: {
        zh: ["开孔很准，严丝合缝", "装上很贴合"],
        en: ["cutouts line up perfectly with the buttons", "fits snugly"],
      },
      negative: {
        zh: ["按键有点硬，不好按", "摄像头开孔偏了"],
        en: ["buttons are stiff to press", "camera cutout is slightly off"],
      },
    },
    {
      id: "yellowing",
      name: { zh: "发黄", en: "yellowing" },
      positive: {
        zh: ["用了两个月没发黄", "透明度一直很好"],
        en: ["still clear after two months", "no yellowing so far"],
      },
      negative: {
        zh: ["一个月就发黄了", "边缘开始发黄"],
        en: ["turned yellow within a month", "edges yellowed quickly"],
      },
    },
    {
      id: "protection",
      name: { zh: "防摔", en: "protection" },
      positive: {
        zh: ["摔了几次手机都没事", "四角很厚实"],
        en: ["survived a few drops already", "corners feel sturdy"],
      },
      negative: {
        zh: ["摔了一次屏幕就裂了", "保护性一般"],
        en: ["phone screen cracked on the first drop", "protection feels thin"],
      },
    },
  ],
});

export const deskLamp = defineCategory({
  slug: "desk-lamp",
  code: "DL",
  name: { zh: "台灯", en: "desk lamp" },
  merchants: ["acme-electronics", "greenleaf-home"],
  keyAttributes: {
    zh: ["品牌", "型号", "颜色", "功率", "色温", "显色指数", "材质"],
    en: ["brand", "model", "colour", "power", "colour temperature", "CRI", "material"],
  },
  brands: [
    { zh: "明几", en: "Brightdesk" },
    { zh: "欧比克", en: "Orbiq" },
    { zh: "绿叶", en: "Greenleaf" },
  ],
  model: (rng) => `${rng.pick(["L", "Lumo ", "Desk "])}${rng.int(1, 9)}${rng.pick(["", "S", " Plus"])}`,
  priceCny: [89, 699],
  facts: (rng: TRng) => ({
    watts: rng.pick([8, 10, 12, 15]),
    cct: rng.pick(["3000-5000K", "2700-6500K", "3000-6000K"]),
    cri: rng.pick([90, 95, 97]),
    levels: rng.pick([3, 5, 10]),
    material: rng.pick<TMaterial>(["aluminium", "plastic"]),
    colour: rng.pick<TColour>(["white", "black", "silver", "green"]),
    usb: rng.chance(0.5),
  }),
  title: {
    zh: (f) =>
      `${f.brand.zh} ${f.model} LED台灯 国AA级 ${f.watts}W Ra${f.cri} ${f.cct}调色 ${f.usb ? "带USB充电口 " : ""}${colourOf("zh-CN", f.colour)}`,
    en: (f) =>
      `${f.brand.en} ${f.model} LED Desk Lamp, ${f.watts}W, CRI ${f.cri}, ${f.cct} Adjustable${f.usb ? ", USB Charging Port" : ""}, ${capitalise(colourOf("en-US", f.colour))}`,
  },
  attributes: {
    zh: (f) => ({
      品牌: f.brand.zh,
      型号: f.model,
      颜色: colourOf("zh-CN", f.colour),
      功率: `${f.watts}W`,
      色温: f.cct,
      显色指数: `Ra${f.cri}`,
      亮度档位: `${f.levels}档`,
      材质: materialOf("zh-CN", f.material),
      USB充电口: f.usb ? "有" : "无",
      认证: ["CCC", "国AA级"],
    }),
    en: (f) => ({
      brand: f.brand.en,
      model: f.model,
      colour: colourOf("en-US", f.colour),
      power: `${f.watts}W`,
      "colour temperature": f.cct,
      CRI: `${f.cri}`,
      "brightness levels": f.levels,
      material: materialOf("en-US", f.material),
      "USB port": f.usb,
      certifications: ["UL", "FCC"],
    }),
  },
  sentences: [
    {
      topic: "intro",
      zh: (f, r) =>
        r.pick([
          `${f.brand.zh} ${f.model} LED台灯，适合学习、阅读和办公。`,
          `这款${f.brand.zh}台灯为书桌而设计，写作业、看书、加班都合适。`,
        ]),
      en: (f, r) =>
        r.pick([
          `The ${f.brand.en} ${f.model} LED desk lamp is made for reading, study and late work sessions.`,
          `A ${f.brand.en} lamp designed for the desk, from homework to spreadsheets.`,
        ]),
    },
    {
      topic: "light",
      zh: (f) => `色温${f.cct}可调，亮度${f.levels}档，白天晚上都能找到合适的光。`,
      en: (f) => `Colour temperature adjusts across ${f.cct} with ${f.levels} brightness levels for day or night.`,
    },
    {
      topic: "cri",
      zh: (f) => `显色指数Ra${f.cri}，书本和画纸的颜色看得更真实。`,
      en: (f) => `A CRI of ${f.cri} shows paper and paint in their true colours.`,
    },
    {
      topic: "power",
      zh: (f) => `额定功率${f.watts}W，照亮整张书桌。`,
      en: (f) => `Its ${f.watts}W output lights the whole desk.`,
    },
    {
      topic: "material",
      zh: (f) => `灯臂采用${materialOf("zh-CN", f.material)}，可多角度调节。`,
      en: (f) => `The ${materialOf("en-US", f.material)} arm adjusts to many angles.`,
    },
    {
      topic: "usb",
      zh: (f) => (f.usb ? `底座带USB充电口，顺手给手机充电。` : `底座配重稳固，不易碰倒。`),
      en: (f) =>
        f.usb
          ? `A USB port in the base charges your phone while you work.`
          : `A weighted base keeps it steady on the desk.`,
    },
    {
      topic: "colour",
      zh: (f) => `${colourOf("zh-CN", f.colour)}外观，放在书桌上很清爽。`,
      en: (f) => `The ${colourOf("en-US", f.colour)} finish keeps the desk looking tidy.`,
    },
  ],
  contradictions: [
    {
      topic: "power",
      make: (f, locale) => {
        const claimed = f.watts * 2;
        return locale === "zh-CN"
          ? {
              attribute: "功率",
              expected: `${f.watts}W`,
              claimed: `${claimed}W`,
              sentence: `${claimed}W大功率，亮度翻倍。`,
            }
          : {
              attribute: "power",
              expected: `${f.watts}W`,
              claimed: `${claimed}W`,
              sentence: `A powerful ${claimed}W panel doubles the brightness.`,
            };
      },
    },
    {
      topic: "cri",
      make: (f, locale) => {
        const claimed = f.cri >= 97 ? 99 : 98;
        return locale === "zh-CN"
          ? {
              attribute: "显色指数",
              expected: `Ra${f.cri}`,
              claimed: `Ra${claimed}`,
              sentence: `显色指数高达Ra${claimed}，接近自然光。`,
            }
          : {
              attribute: "CRI",
              expected: `${f.cri}`,
              claimed: `${claimed}`,
              sentence: `A CRI of ${claimed} comes close to natural daylight.`,
            };
      },
    },
    {
      topic: "colour",
      make: (f, locale) => {
        const claimed = colourOf(locale, otherColour(f.colour, ["white", "black"]));
        return locale === "zh-CN"
          ? {
              attribute: "颜色",
              expected: colourOf(locale, f.colour),
              claimed,
              sentence: `${claimed}灯身，百搭各种书桌。`,
            }
          : {
              attribute: "colour",
              expected: colourOf(locale, f.colour),
              claimed,
              sentence: `Its ${claimed} body matches any desk.`,
            };
      },
    },
  ],
  medical: {
    zh: ["每天使用可[预防近视]，[治疗眼疲劳]。", "孩子用了视力明显恢复，[治好假性近视]。"],
    en: [
      "Daily use helps [prevent myopia] and [cures eye strain].",
      "Parents report it [reverses short-sightedness] in children.",
    ],
  },
  aspects: [
    {
      id: "brightness",
      name: { zh: "亮度", en: "brightness" },
      positive: {
        zh: ["亮度足够，看书很舒服", "光线柔和不刺眼"],
        en: ["plenty bright for reading", "light is soft and easy on the eyes"],
      },
      negative: {
        zh: ["亮度不够，边缘有点暗", "开到高亮有点刺眼"],
        en: ["not bright enough at the edges", "glare at the highest setting"],
      },
    },
    {
      id: "flicker",
      name: { zh: "频闪", en: "flicker" },
      positive: { zh: ["手机拍没有频闪", "低亮度也不闪"], en: ["no flicker on camera", "no flicker even when dimmed"] },
      negative: {
        zh: ["低亮度时手机拍有频闪", "调暗以后会闪"],
        en: ["flickers on camera at low brightness", "visible flicker when dimmed"],
      },
    },
    {
      id: "build",
      name: { zh: "做工", en: "build" },
      positive: {
        zh: ["灯臂很稳，调好角度不会掉", "底座很重很稳"],
        en: ["arm holds its position", "solid, heavy base"],
      },
      negative: {
        zh: ["灯臂关节松，用几天就下垂", "触摸按键不灵敏"],
        en: ["the arm joint sags after a week", "touch buttons are unresponsive"],
      },
    },
  ],
});
