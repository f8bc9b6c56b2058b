// Training sentences for the paraphrased-superlative classifier (superlative-v1), written for
// truecopy: claims that something beats everything else without a superlative word a lexicon would
// hold (无人能及, "nothing else comes close"), and ordinary product clauses, including hard negatives
// that share words with the positives (无需其他工具, "no other tools needed", 比上一代轻20%).
//
// Sentences are built from templates × fillers with a seeded generator, so the set is reproducible.
// `group` names the template family: the training script holds out whole families to measure how
// well the model generalises to phrasings it has not seen.

const ZH_PRODUCTS = [
  "耳机",
  "手表",
  "吹风机",
  "面霜",
  "床垫",
  "跑鞋",
  "充电宝",
  "台灯",
  "背包",
  "茶叶",
  "炒锅",
  "手机壳",
  "键盘",
  "空气炸锅",
  "扫地机",
  "连衣裙",
  "T恤",
  "行李箱",
  "电动牙刷",
  "咖啡机",
];
const ZH_ASPECTS = [
  "性能",
  "音质",
  "画质",
  "口感",
  "品质",
  "做工",
  "续航",
  "手感",
  "效果",
  "性价比",
  "颜值",
  "舒适度",
  "降噪",
  "拍照",
  "吸力",
  "保暖性",
  "透气性",
  "质感",
  "稳定性",
  "清洁力",
  "静音效果",
  "香气",
  "用料",
];
const ZH_SUBJECTS = [
  "这款{p}",
  "它",
  "我们的{p}",
  "这台{p}",
  "这个价位的它",
  "{a}",
  "这款{p}的{a}",
  "论{a}，它",
  "{a}方面",
];

// Paraphrased superlatives: each entry is one family.
const ZH_POSITIVE = {
  none_can_reach: [
    "{s}无人能及",
    "{s}无人能敌",
    "{s}无人可比",
    "{s}无人可及",
    "{s}无可匹敌",
    "{s}难逢敌手",
    "{s}罕逢敌手",
  ],
  no_rival: [
    "{s}没有对手",
    "{s}找不到对手",
    "同价位{a}没有对手",
    "{s}在同价位找不到对手",
    "{s}没有任何对手",
    "放眼市场，{s}没有对手",
  ],
  invincible: ["{s}同价位无敌", "同级别{a}无敌", "{s}在同价位里无敌", "同价位{a}无敌了", "{s}同级无敌", "{s}简直无敌"],
  nothing_better: [
    "再也找不到比它更好的{p}",
    "找不到比它更好的{p}了",
    "没有比这款更好的{p}",
    "市面上找不到更好的{p}",
    "找遍全网也没有更好的{p}",
    "你找不到比它更好用的{p}",
    "再也买不到比它更好的了",
    "没有哪款{p}比它更好",
  ],
  left_behind: [
    "{s}让同行望尘莫及",
    "{s}把同行远远甩在身后",
    "{s}甩同行几条街",
    "{s}让竞品望尘莫及",
    "其他品牌只能望其项背",
    "{s}一骑绝尘",
    "{s}遥遥领先所有同行",
  ],
  beats_all: [
    "{s}完胜所有竞品",
    "{s}秒杀一众大牌",
    "{s}吊打同价位所有产品",
    "{s}碾压同级别产品",
    "{s}让所有竞品黯然失色",
    "{s}打遍天下无敌手",
    "{s}完爆同类产品",
  ],
  ceiling: [
    "{s}是同价位的天花板",
    "{a}天花板",
    "{s}堪称行业天花板",
    "{s}封神",
    "{s}是封神之作",
    "{s}是神级水准",
    "{s}达到了天花板级别",
  ],
  unsurpassed: [
    "{s}无法被超越",
    "{s}至今无人超越",
    "{s}没有哪款能超越",
    "{s}难以被超越",
    "{s}谁都比不上",
    "任何品牌的{p}都比不上它",
    "{s}其他{p}都比不了",
  ],
  king: ["{s}傲视群雄", "{s}笑傲同级", "{s}称霸同级", "{s}稳坐头把交椅", "{s}独领风骚", "{s}冠绝同级", "{s}独占鳌头"],
  cant_compare: [
    "{s}没有哪款能比",
    "{s}别家根本没法比",
    "同价位没有能打的",
    "{s}在同价位里没有能打的",
    "{s}其他品牌望尘莫及",
    "这个价位找不到第二款这样的{p}",
    "{s}别的牌子都比不过",
    "{s}比任何一款{p}都好",
    "{s}比所有同类产品都强",
  ],
  only_choice: [
    "买{p}只认这一款",
    "{p}就选它，别的都不用看了",
    "除了它没有更值得买的{p}",
    "用过它就再也看不上别的{p}",
    "用过就回不去了，别的{p}都不行",
    "没有之一的好{p}",
  ],
};

