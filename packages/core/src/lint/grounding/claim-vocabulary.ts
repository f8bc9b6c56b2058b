// Words for the claims the attribute extractor does not cover: capabilities, nutrition, efficacy and
// lasting-effect claims, prices, compatibility, counts, and the subjective praise the linter shows
// moderators without holding copy back. Classes, not sentences: every list names a kind of claim.

/** A capability a product has or lacks, with the words that say so in copy and in attributes. */
export type TCapability = {
  id: string;
  /** How copy says it (matched case-insensitively; Latin words need word boundaries). */
  surfaces: readonly string[];
  /** Words in an attribute's name or value that confirm it (lower case). */
  support: readonly string[];
  /** Words in an attribute's value that deny it (lower case). */
  deny?: readonly string[];
  /** Water resistance the claim needs, on the IPX scale (4 splash, 5 jets, 7 immersion). */
  water?: number;
  /** Dust resistance the claim needs, on the first IP digit. */
  dust?: number;
  /** A soft claim: absent from the data it is shown to moderators (INFO), not a warning. */
  soft?: boolean;
};

export const CAPABILITIES: readonly TCapability[] = [
  {
    id: "submersible",
    surfaces: [
      "fully submersible",
      "submersible",
      "swimproof",
      "swim-proof",
      "safe for swimming",
      "swim-ready",
      "dive-ready",
      "可游泳",
      "游泳可戴",
      "游泳佩戴",
      "游泳可用",
      "可潜水",
      "潜水级防水",
      "可下水",
      "防水游泳",
    ],
    support: ["游泳", "潜水", "submersible", "swim"],
    water: 7,
  },
  {
    id: "waterproof",
    surfaces: ["waterproof", "water-proof", "完全防水", "全防水", "深度防水"],
    support: ["waterproof"],
    water: 5,
  },
  {
    id: "water_resistant",
    surfaces: ["water-resistant", "water resistant", "防水", "生活防水"],
    support: ["防水", "water"],
    water: 4,
  },
  {
    id: "sweatproof",
    surfaces: ["sweatproof", "sweat-proof", "sweat resistant", "sweat-resistant", "防汗"],
    support: ["汗", "sweat"],
    water: 4,
  },
  {
    id: "dustproof",
    surfaces: ["dustproof", "dust-proof", "dust resistant", "防尘"],
    support: ["防尘", "dust"],
    dust: 5,
  },
  {
    id: "polarized",
    surfaces: ["polarized", "polarised", "偏光", "偏振"],
    support: ["polarized", "polarised", "偏光", "偏振"],
    deny: ["non-polarized", "non-polarised", "not polarized", "unpolarized", "非偏光", "不偏光", "无偏光", "普通镜片"],
  },
  {
    id: "noise_cancelling",
    surfaces: [
      "noise-cancelling",
      "noise cancelling",
      "noise-canceling",
      "noise canceling",
      "noise cancellation",
      "降噪",
    ],
    support: ["降噪", "noise cancel", "anc"],
    deny: ["无降噪", "不支持降噪", "no anc", "passive"],
  },
  {
    id: "wireless_charging",
    surfaces: [
      "wireless charging",
      "wirelessly charges",
      "Qi charging",
      "Qi-compatible",
      "无线充电",
      "无线充",
      "无线快充",
    ],
    support: ["wireless", "无线充", "qi"],
    deny: ["不支持无线充", "无无线充"],
  },
  {
    id: "fast_charging",
    surfaces: [
      "fast charging",
      "fast-charging",
      "fast charge",
      "quick charge",
      "quick charging",
      "rapid charging",
      "快充",
      "闪充",
      "超级快充",
      "超级闪充",
    ],
    support: [
      "快充",
      "闪充",
      "fast charg",
      "quick charg",
      "pd",
      "充电功率",
      "charging power",
      "功率",
      "power",
      "output",
    ],
  },
  { id: "gps", surfaces: ["GPS", "北斗定位", "北斗", "built-in GPS"], support: ["gps", "北斗", "定位"] },
  { id: "nfc", surfaces: ["NFC"], support: ["nfc"] },
  { id: "network_5g", surfaces: ["5G网络", "5G手机", "5G connectivity", "5G support"], support: ["5g"] },
  {
    id: "wifi",
    surfaces: ["Wi-Fi 7", "Wi-Fi 6E", "Wi-Fi 6", "WiFi 6", "WiFi6", "WiFi 7", "双频WiFi", "dual-band Wi-Fi"],
    support: ["wi-fi", "wifi"],
  },
  { id: "bluetooth", surfaces: ["蓝牙", "Bluetooth"], support: ["蓝牙", "bluetooth"] },
  {
    id: "heart_rate",
    surfaces: ["心率监测", "心率", "heart rate", "heart-rate"],
    support: ["心率", "heart rate", "heart-rate"],
  },
  {
    id: "blood_oxygen",
    surfaces: ["血氧监测", "血氧", "SpO2", "blood oxygen"],
    support: ["血氧", "spo2", "blood oxygen"],
  },
  { id: "ecg", surfaces: ["心电图", "心电", "ECG", "EKG"], support: ["心电", "ecg", "ekg"] },
  { id: "sleep_tracking", surfaces: ["睡眠监测", "sleep tracking", "sleep monitoring"], support: ["睡眠", "sleep"] },
  {
    id: "health_monitoring",
    surfaces: ["健康监测", "health monitoring", "health tracking"],
    support: ["健康", "health", "心率", "血氧"],
  },
  { id: "hepa", surfaces: ["HEPA"], support: ["hepa"] },
  {
    id: "uv400",
    surfaces: ["UV400", "UVA/UVB protection", "100% UV protection", "防紫外线"],
    support: ["uv400", "uv", "紫外线"],
  },
  {
    id: "blue_light",
    surfaces: ["防蓝光", "blue light blocking", "blue-light blocking", "blue light filtering", "blue-light filtering"],
    support: ["蓝光", "blue light", "blue-light"],
  },
  {
    id: "dishwasher_safe",
    surfaces: ["dishwasher safe", "dishwasher-safe", "可洗碗机", "可用洗碗机", "洗碗机适用", "可进洗碗机"],
    support: ["dishwasher", "洗碗机"],
    deny: ["hand wash", "hand-wash", "仅手洗", "手洗", "不可洗碗机", "not dishwasher"],
  },
  {
    id: "microwave_safe",
    surfaces: ["microwave safe", "microwave-safe", "可微波", "可进微波炉", "微波炉适用"],
    support: ["microwave", "微波"],
  },
  { id: "oven_safe", surfaces: ["oven safe", "oven-safe", "可进烤箱", "烤箱适用"], support: ["oven", "烤箱"] },
  {
    id: "induction",
    surfaces: [
      "induction compatible",
      "induction-compatible",
      "induction ready",
      "induction-ready",
      "电磁炉适用",
      "电磁炉通用",
      "适用电磁炉",
    ],
    support: ["induction", "电磁炉"],
  },
  {
    id: "machine_washable",
    surfaces: ["machine washable", "machine-washable", "可机洗"],
    support: ["machine wash", "机洗", "washable"],
    deny: ["hand wash only", "hand-wash only", "dry clean", "仅手洗", "干洗", "不可机洗"],
  },
  { id: "bpa_free", surfaces: ["BPA-free", "BPA free", "不含双酚A", "无双酚A", "无BPA"], support: ["bpa", "双酚a"] },
  {
    id: "non_stick",
    surfaces: ["non-stick", "nonstick", "不粘锅", "不粘涂层"],
    support: ["non-stick", "nonstick", "不粘", "涂层", "coating"],
  },
  {
    id: "touchscreen",
    surfaces: ["触摸屏", "触控屏", "touchscreen", "touch screen"],
    support: ["触摸", "触控", "touch"],
  },
  {
    id: "voice_control",
    surfaces: ["语音控制", "语音助手", "voice control", "voice assistant", "works with Alexa"],
    support: ["语音", "voice", "alexa"],
  },
  { id: "negative_ions", surfaces: ["负离子", "negative ions", "ionic"], support: ["负离子", "ionic", "negative ion"] },
  {
    id: "antibacterial",
    surfaces: ["抗菌", "抑菌", "antibacterial", "antimicrobial", "anti-bacterial"],
    support: ["抗菌", "抑菌", "除菌", "antibacterial", "antimicrobial"],
  },
  { id: "hypoallergenic", surfaces: ["hypoallergenic", "低敏", "防过敏"], support: ["hypoallergenic", "低敏", "过敏"] },
  {
    id: "shockproof",
    surfaces: ["防摔", "shockproof", "shock-proof", "drop-proof", "drop proof"],
    support: ["防摔", "drop", "shock", "摔"],
  },
  // Displays: OLED and LCD panels deny each other.
  {
    id: "oled",
    surfaces: ["OLED", "AMOLED", "Super AMOLED", "OLED屏", "AMOLED屏"],
    support: ["oled", "amoled"],
    deny: ["lcd", "ips", "tft"],
  },
  {
    id: "lcd",
    surfaces: ["LCD", "IPS屏", "IPS display", "IPS panel", "TFT"],
    support: ["lcd", "ips", "tft"],
    deny: ["oled", "amoled"],
  },
  {
    id: "usb_c",
    surfaces: ["USB-C", "Type-C", "TypeC", "USB Type-C"],
    support: ["type-c", "usb-c", "typec", "c to c", "usb c", "type c"],
  },
  { id: "dual_sim", surfaces: ["双卡双待", "双卡", "dual SIM", "dual-SIM"], support: ["双卡", "dual sim", "dual-sim"] },
  { id: "esim", surfaces: ["eSIM"], support: ["esim"] },
  // Claims about how a product was made or sourced (FTC green guides, 广告法 "天然").
  {
    id: "natural",
    surfaces: ["纯天然", "全天然", "100% natural", "all-natural", "all natural"],
    support: ["天然", "natural"],
  },
  {
    id: "recycled",
    surfaces: ["recycled", "recycled materials", "再生材料", "再生塑料", "再生纤维", "环保再生"],
    support: ["recycl", "再生"],
  },
  {
    id: "biodegradable",
    surfaces: ["biodegradable", "compostable", "可降解", "全降解", "可堆肥"],
    support: ["biodegrad", "compost", "降解", "堆肥"],
  },
  {
    id: "vegan",
    surfaces: ["vegan", "plant-based", "纯素", "植物基"],
    support: ["vegan", "plant-based", "纯素", "素食", "植物基"],
  },
  {
    id: "cruelty_free",
    surfaces: ["cruelty-free", "cruelty free", "零残忍", "无动物实验"],
    support: ["cruelty", "残忍", "动物实验", "leaping bunny"],
  },
  {
    id: "patented",
    surfaces: ["patented", "patent-pending", "专利技术", "专利设计", "专利"],
    support: ["patent", "专利"],
    // 国家专利 and the like are authority claims the rule packs judge; here only a note.
    soft: true,
  },
  {
    id: "handmade",
    surfaces: ["handmade", "hand-made", "handcrafted", "纯手工", "手工制作", "手工打造"],
    support: ["hand", "手工"],
    soft: true,
  },
  { id: "non_fried", surfaces: ["非油炸", "non-fried"], support: ["非油炸", "烘焙", "烘烤", "non-fried", "baked"] },
  {
    id: "free_range",
    surfaces: ["散养", "放养", "free-range", "free range", "pasture-raised", "grass-fed", "草饲"],
    support: ["散养", "放养", "free-range", "free range", "pasture", "grass-fed", "草饲"],
  },
  { id: "wild", surfaces: ["野生", "wild-caught", "wild caught"], support: ["野生", "wild"] },
  {
    id: "app_control",
    surfaces: ["APP控制", "APP智能控制", "app control", "app-controlled"],
    support: ["app"],
    soft: true,
  },
  { id: "cordless", surfaces: ["cordless", "无绳"], support: ["cordless", "无绳", "battery", "电池"], soft: true },
  {
    id: "rechargeable",
    surfaces: ["rechargeable", "可充电", "USB充电"],
    support: ["rechargeable", "充电", "battery", "电池", "mah"],
    soft: true,
  },
  { id: "foldable", surfaces: ["foldable", "folding", "可折叠", "折叠"], support: ["fold", "折叠"], soft: true },
];

