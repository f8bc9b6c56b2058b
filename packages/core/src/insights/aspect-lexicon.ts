// The vocabulary of review aspects: what shoppers talk about (canonical aspect ids with the words
// that name them in Chinese and English) and how they judge it (opinion words with a polarity).
// Written for this project from common e-commerce review language; no data set rows are copied.

export const ASPECT_IDS = [
  "battery",
  "screen",
  "performance",
  "sound",
  "shipping",
  "packaging",
  "service",
  "price",
  "quality",
  "workmanship",
  "appearance",
  "size",
  "fit",
  "fabric",
  "comfort",
  "smell",
  "taste",
  "freshness",
  "installation",
  "effect",
] as const;

export type TAspectId = (typeof ASPECT_IDS)[number];

/**
 * A word naming an aspect. `polarity` is set for words that judge as they name ("划算",
 * "overpriced"). `scalar` says what "high / long / big" means for this word (续航长 +1, 噪音大 −1,
 * 价格高 −1, 性价比高 +1); "low / short / small" means the opposite.
 */
export type TAspectTerm = { text: string; polarity?: number; scalar?: number };

export type TAspectDefinition = {
  id: TAspectId;
  label: { zh: string; en: string };
  zh: readonly (string | TAspectTerm)[];
  en: readonly (string | TAspectTerm)[];
  /** Default `scalar` of the aspect's terms. */
  scalar?: number;
};

export const ASPECTS: readonly TAspectDefinition[] = [
  {
    id: "battery",
    label: { zh: "续航", en: "battery" },
    zh: ["续航", "电池", "电量", "待机", "充电", "耗电", "掉电", "电池容量"],
    en: ["battery life", "battery", "charge", "charging", "runtime"],
    scalar: 1,
  },
  {
    id: "screen",
    label: { zh: "屏幕", en: "screen" },
    zh: ["屏幕", "显示屏", "触摸屏", "屏", "显示效果", "分辨率", "画面", "画质"],
    en: ["screen", "display", "resolution", "picture quality", "touchscreen"],
    scalar: 1,
  },
  {
    id: "performance",
    label: { zh: "性能", en: "performance" },
    zh: ["性能", "速度", "运行", "系统", "反应", "开机", "配置"],
    en: ["performance", "speed", "processor", "system"],
    scalar: 1,
  },
  {
    id: "sound",
    label: { zh: "音质", en: "sound" },
    zh: ["音质", "音效", "声音", "音量", "低音", { text: "噪音", scalar: -1 }, { text: "噪声", scalar: -1 }],
    en: ["sound quality", "sound", "audio", "bass", "volume", { text: "noise", scalar: -1 }],
  },
  {
    id: "shipping",
    label: { zh: "物流", en: "shipping" },
    zh: ["物流", "快递", "发货", "送货", "配送", "到货", "运输", "送达"],
    en: ["shipping", "delivery", "delivered", "shipped", "courier", "arrived", "arrive", "arrival"],
  },
  {
    id: "packaging",
    label: { zh: "包装", en: "packaging" },
    zh: ["包装", "外包装", "包装盒", "盒子"],
    en: ["packaging", "package", "box", "wrapping"],
  },
  {
    id: "service",
    label: { zh: "客服", en: "customer service" },
    zh: ["客服", "售后", "服务", "卖家", "商家", "店家", "退换货", "退货"],
    en: ["customer service", "service", "seller", "support", "returns", "refund"],
  },
  {
    id: "price",
    label: { zh: "价格", en: "price" },
    zh: [
      "价格",
      "价钱",
      "价位",
      "售价",
      { text: "性价比", scalar: 1 },
      { text: "划算", polarity: 1 },
      { text: "实惠", polarity: 1 },
      { text: "便宜", polarity: 1 },
      { text: "超值", polarity: 1 },
      { text: "物美价廉", polarity: 1 },
      { text: "物超所值", polarity: 1 },
      { text: "物有所值", polarity: 1 },
      { text: "值这个价", polarity: 1 },
      { text: "贵", polarity: -1 },
    ],
    en: [
      "price",
      "value for money",
      "value",
      "money",
      { text: "overpriced", polarity: -1 },
      { text: "pricey", polarity: -1 },
      { text: "expensive", polarity: -1 },
      { text: "affordable", polarity: 1 },
      { text: "bargain", polarity: 1 },
      { text: "every penny", polarity: 1 },
    ],
    scalar: -1,
  },
  {
    id: "quality",
    label: { zh: "质量", en: "quality" },
    zh: ["质量", "品质", "质感"],
    en: ["build quality", "quality", { text: "well made", polarity: 1 }, { text: "poorly made", polarity: -1 }],
    scalar: 1,
  },
  {
    id: "workmanship",
    label: { zh: "做工", en: "workmanship" },
    zh: ["做工", "工艺", "用料", "线头", "走线"],
    en: ["workmanship", "craftsmanship", "stitching", "build"],
  },
  {
    id: "appearance",
    label: { zh: "外观", en: "appearance" },
    zh: ["外观", "外形", "颜值", "款式", "样式", "颜色", "造型", "设计", "样子"],
    en: ["appearance", "design", "colour", "color", "looks", "style"],
    scalar: 1,
  },
  {
    id: "size",
    label: { zh: "尺码", en: "size" },
    zh: ["尺码", "码数", "尺寸", "大小", "号码", { text: "偏大", polarity: -1 }, { text: "偏小", polarity: -1 }],
    en: ["size", "sizing"],
  },
  {
    id: "fit",
    label: { zh: "版型", en: "fit" },
    zh: ["版型", "合身", "上身", "穿着效果"],
    en: ["fit", "fits", "fitting"],
  },
  {
    id: "fabric",
    label: { zh: "面料", en: "fabric" },
    zh: ["面料", "布料", "料子", "材质", "材料", "手感"],
    en: ["fabric", "material", "cloth", "cotton"],
    scalar: 1,
  },
  {
    id: "comfort",
    label: { zh: "舒适度", en: "comfort" },
    zh: ["舒适度", "舒适性", "穿着感", "脚感", "佩戴感", { text: "舒适", polarity: 1 }, { text: "舒服", polarity: 1 }],
    en: ["comfort", { text: "comfortable", polarity: 1 }, { text: "uncomfortable", polarity: -1 }],
  },
  {
    id: "smell",
    label: { zh: "味道", en: "smell" },
    zh: [
      "味道",
      "气味",
      "香味",
      "香气",
      "味儿",
      "留香",
      { text: "异味", polarity: -1 },
      { text: "刺鼻", polarity: -1 },
    ],
    en: ["smell", "scent", "odor", "odour", "fragrance", { text: "smells", polarity: 0 }],
  },
  {
    id: "taste",
    label: { zh: "口感", en: "taste" },
    zh: [
      "口感",
      "口味",
      "吃起来",
      "喝起来",
      { text: "好吃", polarity: 1 },
      { text: "难吃", polarity: -1 },
      { text: "好喝", polarity: 1 },
    ],
    en: ["taste", "flavor", "flavour", { text: "delicious", polarity: 1 }, { text: "tasty", polarity: 1 }],
  },
  {
    id: "freshness",
    label: { zh: "新鲜度", en: "freshness" },
    zh: [
      { text: "新鲜", polarity: 1 },
      "保质期",
      "生产日期",
      { text: "烂了", polarity: -1 },
      { text: "坏果", polarity: -1 },
    ],
    en: [
      { text: "fresh", polarity: 1 },
      "freshness",
      "expiry",
      { text: "rotten", polarity: -1 },
      { text: "stale", polarity: -1 },
    ],
  },
  {
    id: "installation",
    label: { zh: "安装", en: "installation" },
    zh: ["安装", "师傅"],
    en: ["installation", "install", "setup", "set up", "assembly"],
  },
  {
    id: "effect",
    label: { zh: "效果", en: "effect" },
    zh: ["效果", "去屑", "止痒", "功效"],
    en: ["effect", "results"],
  },
];