const ZH_NEGATIVE = {
  spec: [
    "{s}续航{n}小时",
    "采用{m}材质，{n}克轻量设计",
    "{n}档风速调节",
    "支持{n}W快充",
    "容量{n}毫升",
    "{n}mAh大电池",
    "净含量{n}g",
    "尺寸{n}×{n}cm",
    "{n}种颜色可选",
    "最大承重{n}kg",
    "最高转速{n}转/分钟",
    "最长续航{n}天",
    "最多可连接{n}台设备",
  ],
  usage: [
    "首次使用前请先充满电",
    "第一次使用请阅读说明书",
    "最后一步拧紧底部螺丝即可",
    "使用后请擦干存放",
    "清洗时请勿浸泡",
    "请放在儿童接触不到的地方",
    "建议搭配同系列{p}使用",
    "安装只需三步",
    "无需其他工具即可安装",
    "不需要任何工具",
    "收货后建议通风24小时再使用",
    "使用前请摇匀",
  ],
  comfort: [
    "{s}柔软亲肤",
    "{s}轻盈透气",
    "{s}贴合耳道，久戴不累",
    "{s}简约百搭",
    "{s}适合日常通勤",
    "{s}上手就会用",
    "{s}清洗方便",
    "{s}小巧便携，出门随身带",
    "{s}手感细腻",
    "{s}做工扎实",
    "{s}静音运行，不打扰休息",
    "谁都可以轻松上手",
  ],
  comparison_fact: [
    "比同类产品更轻便",
    "比普通款更耐用",
    "比传统款式更透气",
    "比一般枕头更贴合颈部",
    "和同价位产品相比多了两种模式",
    "比上一代轻20%",
    "比普通款多出一倍容量",
    "续航比上代提升30%",
    "比同尺寸产品薄2mm",
    "噪音比旧款降低5分贝",
    "比传统吹风机干得更快",
    "吸力比上一代提升了一倍",
    "比老款更省电",
  ],
  negation_like: [
    "没有任何多余的装饰",
    "没有任何的其他装饰",
    "没有其他花哨的设计",
    "没有任何添加",
    "没有其他颜色可选",
    "简约，没有多余的线条",
    "没有任何束缚感",
    "没有异味",
    "没有多余的装饰",
    "再也不用担心漏水",
    "不用再担心电量不够",
    "找不到合适的尺码可以联系客服",
    "无人机航拍级防抖",
    "无线连接，告别线缆",
    "其他颜色请看详情页",
    "同价位也有三种配色可选",
    "没有复杂的设置",
    "别的配件需要单独购买",
    "没有对比就没有伤害的小贴士？请看评测",
  ],
  praise_plain: [
    "{s}性价比高",
    "{s}颜值在线",
    "{s}质感不错",
    "{s}很耐用",
    "{s}品质可靠",
    "{s}音质清晰",
    "{s}口感醇厚",
    "送礼自用都合适",
    "{s}深受年轻人喜爱",
    "{s}值得一试",
    "{s}表现出色",
    "{s}效果明显",
    "{s}体验很好",
  ],
  service: [
    "七天无理由退换",
    "全国联保一年",
    "顺丰包邮",
    "下单后48小时内发货",
    "如有质量问题可联系客服",
    "支持以旧换新",
    "官方正品，提供发票",
    "售后有保障",
  ],
};