// Nutrients a "zero"/"free" claim can be about, with the most a serving may hold for the claim to
// stand (in the extractor's canonical units: kg for masses, kcal for energy). "Low" claims have
// ceilings too (GB 28050 per 100 g: 低糖 ≤ 5 g, 低脂 ≤ 3 g, 低钠 ≤ 120 mg, 低能量 ≤ 40 kcal).
export const NUTRIENTS: Readonly<
  Record<
    string,
    { surfaces: readonly string[]; zeroAtMost: number; lowAtMost?: number; key?: string; ingredients?: RegExp }
  >
> = {
  sugar: {
    surfaces: ["蔗糖", "白砂糖", "糖", "sugar", "sugars", "added sugar", "added sugars"],
    zeroAtMost: 0.0005,
    lowAtMost: 0.005,
    key: "sugar",
    ingredients:
      /白砂糖|蔗糖|冰糖|红糖|果葡糖浆|葡萄糖浆|麦芽糖浆|糖浆|(?<![a-z])sugar(?![a-z-])|cane sugar|corn syrup|syrup|dextrose|sucrose/i,
  },
  fat: { surfaces: ["脂肪", "脂", "fat", "fats"], zeroAtMost: 0.0005, lowAtMost: 0.003, key: "fat" },
  trans_fat: { surfaces: ["反式脂肪酸", "反式脂肪", "trans fat", "trans fats"], zeroAtMost: 0.0003 },
  calories: {
    surfaces: ["卡路里", "热量", "能量", "卡", "calories", "calorie", "cal"],
    zeroAtMost: 5,
    key: "calories",
  },
  sodium: { surfaces: ["钠", "盐", "sodium", "salt"], zeroAtMost: 0.000005, lowAtMost: 0.00012, key: "sodium" },
  caffeine: { surfaces: ["咖啡因", "caffeine"], zeroAtMost: 0.000002, key: "caffeine" },
  cholesterol: { surfaces: ["胆固醇", "cholesterol"], zeroAtMost: 0.000002 },
  gluten: {
    surfaces: ["麸质", "gluten"],
    zeroAtMost: 0,
    ingredients: /小麦|大麦|黑麦|麸质|(?<![a-z])(?:wheat|barley|rye|gluten)(?![a-z-])/i,
  },
  lactose: { surfaces: ["乳糖", "lactose", "dairy"], zeroAtMost: 0 },
  preservatives: {
    surfaces: ["防腐剂", "preservatives", "preservative"],
    zeroAtMost: 0,
    ingredients: /山梨酸钾|苯甲酸钠|脱氢乙酸钠|sorbate|benzoate/i,
  },
  additives: {
    surfaces: [
      "添加剂",
      "色素",
      "香精",
      "artificial colors",
      "artificial colours",
      "artificial flavors",
      "artificial flavours",
      "artificial sweeteners",
    ],
    zeroAtMost: 0,
  },
  alcohol: {
    surfaces: ["酒精", "alcohol"],
    zeroAtMost: 0,
    ingredients: /酒精|乙醇|(?<![a-z])(?:alcohol denat|ethanol|sd alcohol)/i,
  },
  // Free-from claims of cosmetics, checked against the ingredient list.
  parabens: { surfaces: ["尼泊金酯", "paraben", "parabens"], zeroAtMost: 0, ingredients: /paraben|羟苯|尼泊金/i },
  sulfates: {
    surfaces: ["硫酸盐", "SLS", "SLES", "sulfate", "sulfates", "sulphate", "sulphates"],
    zeroAtMost: 0,
    ingredients: /sulfate|sulphate|(?<![A-Za-z])SLE?S(?![A-Za-z])|月桂醇硫酸酯钠|月桂醇聚醚硫酸酯钠/i,
  },
  silicone_oil: {
    surfaces: ["硅油", "silicone", "silicones"],
    zeroAtMost: 0,
    ingredients: /dimethicone|siloxane|硅油|聚二甲基硅氧烷|硅氧烷/i,
  },
  mineral_oil: {
    surfaces: ["矿物油", "矿油", "mineral oil"],
    zeroAtMost: 0,
    ingredients: /mineral oil|paraffinum|矿物油|矿油|液体石蜡/i,
  },
};