/** Opinion words (polarity in [−1, 1]). Longer entries win over the words inside them (不错 over 不). */
export const ZH_OPINIONS: ReadonlyMap<string, number> = lexicon([
  [
    1,
    "好 很好 不错 挺好 满意 喜欢 推荐 值得 棒 赞 完美 优秀 给力 好用 快 迅速 及时 流畅 顺畅 清晰 清楚 细腻 鲜艳 漂亮 好看 美观 大方 精致 精细 精美 结实 牢固 耐用 扎实 舒服",
  ],
  [
    1,
    "舒适 柔软 合适 合身 正好 正品 耐心 热情 周到 专业 负责 认真 贴心 礼貌 香 甜 好吃 新鲜 持久 耐脏 省电 稳定 灵敏 好评 惊喜 超值 划算 实惠 完好 严实 整齐 干净 没问题",
  ],
  [1, "准时 没话说 没的说 快捷 神速 超快 蛮快 靠谱 脆 清爽 柔顺 顺滑 滋润 保暖 透气 显瘦 修身 轻便 便携 响亮"],
  [1, "方便 便捷 没有问题 无异味 没有异味 没异味 没有色差 没色差 一流 挺快 很快 很值 放心 信赖 物有所值 到位"],
  [0.5, "标准 还行 还可以 可以"],
  [
    -1,
    "差 很差 太差 不好 失望 垃圾 糟糕 烂 坑 慢 太慢 很慢 延迟 卡顿 很卡 太卡 有点卡 死机 坏 坏了 破 破损 压坏 变形 漏 漏水 裂 模糊 暗 偏色 色差 粗糙 瑕疵 开线 掉色 褪色",
  ],
  [
    -1,
    "起球 缩水 劣质 假 假货 山寨 贵 不值 发热 发烫 吵 难闻 臭 刺鼻 异味 难吃 勒 磨脚 偏大 偏小 太大 太小 麻烦 敷衍 冷淡 恶劣 不理 不回 态度差 后悔 上当 毛病 故障 失灵 不灵",
  ],
  [
    -1,
    "差劲 不靠谱 坑人 骗人 忽悠 粗制滥造 掉漆 生锈 闪退 黑屏 花屏 破洞 脱线 起皱 变质 发霉 过期 腐烂 油腻 干涩 打结",
  ],
  [-1, "郁闷 无语 气人 不满 差评 不推荐 耗电快 掉电快 耗电大"],
  [-0.5, "一般 烫 酸 苦 硬 紧 扎 问题 退货 薄 少"],
]);