const EN_PRODUCTS = [
  "headphones",
  "blender",
  "mattress",
  "running shoes",
  "power bank",
  "desk lamp",
  "backpack",
  "face cream",
  "coffee maker",
  "vacuum",
  "phone case",
  "keyboard",
  "air fryer",
  "kettle",
  "dress",
  "watch",
  "tent",
  "drill",
  "yoga mat",
  "water bottle",
];
const EN_ASPECTS = [
  "sound",
  "battery life",
  "build quality",
  "comfort",
  "performance",
  "value",
  "grip",
  "suction",
  "picture quality",
  "taste",
  "fit",
  "noise cancelling",
  "design",
];
const EN_SUBJECTS = ["this {p}", "it", "our {p}", "the {a}", "its {a}", "the {p}"];

const EN_POSITIVE = {
  comes_close: [
    "nothing else comes close",
    "no other {p} comes close",
    "nothing on the market comes close to {s}",
    "no one else even comes close",
    "no {p} comes close to it",
    "competitors don't come close",
    "nothing else even comes close to this {a}",
  ],
  wont_find: [
    "you won't find a better {p} anywhere",
    "you will never find a better {p}",
    "you can't find a better {p} at any price",
    "you won't find better {a} anywhere else",
    "good luck finding a better {p}",
    "you'll never find a {p} like this anywhere else",
  ],
  league: [
    "{s} is in a league of its own",
    "{s} is in a class of its own",
    "{s} stands head and shoulders above the rest",
    "{s} is without equal",
    "{s} has no equal",
    "{s} stands above all others",
    "{s} is simply in another league",
  ],
  beats: [
    "{s} beats every other {p} on the market",
    "{s} outclasses everything in its price range",
    "{s} blows every other {p} out of the water",
    "{s} leaves the competition in the dust",
    "{s} puts every other {p} to shame",
    "{s} makes every other {p} obsolete",
    "{s} outperforms anything else you can buy",
  ],
  nobody: [
    "nobody makes a better {p}",
    "no competitor can touch {s}",
    "the competition doesn't stand a chance",
    "rivals can only dream of {s}",
    "no brand does {a} better",
    "no other {p} can match {s}",
    "nothing can match {s}",
  ],
  no_better: [
    "there is no better {p}",
    "there's simply nothing better",
    "money can't buy a better {p}",
    "you can't buy better {a}",
    "it doesn't get any better than this",
    "this is as good as a {p} gets, period",
    "there's no comparison",
  ],
  cant_get_better: [
    "you simply cannot get better {a} for the money",
    "you can't get a better {p} for the price",
    "you won't get better {a} at any price",
    "no {p} at this price does it better",
    "you'd pay twice as much for anything that comes near it",
    "there's nothing like {s} anywhere",
  ],
  rivals: [
    "{s} leaves every rival behind",
    "{s} outshines every competitor",
    "{s} beats the competition hands down",
    "{s} is leagues ahead of the competition",
    "every other {p} pales in comparison",
    "other brands can't keep up",
    "no other {p} can keep up with {s}",
  ],
  last_one: [
    "the only {p} you'll ever need",
    "the last {p} you will ever buy",
    "once you try it, every other {p} feels like a toy",
    "you'll never want another {p}",
    "after this, no other {p} will do",
  ],
};

