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
  clear: ["透明", "transparent", "clear shell", "clear case", "clear back", "clear finish", "clear colour", "clear color"],
};

export const MATERIAL_SURFACES: Record<string, readonly string[]> = {
  aluminium: ["铝合金", "铸铝", "航空铝", "铝", "aluminium", "aluminum", "aluminium alloy", "aluminum alloy", "cast aluminium", "cast aluminum"],
  stainless_steel: ["不锈钢", "304不锈钢", "316不锈钢", "316L不锈钢", "stainless steel", "304 stainless steel", "316 stainless steel", "steel"],
  titanium: ["钛合金", "钛", "titanium", "titanium alloy"],
  plastic: ["PC+ABS", "ABS", "塑料", "PC/ABS plastic", "plastic", "polycarbonate", "PC"],
  silicone: ["硅胶", "液态硅胶", "silicone"],
  tpu: ["TPU"],
  leather: ["真皮", "头层牛皮", "牛皮", "羊皮", "genuine leather", "full-grain leather", "leather", "cowhide"],
  pu_leather: ["PU皮", "PU皮革", "人造革", "PU leather", "faux leather", "vegan leather"],
  cotton: ["纯棉", "长绒棉", "精梳棉", "全棉", "棉", "cotton", "pure cotton", "100% cotton", "organic cotton"],
  polyester: ["涤纶", "聚酯纤维", "polyester"],
  modal: ["莫代尔", "modal"],
  linen: ["亚麻", "linen"],
  chiffon: ["雪纺", "chiffon"],
  silk: ["真丝", "桑蚕丝", "丝绸", "silk", "mulberry silk"],
  nylon: ["尼龙", "锦纶", "nylon"],
  spandex: ["氨纶", "spandex", "elastane"],
  wool: ["羊毛", "美利奴羊毛", "wool", "merino wool"],
  cashmere: ["羊绒", "cashmere"],
  oxford: ["牛津布", "Oxford fabric", "Oxford cloth"],
  canvas: ["帆布", "canvas"],
  mesh: ["网面", "网布", "mesh", "engineered mesh"],
  knit: ["飞织", "针织", "knit", "flyknit"],
  glass: ["高硼硅玻璃", "玻璃", "钢化玻璃", "borosilicate glass", "tempered glass", "glass"],
  ceramic: ["陶瓷", "ceramic"],
  eva: ["EVA"],
  wood: ["实木", "木质", "榉木", "wood", "solid wood", "beech"],
  bamboo: ["竹", "竹纤维", "bamboo"],
};

// A claim that a product is made of this material alone.
export const PURE_MATERIAL_SURFACES = new Set(["纯棉", "全棉", "pure cotton", "100% cotton", "真丝", "pure silk", "100% silk"]);

export const CERTIFICATION_PATTERNS: ReadonlyArray<readonly [RegExp, (m: RegExpExecArray) => string]> = [
  [/(?<![A-Za-z0-9])(?:3C|CCC)(?![A-Za-z0-9])/g, () => "CCC"],
  [/(?<![A-Za-z0-9])CE(?![A-Za-z0-9])/g, () => "CE"],
  [/(?<![A-Za-z0-9])FCC(?![A-Za-z0-9])/g, () => "FCC"],
  [/(?<![A-Za-z0-9])RoHS(?![A-Za-z0-9])/gi, () => "RoHS"],
  [/(?<![A-Za-z0-9])FDA(?![A-Za-z0-9])/g, () => "FDA"],
  [/(?<![A-Za-z0-9])SRRC(?![A-Za-z0-9])/g, () => "SRRC"],
  [/(?<![A-Za-z0-9])UL(?= ?(?:certified|listed|认证))/g, () => "UL"],
  [/(?<![A-Za-z0-9])UN ?38\.3(?![0-9])/g, () => "UN38.3"],
  [/(?<![A-Za-z0-9])ISO ?(\d{4,5})(?![0-9])/g, (m) => `ISO ${m[1]}`],
  [/(?<![A-Za-z0-9])GB(\/T)? ?(\d{3,6})(?:[-.]\d{2,4})?(?![0-9])/g, (m) => `GB${m[1] ?? ""} ${m[2]}`],
];

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
export const PART_AFTER = /^\s*(?:handles?|utensils?|spatulas?|lids?|straps?|bands?|laces?|lining|zippers?|tips?|feet|pads?|手柄|把手|铲|锅盖|盖|表带|鞋带|内衬|拉链|垫|提手|耳塞)/i;

// Water resistance said in words: a level, compared with other levels only (IP codes are codes).
export const WATER_LEVEL_SURFACES: Record<string, readonly string[]> = {
  splash_resistant: ["防泼水", "防溅水", "防泼溅", "water-repellent", "water repellent", "splash-proof", "splash resistant", "splash-resistant"],
  waterproof: ["完全防水", "全防水", "fully waterproof", "completely waterproof", "100% waterproof"],
};