/** What praise is about, so that reviews mentioning that aspect favourably can back it. */
export type TAspect =
  | "appearance"
  | "price"
  | "comfort"
  | "durability"
  | "sharpness"
  | "portability"
  | "ease"
  | "noise"
  | "performance"
  | "quality"
  | "taste"
  | "battery"
  | "sound"
  | "skin"
  | "accuracy"
  | "general";

// Subjective praise, by aspect: no attribute can state it, a review can echo it.
export const SUBJECTIVE: Readonly<Record<TAspect, readonly string[]>> = {
  appearance: [
    "时尚设计",
    "时尚百搭",
    "时尚",
    "百搭",
    "简约大气",
    "高端大气",
    "大气",
    "高端",
    "高档",
    "奢华",
    "精致",
    "优雅",
    "美观",
    "漂亮",
    "好看",
    "颜值高",
    "高颜值",
    "经典款",
    "潮流",
    "新颖",
    "stylish",
    "sleek",
    "elegant",
    "beautiful",
    "gorgeous",
    "chic",
    "timeless",
    "modern design",
    "eye-catching",
    "luxurious",
    "luxury",
  ],
  price: [
    "价格亲民",
    "物美价廉",
    "超高性价比",
    "高性价比",
    "性价比高",
    "性价比之选",
    "实惠",
    "划算",
    "超值",
    "平价",
    "affordable",
    "great value",
    "budget-friendly",
    "value for money",
    "wallet-friendly",
    "bang for your buck",
  ],
  comfort: [
    "超舒适",
    "舒适",
    "舒服",
    "柔软",
    "亲肤",
    "透气",
    "贴合",
    "comfortable",
    "comfy",
    "soft",
    "cozy",
    "cosy",
    "breathable",
    "ergonomic",
  ],
  durability: [
    "经久耐用",
    "锋利耐用",
    "耐用",
    "结实",
    "牢固",
    "耐磨",
    "坚固",
    "durable",
    "sturdy",
    "rugged",
    "long-lasting",
    "built to last",
  ],
  sharpness: ["锋利", "sharp", "razor-sharp"],
  portability: ["轻便", "轻盈", "便携", "小巧", "轻巧", "lightweight", "portable", "compact", "travel-friendly"],
  ease: [
    "方便",
    "好用",
    "易用",
    "简单易用",
    "操作简单",
    "易清洗",
    "easy to use",
    "easy-to-use",
    "user-friendly",
    "convenient",
    "hassle-free",
    "easy to clean",
  ],
  noise: ["超静音", "静音", "安静", "低噪音", "quiet", "whisper-quiet", "silent"],
  performance: ["动力强劲", "强劲", "超强", "高效", "powerful", "efficient", "high-performance", "fast"],
  quality: [
    "高品质",
    "品质上乘",
    "优质",
    "做工精细",
    "做工精良",
    "high-quality",
    "high quality",
    "top quality",
    "premium",
    "well-made",
    "reliable",
  ],
  taste: [
    "口感好",
    "美味",
    "好吃",
    "香浓",
    "醇香",
    "浓郁",
    "清香",
    "鲜美",
    "香甜",
    "软糯",
    "酥脆",
    "delicious",
    "tasty",
    "flavorful",
    "flavourful",
    "rich flavor",
    "rich flavour",
  ],
  battery: [
    "超长续航",
    "续航持久",
    "续航给力",
    "长续航",
    "长效续航",
    "long battery life",
    "long-lasting battery",
    "all-day battery",
  ],
  sound: [
    "音质好",
    "音质出色",
    "高音质",
    "低音浑厚",
    "great sound",
    "rich sound",
    "crystal-clear sound",
    "immersive sound",
  ],
  skin: [
    "补水",
    "保湿",
    "滋润",
    "清爽",
    "温和",
    "不刺激",
    "gentle",
    "moisturizing",
    "moisturising",
    "hydrating",
    "non-irritating",
  ],
  accuracy: ["高精度", "精准", "精确", "accurate", "precise"],
  general: ["专业级", "专业", "黑科技", "must-have", "versatile", "innovative", "cutting-edge", "professional-grade"],
};