const EN_NEGATIVE = {
  spec: [
    "{s} has a {n} mAh battery",
    "up to {n} hours of playtime",
    "{n} speed settings",
    "holds up to {n} lb",
    "{n} W motor with {n} attachments",
    "max speed {n} mph",
    "max user weight {n} lb",
    "weighs {n} oz",
    "{n} x {n} in when assembled",
    "runs up to {n} minutes on the lowest power setting",
    "comes in {n} colors",
  ],
  usage: [
    "charge fully before first use",
    "first aid kit included",
    "no tools needed for assembly",
    "no other tools required",
    "nothing else to buy",
    "nothing to assemble",
    "rinse after each use",
    "hand wash only",
    "keep out of reach of children",
    "best before date printed on the lid",
    "best used within 6 months of opening",
    "use the lowest setting for delicate fabrics",
    "ask your doctor before use",
  ],
  plain: [
    "{s} is comfortable for all-day wear",
    "{s} is easy to clean",
    "{s} folds flat for storage",
    "{s} fits most phones",
    "{s} feels solid in the hand",
    "{s} keeps drinks cold for 24 hours",
    "{s} is a great gift",
    "{s} is lightweight and durable",
    "{s} has a soft-touch finish",
    "{s} delivers clear sound",
    "{s} is made from recycled materials",
    "{s} works with iOS and Android",
  ],
  comparison_fact: [
    "lighter than most travel kettles we tested",
    "unlike most cases, it has a raised lip for the camera",
    "unlike cheaper mats, it does not slip",
    "keeps up with a full day of meetings",
    "other colors are available in our store",
    "20% lighter than the previous model",
    "twice the capacity of our original bottle",
    "better grip than our last version",
    "charges faster than the previous generation",
    "quieter than our older model by 5 dB",
    "more legroom than the compact version",
  ],
  lookalike: [
    "you won't find any seams",
    "you'll find a handy pocket inside",
    "nothing else in the box but the charger",
    "no one likes a tangled cable",
    "nobody wants a wobbly table",
    "close to silent on the lowest setting",
    "sits close to the wall",
    "beats the summer heat",
    "the competition kit for beginners",
    "finds the best route around furniture",
    "no other accessories are included",
    "there's no need to preheat",
  ],
  service: [
    "free returns within 30 days",
    "1-year limited warranty",
    "ships within 2 business days",
    "contact support if anything arrives damaged",
    "backed by a 30-day money-back guarantee",
  ],
};

function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = (r, xs) => xs[Math.floor(r() * xs.length)];

function fill(template, r, lang) {
  const products = lang === "zh" ? ZH_PRODUCTS : EN_PRODUCTS;
  const aspects = lang === "zh" ? ZH_ASPECTS : EN_ASPECTS;
  const subjects = lang === "zh" ? ZH_SUBJECTS : EN_SUBJECTS;
  const p = pick(r, products);
  const a = pick(r, aspects);
  const s = pick(r, subjects).replaceAll("{p}", p).replaceAll("{a}", a);
  const out = template
    .replaceAll("{s}", s)
    .replaceAll("{p}", p)
    .replaceAll("{a}", a)
    .replaceAll("{m}", pick(r, ["铝合金", "纯棉", "硅胶", "不锈钢", "ABS"]))
    .replace(/\{n\}/g, () => String(Math.floor(r() * 500) + 1));
  return lang === "en" && r() < 0.5 ? out[0].toUpperCase() + out.slice(1) : out;
}

/** Every training sentence: { text, label (1 = paraphrased superlative), lang, group }. */
export function superlativeSentences({ seed = 20261128, perTemplate = 6 } = {}) {
  const r = rng(seed);
  const out = [];
  const add = (families, label, lang) => {
    for (const [group, templates] of Object.entries(families)) {
      templates.forEach((t, ti) => {
        const seen = new Set();
        for (let k = 0; k < perTemplate; k++) {
          const text = fill(t, r, lang);
          if (seen.has(text)) continue;
          seen.add(text);
          out.push({
            text,
            label,
            lang,
            group: `${lang}.${label ? "pos" : "neg"}.${group}`,
            template: `${lang}.${group}.${ti}`,
          });
        }
      });
    }
  };
  add(ZH_POSITIVE, 1, "zh");
  add(ZH_NEGATIVE, 0, "zh");
  add(EN_POSITIVE, 1, "en");
  add(EN_NEGATIVE, 0, "en");
  return out;
}
