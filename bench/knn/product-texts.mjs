// Synthetic zh and en product copy for the kNN bench: a category's nouns combined with colours,
// materials, styles, features and audiences, all written here (no data set), so neighbours share
// meaning the way catalog products do — not uniform noise, which every index finds easy or hard
// for the wrong reasons. Deterministic for a seed.

const CATEGORIES = [
  {
    en: ["dress", "midi dress", "maxi dress", "shirt dress"],
    zh: ["连衣裙", "中长裙", "长裙", "衬衫裙"],
    features: [
      ["A-line cut", "A字版型"],
      ["short sleeves", "短袖设计"],
      ["elastic waist", "松紧腰"],
      ["floral print", "碎花印花"],
      ["slim fit", "修身显瘦"],
      ["side pockets", "侧边口袋"],
    ],
  },
  {
    en: ["t-shirt", "polo shirt", "tank top", "hoodie"],
    zh: ["T恤", "POLO衫", "背心", "卫衣"],
    features: [
      ["crew neck", "圆领"],
      ["loose fit", "宽松版型"],
      ["breathable fabric", "透气面料"],
      ["printed logo", "印花图案"],
      ["drop shoulder", "落肩设计"],
    ],
  },
  {
    en: ["jeans", "trousers", "shorts", "leggings"],
    zh: ["牛仔裤", "休闲裤", "短裤", "打底裤"],
    features: [
      ["high waist", "高腰"],
      ["straight leg", "直筒"],
      ["stretch fabric", "弹力面料"],
      ["ankle length", "九分裤长"],
      ["zip fly", "拉链门襟"],
    ],
  },
  {
    en: ["running shoes", "sneakers", "hiking boots", "sandals", "loafers"],
    zh: ["跑步鞋", "运动鞋", "登山靴", "凉鞋", "乐福鞋"],
    features: [
      ["cushioned sole", "缓震鞋底"],
      ["non-slip outsole", "防滑大底"],
      ["lightweight", "轻便"],
      ["breathable mesh upper", "透气网面"],
      ["waterproof", "防水"],
    ],
  },
  {
    en: ["backpack", "tote bag", "crossbody bag", "wallet", "suitcase"],
    zh: ["双肩包", "托特包", "斜挎包", "钱包", "行李箱"],
    features: [
      ["large capacity", "大容量"],
      ["multiple compartments", "多隔层"],
      ["anti-theft zipper", "防盗拉链"],
      ["laptop sleeve", "电脑隔层"],
      ["adjustable strap", "可调节肩带"],
    ],
  },
  {
    en: ["wireless earbuds", "headphones", "bluetooth speaker", "soundbar"],
    zh: ["无线耳机", "头戴式耳机", "蓝牙音箱", "回音壁"],
    features: [
      ["active noise cancelling", "主动降噪"],
      ["30-hour battery", "续航30小时"],
      ["bluetooth 5.3", "蓝牙5.3"],
      ["deep bass", "低音浑厚"],
      ["IPX5 water resistant", "IPX5防水"],
      ["fast charging", "快充"],
    ],
  },
  {
    en: ["smartwatch", "fitness tracker", "smartphone", "tablet"],
    zh: ["智能手表", "运动手环", "智能手机", "平板电脑"],
    features: [
      ["heart rate monitor", "心率监测"],
      ["GPS", "GPS定位"],
      ["AMOLED display", "AMOLED屏幕"],
      ["7-day battery", "续航7天"],
      ["5000mAh battery", "5000mAh电池"],
      ["128GB storage", "128GB存储"],
    ],
  },
  {
    en: ["electric kettle", "rice cooker", "air fryer", "blender", "coffee maker"],
    zh: ["电热水壶", "电饭煲", "空气炸锅", "破壁机", "咖啡机"],
    features: [
      ["1.7L capacity", "1.7升大容量"],
      ["auto shut-off", "自动断电"],
      ["timer", "预约定时"],
      ["easy to clean", "易清洗"],
      ["1500W", "1500瓦"],
    ],
  },
  {
    en: ["frying pan", "stock pot", "knife set", "cutting board", "food container"],
    zh: ["平底锅", "汤锅", "刀具套装", "砧板", "保鲜盒"],
    features: [
      ["non-stick coating", "不粘涂层"],
      ["induction compatible", "电磁炉通用"],
      ["dishwasher safe", "可洗碗机清洗"],
      ["BPA free", "不含双酚A"],
      ["28 cm", "28厘米"],
    ],
  },
  {
    en: ["face cream", "serum", "sunscreen", "shampoo", "lipstick"],
    zh: ["面霜", "精华液", "防晒霜", "洗发水", "口红"],
    features: [
      ["hydrating", "补水保湿"],
      ["SPF 50", "SPF50"],
      ["fragrance free", "无香精"],
      ["for sensitive skin", "敏感肌适用"],
      ["50 ml", "50毫升"],
    ],
  },
  {
    en: ["sofa", "office chair", "desk", "bookshelf", "bed frame"],
    zh: ["沙发", "办公椅", "书桌", "书架", "床架"],
    features: [
      ["ergonomic", "人体工学"],
      ["easy assembly", "安装简单"],
      ["solid wood legs", "实木腿"],
      ["adjustable height", "高度可调"],
      ["120 cm wide", "宽120厘米"],
    ],
  },
  {
    en: ["bed sheet set", "duvet", "pillow", "bath towel", "blanket"],
    zh: ["床单四件套", "被子", "枕头", "浴巾", "毛毯"],
    features: [
      ["soft touch", "柔软亲肤"],
      ["machine washable", "可机洗"],
      ["queen size", "1.8米床"],
      ["hypoallergenic", "防过敏"],
      ["all season", "四季通用"],
    ],
  },
  {
    en: ["yoga mat", "dumbbells", "tent", "sleeping bag", "bicycle helmet"],
    zh: ["瑜伽垫", "哑铃", "帐篷", "睡袋", "自行车头盔"],
    features: [
      ["non-slip", "防滑"],
      ["portable", "便携"],
      ["6 mm thick", "6毫米厚"],
      ["for 2 persons", "双人"],
      ["adjustable", "可调节"],
    ],
  },
  {
    en: ["building blocks", "plush toy", "puzzle", "remote control car", "baby stroller"],
    zh: ["积木", "毛绒玩具", "拼图", "遥控车", "婴儿推车"],
    features: [
      ["for ages 3+", "适合3岁以上"],
      ["non-toxic", "无毒环保"],
      ["rechargeable", "可充电"],
      ["foldable", "可折叠"],
      ["1000 pieces", "1000片"],
    ],
  },
];