// Words containing an opinion or aspect character without being one ("好多", "快递", "富贵"): masked.
export const ZH_NON_OPINIONS: readonly string[] =
  "好像 好多 好几 好些 只好 好久 好不容易 刚好 正好是 最好是 友好 爱好 快递 尽快 快要 快点 差不多 差价 相差 差距 卡片 内存卡 卡槽 坏处 烂尾 标准版 标准间 问题是 没问题吗 香港 香蕉 甜品 慢慢 一般来说 一般般 富贵 宝贵 珍贵 贵网 贵店 贵公司 贵司 贵州 高贵 尊贵 贵宾 贵族 名贵 可贵 贵人 屏保".split(
    " ",
  );

export const EN_OPINIONS: ReadonlyMap<string, number> = lexicon([
  [1, "good|great|excellent|amazing|awesome|fantastic|perfect|perfectly|love|loved|loves|nice|well made"],
  [1, "solid|sturdy|durable|fast|quick|quickly|early|on time|bright|clear|crisp|sharp|vivid|smooth"],
  [1, "responsive|comfortable|comfy|soft|beautiful|gorgeous|stylish|helpful|friendly|polite|happy|satisfied"],
  [1, "pleased|recommend|recommended|worth|worth it|reasonable|affordable|best|superb|impressive"],
  [1, "long lasting|reliable|intact|secure|fresh|delicious|tasty|accurate|true to size|flawless|easy"],
  [0.5, "pretty|cheap|fine|decent|lasts"],
  [0.3, "ok|okay"],
  [-1, "bad|poor|poorly|terrible|awful|horrible|worst|disappointing|disappointed|slow|late|delayed|broken"],
  [-1, "broke|damaged|crushed|dented|flimsy|feels cheap|defective|faulty|stopped working|fell apart"],
  [-1, "falls apart|dim|blurry|grainy|laggy|lag|lags|freezes|crashes|dies|died|drains|overpriced|expensive"],
  [-1, "pricey|uncomfortable|itchy|scratchy|too small|too big|too large|too tight|smelly|stinks|stink|noisy"],
  [-1, "rude|unhelpful|useless|hassle|nightmare|waste|never replied|ignored|weak|scratched|leaks|leaked"],
  [-1, "rotten|stale|bland|fake|counterfeit|wrong|missing|not worth|overheats"],
  [-0.5, "tight|loose|refund|returned|returning|problem|problems|issue|issues|mediocre|meh|hot"],
]);

// "high / long / big" and "low / short / small" words, read through the aspect's `scalar`.
export const ZH_SCALARS: ReadonlyMap<string, number> = lexicon([
  [1, "高 长 久 大 强 足"],
  [-1, "低 短 小 弱 不足"],
]);
export const EN_SCALARS: ReadonlyMap<string, number> = lexicon([
  [1, "high|long|longer|big|large|loud|strong"],
  [-1, "low|short|shorter|small|weak|quiet"],
]);

// A clause that asks or has not tried yet judges nothing ("不知道续航怎么样", "电池耐不耐用").
export const ZH_HEDGE =
  /不知道|不清楚|不确定|有待|待验证|还没用|还没试|没试过|没用过|怎么样|如何|(\p{Script=Han})不\1|[吗呢]$/u;
export const EN_HEDGE =
  /\b(?:not sure|don't know|dont know|no idea|haven't tried|havent tried|yet to|will see|time will tell|wondering|if)\b/iu;

// Negators a few characters (zh) or words (en) before an opinion flip it. Degree words may stand
// between ("不太好", "不是很清晰", "not very good").
export const ZH_NEGATION_BEFORE =
  /(?:不|没|没有|无|未|别|并非)(?:是|太|很|怎么|那么|够|算|大|特别|非常|咋|多|会|再)*$/u;
export const EN_NEGATION_BEFORE =
  /(?:^|[^\p{L}'])(?:not|no|never|hardly|barely|without|nothing|isn't|isnt|wasn't|wasnt|aren't|arent|weren't|werent|don't|dont|doesn't|doesnt|didn't|didnt|won't|wont|can't|cant|cannot|couldn't|couldnt|wouldn't|wouldnt|nor)(?:\s+(?:very|so|that|too|really|quite|as|particularly|at|all|be|been|a|the|it|is))*\s+$/iu;

function lexicon(groups: readonly [number, string][]): ReadonlyMap<string, number> {
  const map = new Map<string, number>();
  for (const [polarity, words] of groups)
    for (const word of words.split(words.includes("|") ? "|" : " ")) map.set(word, polarity);
  return map;
}
