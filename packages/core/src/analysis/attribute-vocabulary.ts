// Words that name colours, materials and certifications in zh and en, mapped to one canonical id
// each so that "黑色", "Black" and "black" compare equal. Longer surfaces win over their parts
// ("PU leather" over "leather", "304不锈钢" over "不锈钢").

export const COLOUR_SURFACES: Record<string, readonly string[]> = {
  black: ["黑色", "纯黑", "曜石黑", "午夜黑", "星空黑", "black", "jet black", "midnight black"],
  white: ["白色", "纯白", "珍珠白", "象牙白", "white", "ivory", "off-white"],
  silver: ["银色", "月光银", "silver"],
  grey: ["灰色", "深空灰", "浅灰", "深灰", "grey", "gray", "space grey", "charcoal"],
  navy: ["藏青色", "藏青", "藏蓝", "navy", "navy blue"],
  blue: ["蓝色", "天蓝色", "浅蓝", "深蓝", "宝蓝", "blue", "sky blue"],
  red: ["红色", "酒红色", "酒红", "中国红", "red", "burgundy", "wine red"],
  pink: ["粉色", "粉红色", "樱花粉", "pink", "rose pink"],
  green: ["绿色", "墨绿色", "墨绿", "军绿色", "green", "olive", "olive green"],
  beige: ["米色", "米白色", "杏色", "燕麦色", "beige", "cream", "oatmeal"],
  gold: ["金色", "香槟金", "玫瑰金", "gold", "rose gold", "champagne gold"],
  purple: ["紫色", "薰衣草紫", "purple", "lavender", "violet"],
  khaki: ["卡其色", "卡其", "khaki"],
  brown: ["棕色", "咖啡色", "驼色", "brown", "camel"],
  yellow: ["黄色", "柠檬黄", "yellow"],
  orange: ["橙色", "橘色", "orange"],
  clear: [
    "透明",
    "transparent",
    "clear shell",
    "clear case",
    "clear back",
    "clear finish",
    "clear colour",
    "clear color",
  ],
};

export const CERTIFICATION_PATTERNS: ReadonlyArray<readonly [RegExp, (m: RegExpExecArray) => string]> = [
  [/(?<![A-Za-z0-9])(?:3C|CCC)(?![A-Za-z0-9])/g, () => "CCC"],
  [/(?<![A-Za-z0-9])CE(?![A-Za-z0-9])/g, () => "CE"],
  [/(?<![A-Za-z0-9])FCC(?![A-Za-z0-9])/g, () => "FCC"],
  [/(?<![A-Za-z0-9])RoHS(?![A-Za-z0-9])/gi, () => "RoHS"],
  [/(?<![A-Za-z0-9])FDA(?![A-Za-z0-9])/g, () => "FDA"],
  [/(?<![A-Za-z0-9])EPA(?:[- ]registered| Reg\.?(?: No\.?)?)?(?![A-Za-z0-9])/g, () => "EPA"],
  [/(?<![A-Za-z0-9])SRRC(?![A-Za-z0-9])/g, () => "SRRC"],
  [/(?<![A-Za-z0-9])(?:UL|ETL)(?= ?(?:certified|listed|认证))/g, (m) => m[0]],
  [/(?<![A-Za-z0-9])UN ?38\.3(?![0-9])/g, () => "UN38.3"],
  [/(?<![A-Za-z0-9])ISO ?(\d{4,5})(?![0-9])/g, (m) => `ISO ${m[1]}`],
  [/(?<![A-Za-z0-9])GB(\/T)? ?(\d{3,6})(?:[-.]\d{2,4})?(?![0-9])/g, (m) => `GB${m[1] ?? ""} ${m[2]}`],
  [/(?<![A-Za-z0-9])NSF(?:\/ANSI)?(?: ?(\d{2,3}))?(?![A-Za-z0-9])/g, (m) => (m[1] ? `NSF/ANSI ${m[1]}` : "NSF")],
  [/(?<![A-Za-z0-9])ECE ?R ?(\d{2,3})(?:\/\d{2})?/g, (m) => `ECE R${m[1]}`],
  [/(?<![A-Za-z0-9])FMVSS ?(\d{3})/g, (m) => `FMVSS ${m[1]}`],
  [/(?<![A-Za-z0-9])ASTM ?([A-Z]\d{2,5})/g, (m) => `ASTM ${m[1]}`],
  [/(?<![A-Za-z0-9])EN ?71(?![0-9])/g, () => "EN 71"],
  [
    /(?<![A-Za-z0-9])(?:CPSIA|CPSC|UKCA|PSE|TÜV|TUV|MFi|GOTS|FSC|Hi-Res)(?![A-Za-z0-9])/g,
    (m) => m[0].replace("TUV", "TÜV"),
  ],
  [/Energy Star|能源之星/gi, () => "Energy Star"],
  [/OEKO-?TEX(?: ?(?:Standard )?100)?/gi, () => "OEKO-TEX"],
  [/Fair ?Trade|公平贸易/gi, () => "Fair Trade"],
  [/Rainforest Alliance|雨林联盟/gi, () => "Rainforest Alliance"],
  [/Non-?GMO(?: Project)?(?: Verified)?|非转基因/gi, () => "Non-GMO"],
  [
    /(?<![A-Za-z])(?:Halal|Kosher)(?![A-Za-z])|清真/gi,
    (m) => (m[0] === "清真" ? "Halal" : m[0][0]!.toUpperCase() + m[0].slice(1).toLowerCase()),
  ],
  [
    /(?:USDA |certified )?(?<![A-Za-z])organic(?! (?:compound|chemistry|solvent|matter|light|traffic|growth|reach|search))(?![A-Za-z])/gi,
    () => "organic",
  ],
  [/有机(?:产品)?(?:认证)?(?!硅|玻璃|溶剂|物|化|肥|质|酸|磷|氯|合成)/g, () => "organic"],
  [/绿色食品(?:认证)?/g, () => "green food"],
  [/无公害(?:农产品)?(?:认证)?/g, () => "pollution-free"],
  [/(?:国家)?地理标志(?:保护)?(?:产品)?/g, () => "geographical indication"],
  [/国妆特字 ?([A-Z]?\d{6,12})?/g, (m) => `国妆特字${m[1] ? ` ${m[1]}` : ""}`],
  [/(?:国妆|粤G妆|[\u4e00-\u9fff]G妆)网?备(?:进)?字 ?([A-Z]?\d{6,14})?/g, (m) => `国妆备${m[1] ? ` ${m[1]}` : ""}`],
  [/卫妆准字/g, () => "卫妆准字"],
  [/国食健(?:字|注) ?([A-Z]?\d{6,12})?|蓝帽子|保健食品批准文号/g, (m) => `保健食品${m[1] ? ` ${m[1]}` : ""}`],
  [/械(?:字号|备|注)|医疗器械(?:注册证|备案)/g, () => "医疗器械"],
  [/(?<![A-Za-z0-9])SC ?(\d{14})(?![0-9])/g, (m) => `SC ${m[1]}`],
  [/(?<![A-Za-z0-9])(?:E0|E1|ENF|CARB(?: P2)?)(?=级|\s|[^A-Za-z0-9]|$)/g, (m) => m[0]],
];