const COLOURS = [
  ["black", "黑色"],
  ["white", "白色"],
  ["red", "红色"],
  ["navy blue", "藏青色"],
  ["sky blue", "天蓝色"],
  ["green", "绿色"],
  ["olive", "橄榄绿"],
  ["grey", "灰色"],
  ["beige", "米色"],
  ["pink", "粉色"],
  ["purple", "紫色"],
  ["yellow", "黄色"],
  ["brown", "棕色"],
  ["silver", "银色"],
  ["gold", "金色"],
];
const MATERIALS = [
  ["cotton", "纯棉"],
  ["linen", "亚麻"],
  ["silk", "真丝"],
  ["polyester", "涤纶"],
  ["genuine leather", "真皮"],
  ["stainless steel", "不锈钢"],
  ["aluminium", "铝合金"],
  ["bamboo", "竹制"],
  ["ceramic", "陶瓷"],
  ["ABS plastic", "ABS塑料"],
  ["wool", "羊毛"],
  ["solid wood", "实木"],
];
const STYLES = [
  ["classic", "经典款"],
  ["minimalist", "简约"],
  ["vintage", "复古"],
  ["sporty", "运动风"],
  ["premium", "高端"],
  ["casual", "休闲"],
  ["new 2026", "2026新款"],
  ["business", "商务"],
];
const AUDIENCES = [
  ["for women", "女士"],
  ["for men", "男士"],
  ["for kids", "儿童"],
  ["unisex", "男女通用"],
  ["for home", "家用"],
  ["for travel", "旅行"],
  ["for office", "办公"],
  ["for outdoor", "户外"],
];
const BRAND_A = ["Nor", "Lum", "Vel", "Kai", "Zen", "Ora", "Bry", "Tam", "Sol", "Mir", "Qui", "Pax"];
const BRAND_B = ["dia", "ora", "ex", "ix", "well", "ton", "vo", "ra", "ly", "mo"];
const ZH_BRAND_A = ["北", "云", "森", "乐", "优", "星", "禾", "木", "青", "悦", "川", "知"];
const ZH_BRAND_B = ["途", "品", "家", "选", "尚", "源", "格", "物", "语", "工"];
const SELLING = [
  ["free shipping", "包邮"],
  ["gift box", "礼盒装"],
  ["1-year warranty", "一年质保"],
  ["limited edition", "限量款"],
  ["best seller", "热销款"],
];