// How reviews talk about each aspect, and words that praise.
export const ASPECT_WORDS: Readonly<Record<TAspect, RegExp>> = {
  appearance: /外观|颜值|好看|漂亮|设计|样子|款式|时尚|look|design|style|beautiful|pretty|gorgeous/i,
  price: /价格|价钱|便宜|实惠|划算|性价比|值得|超值|price|value|cheap|affordable|worth/i,
  comfort: /舒适|舒服|柔软|软|透气|亲肤|comfortable|comfy|soft|breathable|fit/i,
  durability: /耐用|结实|牢固|质量|用了.{0,4}(?:年|月)|durable|sturdy|lasted|holding up|still works/i,
  sharpness: /锋利|快|切|sharp|cuts?/i,
  portability: /轻|便携|小巧|方便携带|light|portable|compact|carry/i,
  ease: /方便|好用|简单|容易|上手|easy|simple|convenient|intuitive/i,
  noise: /安静|静音|噪音|声音小|quiet|silent|noise/i,
  performance: /强劲|给力|动力|效率|快|powerful|strong|fast|efficient|performance/i,
  quality: /质量|品质|做工|用料|quality|well made|well-made|build/i,
  taste: /好吃|美味|口感|味道|香|鲜|甜|tasty|delicious|taste|flavou?r/i,
  battery: /续航|电池|电量|充一次|battery|charge|lasts/i,
  sound: /音质|声音|低音|高音|sound|bass|audio/i,
  skin: /保湿|补水|滋润|温和|不刺激|皮肤|肤|moistur|hydrat|gentle|skin/i,
  accuracy: /准|精准|精确|误差|accurate|precise|accuracy/i,
  general: /好|不错|满意|推荐|great|good|love|excellent|recommend/i,
};
export const PRAISE =
  /好|棒|不错|满意|给力|喜欢|推荐|赞|优秀|出色|完美|超值|舒服|持久|耐用|great|good|love|excellent|amazing|perfect|awesome|fantastic|impressed|recommend|best|happy|nice|solid|lasts/i;