// Words right after a colour word that make it something else: teas, noise, light, food, finance.
export const NOT_A_COLOUR_AFTER =
  /^(?:\s*(?:tea|noise|light|friday|wine|juice|chocolate|rice|sugar|pepper|beans?|vinegar|standard|flavou?r|peel|zest|blossoms?|energy|list|belt|label|collar|pages|hat|matter|card|sauce|truffle|mushroom|onion|meat|fish)\b|-[a-z]|离子|质酸|度|茶|光)/i;

// Garment lengths (dresses, skirts, coats).
export const GARMENT_LENGTH_SURFACES: Record<string, readonly string[]> = {
  mini: ["mini", "短款", "短裙"],
  midi: ["midi", "中长款", "中长裙", "中裙"],
  maxi: ["maxi", "长款", "长裙", "floor-length", "ankle-length"],
};

// Features a product has or lacks; a negation just before the mention flips it.
export const FEATURE_SURFACES: Record<string, readonly string[]> = {
  carbon_plate: ["碳板", "carbon plate", "carbon-fibre plate", "carbon fiber plate"],
  noise_cancelling: ["主动降噪", "active noise cancelling", "active noise cancellation", "ANC"],
  magnetic: ["磁吸", "magnetic", "MagSafe"],
  auto_shut_off: ["自动断电", "auto shut-off", "automatic shut-off", "auto shutoff"],
  fragrance_free: ["无香精", "不含香精", "无香", "fragrance-free", "fragrance free", "unscented"],
};
export const NEGATION_BEFORE = /(?:无|不支持|不带|没有|未配|非|no|without|non-?|not)\s*$/i;

// Words right after a material that say it is a part or an accessory, not the product body.
export const PART_AFTER =
  /^\s*(?:handles?|utensils?|spatulas?|lids?|straps?|bands?|laces?|lining|zippers?|tips?|feet|legs?|pads?|frames?|lens(?:es)?|case|cases|buckles?|trim|soles?|outsoles?|insoles?|covers?|base|knobs?|hinges?|buttons?|hardware|accents?|details?|rivets?|studs?|chains?|charms?|trims?|hooks?|装饰|纽扣|双排扣|排扣|环|链|配件|标|钉|珠|手柄|把手|拉手|铲|锅盖|盖|表带|表扣|鞋带|鞋底|大底|内衬|里料|拉链|垫|脚垫|提手|耳塞|桌腿|椅腿|腿|底座|边框|镜框|镜架|镜腿|镜片|外套|面板|扣)/i;

// Water resistance said in words: a level, compared with other levels only (IP codes are codes).
export const WATER_LEVEL_SURFACES: Record<string, readonly string[]> = {
  splash_resistant: [
    "防泼水",
    "防溅水",
    "防泼溅",
    "water-repellent",
    "water repellent",
    "splash-proof",
    "splash resistant",
    "splash-resistant",
  ],
  waterproof: ["完全防水", "全防水", "fully waterproof", "completely waterproof", "100% waterproof"],
};

// Harvest seasons: tea is sold by when it was picked (明前 before Qingming, 雨前 before Guyu, 秋茶),
// rice and fruit as the new crop. Each season names the season it falls in.
export const HARVEST_SEASON_SURFACES: Record<string, readonly string[]> = {
  mingqian: ["明前", "明前茶", "明前春茶", "清明前"],
  yuqian: ["雨前", "雨前茶", "谷雨前"],
  first_flush: ["头采", "首采", "头春", "first flush", "first-flush"],
  early_spring: ["早春茶", "early spring"],
  spring: ["春茶", "spring", "spring harvest", "spring-picked"],
  summer: ["夏茶", "summer", "summer harvest"],
  second_flush: ["second flush", "second-flush"],
  autumn: ["秋茶", "autumn", "fall", "autumn harvest", "fall harvest"],
  winter: ["冬茶", "winter", "winter harvest"],
  new_crop: ["新米", "当季新米", "new crop"],
};
export const SEASON_PARENT: Readonly<Record<string, string>> = {
  mingqian: "spring",
  yuqian: "spring",
  first_flush: "spring",
  early_spring: "spring",
  second_flush: "summer",
};