/** Linear congruential generator in [0, 1): the same sequence for the same seed. */
export function seededRandom(seed) {
  let state = seed >>> 0;
  return () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
}

function sample(rand, xs, n) {
  const pool = [...xs];
  const out = [];
  while (out.length < n && pool.length) out.push(pool.splice(Math.floor(rand() * pool.length), 1)[0]);
  return out;
}

/** One product listing (zh or en), with its category index. */
export function productText(rand, lang) {
  const pick = (xs) => xs[Math.floor(rand() * xs.length)];
  const categoryIndex = Math.floor(rand() * CATEGORIES.length);
  const c = CATEGORIES[categoryIndex];
  const noun = Math.floor(rand() * c.en.length);
  const l = lang === "zh" ? 1 : 0;
  const colour = pick(COLOURS)[l];
  const material = pick(MATERIALS)[l];
  const style = pick(STYLES)[l];
  const audience = pick(AUDIENCES)[l];
  const features = sample(rand, c.features, 1 + Math.floor(rand() * 3)).map((f) => f[l]);
  const extra = rand() < 0.4 ? [pick(SELLING)[l]] : [];
  const model = `${String.fromCharCode(65 + Math.floor(rand() * 26))}${100 + Math.floor(rand() * 900)}`;
  if (lang === "zh") {
    const brand = pick(ZH_BRAND_A) + pick(ZH_BRAND_B);
    const text = `${brand}${style}${colour}${material}${c.zh[noun]} ${model}，${[...features, ...extra].join("，")}，${audience}适用`;
    return { text, categoryIndex };
  }
  const brand = pick(BRAND_A) + pick(BRAND_B);
  const text = `${brand} ${style} ${colour} ${material} ${c.en[noun]} ${model} ${audience}, ${[...features, ...extra].join(", ")}`;
  return { text, categoryIndex };
}

/** A short search query (zh or en): what a shopper or an analyst types. */
export function queryText(rand, lang) {
  const pick = (xs) => xs[Math.floor(rand() * xs.length)];
  const c = pick(CATEGORIES);
  const noun = Math.floor(rand() * c.en.length);
  const l = lang === "zh" ? 1 : 0;
  const parts = [pick(COLOURS)[l], rand() < 0.5 ? pick(MATERIALS)[l] : null, l ? c.zh[noun] : c.en[noun]];
  if (rand() < 0.6) parts.push(pick(c.features)[l]);
  if (rand() < 0.3) parts.push(pick(AUDIENCES)[l]);
  return parts.filter(Boolean).join(l ? "" : " ");
}

/**
 * `count` distinct product texts and `queries` held-out query texts (half listings drawn from the
 * same distribution, half short search queries), none of which is also a product text; zh and en
 * alternate.
 */
export function benchTexts({ count, queries, seed = 7 }) {
  const rand = seededRandom(seed);
  const seen = new Set();
  const products = [];
  let attempts = 0;
  while (products.length < count) {
    if (++attempts > count * 20) throw new Error(`could not generate ${count} distinct product texts`);
    const p = productText(rand, products.length % 2 === 0 ? "en" : "zh");
    if (seen.has(p.text)) continue;
    seen.add(p.text);
    products.push(p);
  }
  const held = seededRandom(seed ^ 0x5eed);
  const out = [];
  attempts = 0;
  while (out.length < queries) {
    if (++attempts > queries * 100) throw new Error(`could not generate ${queries} held-out queries`);
    const lang = out.length % 2 === 0 ? "en" : "zh";
    const text = out.length % 4 < 2 ? productText(held, lang).text : queryText(held, lang);
    if (seen.has(text)) continue;
    seen.add(text);
    out.push(text);
  }
  return { products, queries: out };
}