export const NEGATIVE =
  /不好|不行|一般般?|差|失望|垃圾|退货|不值|坏了|不舒服|没用|太短|不耐用|poor|bad|terrible|awful|disappoint|broke|worse|waste|return|not (?:good|great|worth)|doesn'?t|didn'?t|never|cheap(?:ly)? made/i;

// Processors and graphics chips, compared with the attribute that names the product's.
export const PROCESSOR_PATTERN =
  /(?:骁龙|Snapdragon)\s?(?:8\+?\s?Gen\s?\d|\d{3,4}\+?)|(?:天玑|Dimensity)\s?\d{3,4}(?:\s?(?:Ultra|Plus|\+))?|(?:麒麟|Kirin)\s?\d{3,4}[A-Z]?|Exynos\s?\d{3,4}|(?:Apple\s)?(?<![A-Za-z0-9])M[1-4](?:\s(?:Pro|Max|Ultra))?(?=\s?(?:chip|芯片))|(?<![A-Za-z0-9])A1\d(?:\s(?:Pro|Bionic))?(?=\s?(?:chip|芯片|仿生))|(?:Intel\s)?Core\s?(?:i[3579]|Ultra\s?[579])(?:-\d{4,5}[A-Z]{0,2})?|(?:AMD\s)?Ryzen\s?[3579](?:\s\d{4}[A-Z]{0,2})?|酷睿\s?i[3579]|锐龙\s?[3579]|(?:RTX|GTX)\s?\d{4}(?:\s?Ti)?|(?<![A-Za-z])RX\s?\d{4}(?:\s?XT)?/g;
export const GRAPHICS_CHIP = /^(?:RTX|GTX|RX)/;
