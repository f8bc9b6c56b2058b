import { normalizeWithOffsets, type TNormalizedText } from "./offset-normalizer.js";
import { buildDictionary, type TDictionaryHit } from "./attribute-dictionary.js";
import { gatedMatches, matches } from "./attribute-matching.js";
import { MATERIAL_SURFACES, PURE_MATERIAL_SURFACES } from "./attribute-materials.js";
import { CHINESE_NUMERAL_CHARS, parseNumber } from "./attribute-numbers.js";
import { NOT_ORIGIN_SURFACES, PLACE_SURFACES } from "./attribute-places.js";
import {
  CERTIFICATION_PATTERNS,
  COLOUR_SURFACES,
  FEATURE_SURFACES,
  GARMENT_LENGTH_SURFACES,
  HARVEST_SEASON_SURFACES,
  NEGATION_BEFORE,
  NOT_A_COLOUR_AFTER,
  PART_AFTER,
  WATER_LEVEL_SURFACES,
} from "./attribute-vocabulary.js";

/** Stable attribute identifiers, the same whatever the language of the text or the structured key. */
export type TAttributeKey =
  | "battery_capacity"
  | "battery_life"
  | "charge_time"
  | "shelf_life"
  | "warranty"
  | "duration"
  | "insulation"
  | "age"
  | "water_resistance"
  | "weight"
  | "max_load"
  | "fabric_weight"
  | "protein"
  | "sugar"
  | "fat"
  | "fibre"
  | "sodium"
  | "carbohydrate"
  | "caffeine"
  | "calories"
  | "power"
  | "voltage"
  | "volume"
  | "length"
  | "range"
  | "area"
  | "screen_size"
  | "laptop_size"
  | "drop_height"
  | "thickness"
  | "diameter"
  | "heel_drop"
  | "driver_size"
  | "dimensions"
  | "ram"
  | "storage"
  | "refresh_rate"
  | "frequency"
  | "noise_level"
  | "suction"
  | "pressure"
  | "rotation_speed"
  | "speed"
  | "temperature"
  | "brightness"
  | "resolution"
  | "camera_resolution"
  | "energy_grade"
  | "dose"
  | "spf"
  | "pa_rating"
  | "colour"
  | "material"
  | "size"
  | "certification"
  | "origin"
  | "harvest"
  | "model"
  | "brand"
  | "garment_length"
  | "carbon_plate"
  | "noise_cancelling"
  | "magnetic"
  | "auto_shut_off"
  | "fragrance_free"
  | "cri"
  | "bluetooth_version";

export type TAttributeFact = {
  key: TAttributeKey;
  /** The text as written (normalised: full-width folded). */
  value: string;
  /** UTF-16 offsets into the original text, end exclusive. */
  start: number;
  end: number;
  /** Canonical unit of `normalized` when it is a measurement: mAh, Wh, h, kg, gsm, W, V, L, cm, m, SPF. */
  unit?: string;
  /** The value in canonical form: a number in `unit`, a colour/material/place id, "IP68", "CCC", "XL", … */
  normalized?: string | number;
  /** "pure" when the text claims a single material ("纯棉", "100% cotton"). */
  qualifier?: "pure";
  /** For a material: the part it is said of ("handle", "表带") when that is not the product body. */
  part?: string;
  /** For a material: the text says the product is made of it ("采用…材质", "made from …"), not just mentions it. */
  made?: true;
};

/** A fact with its offsets into the normalised text as well (what later passes over that text use). */
export type TAttributeFactAt = TAttributeFact & { nStart: number; nEnd: number };

export type TExtractOptions = {
  /** Known brand names (any language); matches become `brand` facts. */
  brands?: readonly string[];
  /** Hits of EXTRACTOR_WORD_LISTS in the text, when the caller scanned them already. */
  dictionaryHits?: readonly TDictionaryHit[][];
};

type TDim =
  | "battery"
  | "energy"
  | "time"
  | "mass"
  | "length"
  | "power"
  | "voltage"
  | "volume"
  | "data"
  | "frequency"
  | "sound"
  | "pressure"
  | "rotation"
  | "speed"
  | "temperature"
  | "luminous"
  | "area"
  | "food_energy"
  | "pixels"
  | "dose";
type TUnit = { unit: string; factor: number; dim: TDim; cjk: boolean };

// Surface (lower-case) → canonical unit; lengths in cm, durations in hours, masses in kg.
const UNITS: Record<string, TUnit> = {};
const addUnits = (surfaces: string, u: Omit<TUnit, "cjk">): void => {
  for (const s of surfaces.split("|")) UNITS[s] = { ...u, cjk: /[\u4e00-\u9fff]/.test(s) };
};
addUnits("mah|毫安时|毫安", { unit: "mAh", factor: 1, dim: "battery" });
addUnits("ah|安时", { unit: "mAh", factor: 1000, dim: "battery" });
addUnits("wh", { unit: "Wh", factor: 1, dim: "energy" });
addUnits("h|hr|hrs|hour|hours|小时|个小时|钟头", { unit: "h", factor: 1, dim: "time" });
addUnits("min|mins|minute|minutes|分钟", { unit: "h", factor: 1 / 60, dim: "time" });
addUnits("day|days|天", { unit: "h", factor: 24, dim: "time" });
addUnits("week|weeks|周|个星期|星期", { unit: "h", factor: 168, dim: "time" });
addUnits("month|months|个月", { unit: "h", factor: 720, dim: "time" });
addUnits("year|years|年|岁", { unit: "h", factor: 8760, dim: "time" });
addUnits("kg|公斤|千克", { unit: "kg", factor: 1, dim: "mass" });
addUnits("g|克", { unit: "kg", factor: 0.001, dim: "mass" });
addUnits("mg|毫克", { unit: "kg", factor: 1e-6, dim: "mass" });
addUnits("斤", { unit: "kg", factor: 0.5, dim: "mass" });
addUnits("lb|lbs|pound|pounds", { unit: "kg", factor: 0.45359237, dim: "mass" });
addUnits("oz|ounce|ounces", { unit: "kg", factor: 0.028349523, dim: "mass" });
addUnits("mm|毫米", { unit: "cm", factor: 0.1, dim: "length" });
addUnits("cm|厘米|公分", { unit: "cm", factor: 1, dim: "length" });
addUnits("m|米|meter|meters|metre|metres", { unit: "cm", factor: 100, dim: "length" });
addUnits("km|公里|千米", { unit: "cm", factor: 100_000, dim: "length" });
addUnits('in|inch|inches|英寸|寸|"', { unit: "cm", factor: 2.54, dim: "length" });
addUnits("ft|feet|foot", { unit: "cm", factor: 30.48, dim: "length" });
addUnits("w|瓦", { unit: "W", factor: 1, dim: "power" });
addUnits("kw|千瓦", { unit: "W", factor: 1000, dim: "power" });
addUnits("v|伏", { unit: "V", factor: 1, dim: "voltage" });
addUnits("ml|毫升", { unit: "L", factor: 0.001, dim: "volume" });
addUnits("l|升", { unit: "L", factor: 1, dim: "volume" });
addUnits("fl oz|fl. oz", { unit: "L", factor: 0.0295735, dim: "volume" });
addUnits("gal|gallon|gallons", { unit: "L", factor: 3.78541, dim: "volume" });
addUnits("gb", { unit: "GB", factor: 1, dim: "data" });
addUnits("tb", { unit: "GB", factor: 1024, dim: "data" });
addUnits("hz|赫兹", { unit: "Hz", factor: 1, dim: "frequency" });
addUnits("khz", { unit: "Hz", factor: 1000, dim: "frequency" });
addUnits("mhz", { unit: "Hz", factor: 1e6, dim: "frequency" });
addUnits("ghz", { unit: "Hz", factor: 1e9, dim: "frequency" });
addUnits("iu|国际单位", { unit: "IU", factor: 1, dim: "dose" });
addUnits("db|分贝", { unit: "dB", factor: 1, dim: "sound" });
addUnits("pa|帕", { unit: "Pa", factor: 1, dim: "pressure" });
addUnits("kpa|千帕", { unit: "Pa", factor: 1000, dim: "pressure" });
addUnits("rpm|r/min|转/分钟|转/分|转", { unit: "rpm", factor: 1, dim: "rotation" });
addUnits("mph", { unit: "km/h", factor: 1.609344, dim: "speed" });
addUnits("km/h|kph|公里/小时", { unit: "km/h", factor: 1, dim: "speed" });
addUnits("°c|℃", { unit: "°C", factor: 1, dim: "temperature" });
addUnits("lm|lumens|流明", { unit: "lm", factor: 1, dim: "luminous" });
addUnits("m2|m²|平方米|平米|sq ft|sq. ft.|sqft|square feet", { unit: "m2", factor: 1, dim: "area" });
addUnits("kcal|千卡|大卡|calories|calorie|cal|卡路里", { unit: "kcal", factor: 1, dim: "food_energy" });
addUnits("kj|千焦", { unit: "kcal", factor: 0.239006, dim: "food_energy" });
addUnits("mp|megapixel|megapixels|万像素", { unit: "MP", factor: 1, dim: "pixels" });
// 万像素 is ten thousand pixels: 6400万像素 = 64 MP.
UNITS["万像素"] = { unit: "MP", factor: 0.01, dim: "pixels", cjk: true };
// Square feet are not square metres.
for (const s of ["sq ft", "sq. ft.", "sqft", "square feet"])
  UNITS[s] = { unit: "m2", factor: 0.09290304, dim: "area", cjk: false };

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
// Chinese season words that can follow a year, longest first.
const SEASON_ALTERNATION_ZH = Object.values(HARVEST_SEASON_SURFACES)
  .flat()
  .filter((w) => /[\u4e00-\u9fff]/.test(w))
  .sort((a, b) => b.length - a.length)
  .map(escape)
  .join("|");
const SEASON_BY_SURFACE = new Map(
  Object.entries(HARVEST_SEASON_SURFACES).flatMap(([id, list]) => list.map((w) => [w.toLowerCase(), id] as const)),
);
const seasonOf = (word: string): string | undefined =>
  SEASON_BY_SURFACE.get(word.toLowerCase()) ??
  SEASON_BY_SURFACE.get(word.toLowerCase().replace(/^(?:early|late) /, ""));
const UNIT_ALTERNATION = Object.keys(UNITS)
  .sort((a, b) => b.length - a.length)
  .map(escape)
  .join("|");
// A number (Arabic, optionally with 万, or a Chinese numeral), an optional space or hyphen
// ("20-hour"), a unit; a Latin unit must not run on into a word ("5 in 1", "30 days" is fine,
// "5 mins" matches whole, "2 lanes" does not match "l"). A Chinese numeral is matched lazily so
// that "五千克" reads as 5 kg, and never after 第/每/这… ("第一天" is not a duration).
const MEASURE = new RegExp(
  `(?<![\\d.A-Za-z${CHINESE_NUMERAL_CHARS}第每这那哪某其前后同当另])(\\d+(?:[.,]\\d+)?万?|[${CHINESE_NUMERAL_CHARS}]{1,8}?)(?:\\s|-)?(${UNIT_ALTERNATION})(?![A-Za-z])(?!\\s?\\d)`,
  "gi",
);
const BELOW_ZERO_GATE = /零下|[-−–]\s?\d|minus/i;
const BELOW_ZERO = new RegExp(
  `零下\\s?(\\d+(?:\\.\\d+)?|[${CHINESE_NUMERAL_CHARS}]{1,4})\\s?(?:摄氏度|度|°c|℃|°)?|(?<![\\dA-Za-z])(?:[-−–]|minus\\s)(\\d+(?:\\.\\d+)?)\\s?(?:°c|℃|°|degrees?(?: c(?:elsius)?)?)(?![A-Za-z])`,
  "gi",
);
const FABRIC_WEIGHT = /(?<![\d.])(\d+(?:\.\d+)?)\s?(?:g\/m²|g\/m2|gsm|克\/平方米)/gi;
const DIMENSIONS =
  /(?<![\d.])(\d+(?:\.\d+)?)\s?(?:cm|mm|m|in|")?\s?[x×*]\s?(\d+(?:\.\d+)?)(?:\s?(?:cm|mm|m|in|")?\s?[x×*]\s?(\d+(?:\.\d+)?))?\s?(cm|mm|m|in|inches|"|厘米|毫米|米|英寸)(?![A-Za-z0-9])/gi;
const DIMENSION_FACTOR: Record<string, number> = {
  cm: 1,
  厘米: 1,
  mm: 0.1,
  毫米: 0.1,
  m: 100,
  米: 100,
  in: 2.54,
  inches: 2.54,
  '"': 2.54,
  英寸: 2.54,
};
const IP_RATING = /(?<![A-Za-z])IP([0-6X])([0-9X])(?![0-9])/gi;
const ATM = /(?<![\d.])(\d+)\s?(?:ATM|bar)(?![A-Za-z])/gi;
const CRI = /(?:(?<![A-Za-z])Ra ?|CRI\s?(?:of\s)?|显色指数\s?(?:Ra)?\s?)(\d{2,3})|(\d{2,3})\s?CRI/gi;
const BLUETOOTH = /(?:蓝牙|bluetooth|BT)\s?(?:版本\s?)?(\d\.\d)/gi;
const SPF = /SPF\s?(\d{1,3})(\+?)/gi;
const PA_RATING = /(?<![A-Za-z])PA\s?(\+{1,4})/g;
// China's energy label: 一级能效 (best) to 五级.
const ENERGY_GRADE = /([一二三四五1-5])级能效|能效(?:等级)?\s?[:：为]?\s?([一二三四五1-5])级/g;
const ENERGY_GRADE_GATE = /能效/;
const PA_GATE = /PA\s?\+/;
const RESOLUTION = /(?<![A-Za-z0-9])(?:(\d{3,4})[pP]|([2458])K|(Full HD|FHD|QHD|WQHD|UHD|超高清))(?![A-Za-z0-9])/g;
const RESOLUTION_NAMES: Record<string, string> = {
  "full hd": "1080p",
  fhd: "1080p",
  qhd: "1440p",
  wqhd: "1440p",
  uhd: "4K",
  超高清: "4K",
};
const SIZE_LETTERS = /(?<![A-Za-z0-9])(XXS|XS|S|M|L|XL|XXL|XXXL|[2-6]XL)(?![A-Za-z0-9])/g;
const SIZE_CONTEXT = /尺码|码数|尺寸|sizes?|fits?/i;
const SIZE_OTHER = /均码|free size|one size|(?<![A-Za-z])EU ?(\d{2})(?!\d)|(?<!\d)(\d{2}(?:\.5)?)码/gi;
// Letters then digits, optionally with "-" and a letter suffix: GL-69A, XM-2024, G6, RX100.
const MODEL = /(?<![A-Za-z0-9-])([A-Z]{1,5}-?\d{1,5}[A-Z]{0,3}(?:-[A-Z0-9]{1,5})?)(?![A-Za-z0-9-])/g;
const NOT_MODELS =
  /^(?:IP[0-9X]|SPF|PA|ISO|GB|UN|USB|CCC|3C|CE|FCC|MP|PM|AM|IPX|ATM|Qi|UV|UPF|HDMI|DDR|LPDDR|UFS|WiFi|Wi)/;
// Origin said without a place: imported / domestic.
const IMPORTED = /原装进口|进口(?!处|端|管|阀)|海外直采|(?<![A-Za-z])imported(?![A-Za-z])|国产(?!化)/gi;
// A place used as a style rather than an origin: "Japanese-style", "法式", "Italian-inspired".
const STYLE_AFTER = /^(?:-?\s?(?:style|styled|inspired|type)\b|式|风|版型|风格)/i;
// Harvest: a year joined to a harvest or season word ("2024年新茶", "2025年明前春茶", "spring 2025",
// "2023 harvest"), or a season word alone (明前 tea is picked before Qingming). The normalised
// value is "year:season" with either part possibly empty.
const HARVEST_YEAR = new RegExp(
  [
    `((?:19|20)\\d{2})\\s?年\\s?(${SEASON_ALTERNATION_ZH}|新茶|新米|新麦|新果|新货|新季|采摘|采收|收获|产新)`,
    `(?:(early|late)\\s)?(spring|summer|autumn|fall|winter)[ -]((?:19|20)\\d{2})(?![0-9])`,
    `((?:19|20)\\d{2})\\s(?:(spring|summer|autumn|fall|winter)\\s)?(?:harvest|crop|vintage|flush)\\b`,
    `(?:harvested|picked|vintage|crop year)(?: in)?:?\\s((?:19|20)\\d{2})(?![0-9])`,
  ].join("|"),
  "gi",
);

// "100% cashmere", "纯羊毛", "pure silk": a claim of that material alone.
const PURE_BEFORE = /(?:100\s?%\s?|(?<![单])纯|全|pure\s|all-)$/i;
// Words that make a material mention a statement of what the product is made of.
const MADE_BEFORE =
  /(?:采用|选用|精选|甄选|优选|用料|由|材质为|材质是|面料为|面料是|材料为|made (?:entirely |wholly )?(?:from|of|with)|crafted (?:from|of|in)|constructed (?:from|of)|built (?:from|with)|machined from|forged (?:from|of)|cut from|woven from|(?:is|are) (?:made of )?(?:pure |solid |genuine |real |100% )?)\s*$/i;
const MADE_AFTER =
  /^\s*(?:材质|材料|面料|制成|制作|制造|打造|做成|整板|机身|主体|本体|内胆|construction|body|interior)/i;

// What a text must contain for the certification patterns to have a chance: capitals (CE, FCC,
// NSF…), a grade, or one of the words the other patterns start with.
const CERTIFICATION_GATE =
  /[A-Z]{2}|E[01]|3C|有机|绿色食品|无公害|地理标志|妆|国食健|蓝帽子|保健食品|械|非转基因|公平贸易|雨林联盟|能源之星|清真/;
const CERTIFICATION_WORDS =
  /organic|halal|kosher|energy star|fair ?trade|rainforest|non-?gmo|oeko|rohs|mfi|hi-res|tüv/i;
const NUMERALS = new RegExp(`[\\d${CHINESE_NUMERAL_CHARS}]`);
const NOT_INCHES_AFTER =
  /^\s+(?:the|a|an|one|your|our|their|his|her|its|this|that|these|those|each|every|stock|total|all|any|box|case|black|white|red|blue|green|grey|gray|gold|silver|pink|\d)\b/i;
// Cheap tests that a text may hold a match at all (see gatedMatches).
const IP_RATING_GATE = /ip/i;
const ATM_GATE = /atm|bar/i;
const SPF_GATE = /spf/i;
const CRI_GATE = /ra|cri|显色/i;
const BLUETOOTH_GATE = /蓝牙|bluetooth|bt/i;
const HARVEST_YEAR_GATE = /(?:19|20)\d\d/;
const FABRIC_WEIGHT_GATE = /gsm|g\/m|克\/平方米/i;
const DIMENSIONS_GATE = /\d\s?(?:cm|mm|m|in|"|)?\s?[x×*]/i;
const RESOLUTION_GATE = /\d[pPK]|HD|超高清/;
const IMPORTED_GATE = /进口|直采|imported|国产/i;
const SIZE_OTHER_GATE = /码|size|eu/i;
const SIZE_LETTERS_GATE = /[SMLX]/;
const MODEL_GATE = /[A-Z]-?\d/;

// Words around a measurement that say which attribute it is, looked for in the same clause: ~24
// characters before and ~20 after the number.
const CONTEXT: ReadonlyArray<readonly [TDim, RegExp, TAttributeKey, ((u: TUnit) => boolean)?]> = [
  [
    "time",
    /适合|适用|年龄|月龄|宝宝|婴儿|儿童|幼儿|\bages?\b|\bkids?\b|months? old|years? old|以上儿童/i,
    "age",
    (u) => u.factor >= 720,
  ],
  ["time", /保质期|shelf[ -]life|best before/i, "shelf_life"],
  [
    "time",
    /保温|保冷|保冰|insulat|keeps? (?:\w+ ){0,2}(?:cold|hot|warm|cool|ice)|holds? ice|ice retention|cold retention|heat retention/i,
    "insulation",
  ],
  ["time", /water[- ]?resist|waterproof|防水|防汗|sweat[- ]?resist/i, "water_resistance"],
  ["time", /保修|质保|包换|warranty/i, "warranty"],
  [
    "time",
    /充满|充电时间|充电(?:仅需|只需|约需|需要|需|约)?\s*$|charges? (?:fully|in)|full charge in|fast charg|快充|recharges? in/i,
    "charge_time",
  ],
  [
    "time",
    /续航|电池|充电|电量|待机|使用|播放|听歌|battery|charge|lasts?|playtime|playback|standby|runtime|listening|the case|in total|total/i,
    "battery_life",
  ],
  ["mass", /克重|重磅|面料|fabric|heavyweight|gsm/i, "fabric_weight"],
  [
    "mass",
    /承重|载重|最大负重|max(?:imum)? (?:user )?(?:weight|load)|weight (?:capacity|limit)|load capacity|holds?|supports? up to/i,
    "max_load",
  ],
  ["mass", /蛋白质?|protein/i, "protein"],
  ["mass", /糖|sugars?/i, "sugar"],
  ["mass", /脂肪|\bfat\b/i, "fat"],
  ["mass", /膳食纤维|fib(?:er|re)/i, "fibre"],
  ["mass", /钠|sodium/i, "sodium"],
  ["mass", /碳水|carbs?\b|carbohydrates?/i, "carbohydrate"],
  ["mass", /咖啡因|caffeine/i, "caffeine"],
  ["length", /续航|里程|range/i, "range", (u) => u.factor >= 100_000],
  ["length", /防摔|跌落|摔|drops?\b(?! of)|drop protection/i, "drop_height", (u) => u.factor >= 100],
  ["length", /落差|heel[- ]to[- ]toe|offset|drop/i, "heel_drop"],
  ["length", /防水|潜水|水深|water|depth/i, "water_resistance", (u) => u.factor >= 100],
  ["length", /电脑|笔记本|laptop|notebook/i, "laptop_size", (u) => u.factor === 2.54],
  ["length", /屏|screen|display|电视|TV\b|monitor|显示器/i, "screen_size", (u) => u.factor === 2.54],
  ["length", /厚|thick|thin/i, "thickness"],
  ["length", /直径|diameter|pan|锅/i, "diameter"],
  ["length", /单元|driver/i, "driver_size", (u) => u.factor === 0.1],
  ["data", /运行内存|内存|RAM\b|memory/i, "ram"],
  ["frequency", /刷新|refresh|高刷|屏|screen|display|monitor|显示器/i, "refresh_rate", (u) => u.factor === 1],
  ["pressure", /吸力|suction/i, "suction"],
];
// Quantities Chinese idioms are made of (一年四季, 四周, 十米开外); watts or mAh are never idioms.
const IDIOMATIC_DIMS = new Set<TDim>(["time", "length", "mass", "volume", "area"]);
const DEFAULT_KEY: Record<TDim, TAttributeKey> = {
  battery: "battery_capacity",
  energy: "battery_capacity",
  time: "duration",
  mass: "weight",
  length: "length",
  power: "power",
  voltage: "voltage",
  volume: "volume",
  data: "storage",
  frequency: "frequency",
  sound: "noise_level",
  pressure: "pressure",
  rotation: "rotation_speed",
  speed: "speed",
  temperature: "temperature",
  luminous: "brightness",
  area: "area",
  food_energy: "calories",
  pixels: "camera_resolution",
  dose: "dose",
};

/**
 * Finds product facts in free text: measurements with units (battery capacity, battery life,
 * weight, power, volume, lengths, water resistance as IPxx/ATM/metres, SPF, memory, refresh rate…;
 * numbers in digits or Chinese numerals), colours, materials, sizes, certifications, origins
 * (places, 进口/imported), harvest year or season, model numbers and, when `brands` are given,
 * brands. Each fact has a stable `key`, the value as written, offsets into the original text and a
 * canonical `normalized` value (numbers in the canonical `unit`). Facts do not overlap; earlier
 * kinds win.
 */
export function extractAttributes(text: string, options: TExtractOptions = {}): TAttributeFact[] {
  if (text.length === 0) return [];
  return extractAttributeFacts(normalizeWithOffsets(text), options).map(({ nStart: _s, nEnd: _e, ...f }) => f);
}

/** `extractAttributes` over text already normalised, keeping the offsets into the normalised text. */
export function extractAttributeFacts(norm: TNormalizedText, options: TExtractOptions = {}): TAttributeFactAt[] {
  const s = norm.text;
  if (s.length === 0) return [];
  const taken = new Uint8Array(s.length);
  const [waterLevels, materials, places, seasons, lengths, features, colours] = (options.dictionaryHits ??
    DICTIONARY.scan(s)) as [
    TDictionaryHit[],
    TDictionaryHit[],
    TDictionaryHit[],
    TDictionaryHit[],
    TDictionaryHit[],
    TDictionaryHit[],
    TDictionaryHit[],
  ];
  const facts: TAttributeFactAt[] = [];
  const free = (from: number, to: number): boolean => {
    for (let i = from; i < to; i++) if (taken[i]) return false;
    return true;
  };
  const add = (c: Omit<TAttributeFactAt, "start" | "end">): void => {
    if (!free(c.nStart, c.nEnd)) return;
    taken.fill(1, c.nStart, c.nEnd);
    const f = c as TAttributeFactAt;
    f.start = norm.originStart[c.nStart]!;
    f.end = norm.originEnd[c.nEnd - 1]!;
    facts.push(f);
  };
  // Consumes a span without a fact: words that contain a name but mean something else.
  const skip = (m: { index: number; 0: string }): void => {
    if (free(m.index, m.index + m[0].length)) taken.fill(1, m.index, m.index + m[0].length);
  };

  // A brand name can contain any other kind of word ("Black Diamond", "云南白药").
  for (const brand of options.brands ?? []) {
    if (!brand.trim()) continue;
    for (const m of matches(brandPattern(brand), s)) add(fact(m, "brand", brand));
  }
  for (const m of gatedMatches(IP_RATING_GATE, IP_RATING, s)) {
    const value = `IP${m[1]!.toUpperCase()}${m[2]!.toUpperCase()}`;
    add(fact(m, "water_resistance", value));
  }
  for (const m of gatedMatches(ATM_GATE, ATM, s)) add(fact(m, "water_resistance", `${m[1]}ATM`));
  for (const m of gatedMatches(SPF_GATE, SPF, s)) add({ ...fact(m, "spf", Number(m[1])), unit: "SPF" });
  for (const m of gatedMatches(ENERGY_GRADE_GATE, ENERGY_GRADE, s))
    add(fact(m, "energy_grade", String(parseNumber(m[1] ?? m[2]!))));
  // PA+ to PA++++: UVA protection grade of sunscreens.
  for (const m of gatedMatches(PA_GATE, PA_RATING, s)) add({ ...fact(m, "pa_rating", m[1]!.length), unit: "PA" });
  for (const m of gatedMatches(CRI_GATE, CRI, s)) add({ ...fact(m, "cri", Number(m[1] ?? m[2])), unit: "Ra" });
  for (const m of gatedMatches(BLUETOOTH_GATE, BLUETOOTH, s))
    add({ ...fact(m, "bluetooth_version", Number(m[1])), unit: "version" });
  for (const h of waterLevels) add({ ...fact(asMatch(h), "water_resistance", h.id), unit: "level" });
  if (CERTIFICATION_GATE.test(s) || CERTIFICATION_WORDS.test(s)) {
    for (const [re, canonical] of CERTIFICATION_PATTERNS)
      for (const m of matches(re, s)) add(fact(m, "certification", canonical(m)));
  }
  for (const m of gatedMatches(HARVEST_YEAR_GATE, HARVEST_YEAR, s)) {
    const year = m[1] ?? m[5] ?? m[6] ?? m[8]!;
    const word = m[2] ?? (m[4] ? `${m[3] ? `${m[3]} ` : ""}${m[4]}` : m[7]);
    add(fact(m, "harvest", `${year}:${word ? (seasonOf(word) ?? "") : ""}`));
  }
  for (const m of gatedMatches(FABRIC_WEIGHT_GATE, FABRIC_WEIGHT, s))
    add({ ...fact(m, "fabric_weight", Number(m[1])), unit: "gsm" });
  for (const m of gatedMatches(DIMENSIONS_GATE, DIMENSIONS, s)) {
    const factor = DIMENSION_FACTOR[m[4]!.toLowerCase()] ?? 1;
    const dims = [m[1], m[2], m[3]].filter(Boolean).map((x) => round(Number(x) * factor));
    add({ ...fact(m, "dimensions", dims.join("x")), unit: "cm" });
  }
  for (const m of gatedMatches(RESOLUTION_GATE, RESOLUTION, s)) {
    add(fact(m, "resolution", m[1] ? `${m[1]}p` : m[2] ? `${m[2]}K` : RESOLUTION_NAMES[m[3]!.toLowerCase()]!));
  }
  // Materials before measurements: "316L不锈钢" is a steel grade, not 316 litres.
  for (const h of materials) {
    const [m, id, surface] = [asMatch(h), h.id, h.surface];
    // "silicone-free", "无PU": a claim that the material is absent, not that it is used.
    if (
      id === "_skip" ||
      /^[- ]?free\b/i.test(s.slice(m.index + m[0].length, m.index + m[0].length + 6)) ||
      /(?:无|不含|零)$/.test(s.slice(Math.max(0, m.index - 2), m.index))
    ) {
      skip(m);
      continue;
    }
    const f = fact(m, "material", id);
    const after = s.slice(m.index + m[0].length, m.index + m[0].length + 12);
    const part = PART_AFTER.exec(after)?.[0].trim();
    const made = MADE_BEFORE.test(clauseBefore(s, m.index, 24)) || MADE_AFTER.test(after);
    add({
      ...f,
      ...(PURE_MATERIAL_SURFACES.has(surface.toLowerCase()) ||
      PURE_BEFORE.test(s.slice(Math.max(0, m.index - 6), m.index))
        ? { qualifier: "pure" as const }
        : {}),
      ...(part ? { part } : {}),
      ...(made ? { made: true as const } : {}),
    });
  }
  // A temperature below zero a product is said to perform at (零下30度依然温暖, "warm down to -20°C"):
  // the sign matters, and 零下 needs no unit.
  for (const m of gatedMatches(BELOW_ZERO_GATE, BELOW_ZERO, s)) {
    const num = parseNumber(m[1] ?? m[2]!);
    if (!Number.isFinite(num) || num <= 0) continue;
    add({ ...fact(m, "temperature", -num), unit: "°C" });
  }
  for (const m of gatedMatches(NUMERALS, MEASURE, s)) {
    const u = UNITS[m[2]!.toLowerCase()];
    // An upper-case "G" after a number is a network generation ("5G"), not grams.
    if (!u || m[2] === "G") continue;
    const chinese = !/\d/.test(m[1]!);
    // A Chinese numeral goes with Chinese units only ("三W" is not written); 转 needs digits.
    if (chinese && (!u.cjk || u.dim === "rotation")) continue;
    // "2 in the box", "5 in stock": the preposition, not inches.
    if (
      u.factor === 2.54 &&
      /^in$/i.test(m[2]!) &&
      NOT_INCHES_AFTER.test(s.slice(m.index + m[0].length, m.index + m[0].length + 12))
    )
      continue;
    const num = parseNumber(m[1]!);
    if (!Number.isFinite(num) || (chinese && num <= 0)) continue;
    // "2024年" is a year and "90年代" a decade, not durations.
    if (u.unit === "h" && u.factor === 8760 && (num >= 1900 || s[m.index + m[0].length] === "代")) continue;
    const key = measurementKey(s, m.index, m.index + m[0].length, u);
    // A Chinese numeral with no attribute word around it is usually an idiom: 一年四季, 四周 (around),
    // 近两年 (lately).
    if (chinese && key === DEFAULT_KEY[u.dim] && IDIOMATIC_DIMS.has(u.dim)) continue;
    if (key === "fabric_weight") {
      add({ ...fact(m, key, round(num * u.factor * 1000)), unit: "gsm" });
      continue;
    }
    // A depth rating is a rating ("50m"); a sunscreen's water resistance is a duration.
    const depth = key === "water_resistance" && u.dim === "length";
    const value = depth ? `${round(num * (u.factor / 100))}m` : round(num * u.factor);
    add({ ...fact(m, key, value), unit: depth ? "m" : u.unit });
  }
  for (const h of places) {
    const [m, id] = [asMatch(h), h.id];
    if (id === "_skip" || STYLE_AFTER.test(s.slice(m.index + m[0].length, m.index + m[0].length + 10))) {
      skip(m);
      continue;
    }
    add(fact(m, "origin", id));
  }
  for (const m of gatedMatches(IMPORTED_GATE, IMPORTED, s))
    add(fact(m, "origin", m[0].startsWith("国产") ? "domestic" : "imported"));
  for (const h of seasons) add(fact(asMatch(h), "harvest", `:${h.id}`));
  for (const h of lengths) add(fact(asMatch(h), "garment_length", h.id));
  for (const h of features) {
    const [m, id] = [asMatch(h), h.id];
    const negated = NEGATION_BEFORE.test(s.slice(Math.max(0, m.index - 8), m.index));
    add(fact(m, id as TAttributeKey, negated ? "no" : "yes"));
  }
  for (const h of colours) {
    const [m, id] = [asMatch(h), h.id];
    // Black/white/green tea, white noise, blue light, silver-ion fibres and 透明质酸 (hyaluronic acid) are not colours.
    const after = s.slice(m.index + m[0].length, m.index + m[0].length + 12);
    if (NOT_A_COLOUR_AFTER.test(after) || (id === "clear" && s[m.index - 1] === "半")) continue;
    // The colour of a part or a trim ("银色圆环", "black buttons") is not the product's.
    const part = PART_AFTER.exec(after)?.[0].trim();
    add({ ...fact(m, "colour", id), ...(part ? { part } : {}) });
  }
  for (const m of gatedMatches(SIZE_OTHER_GATE, SIZE_OTHER, s)) {
    const size = m[1] ?? m[2] ?? "one size";
    add(fact(m, "size", size));
  }
  for (const m of gatedMatches(SIZE_LETTERS_GATE, SIZE_LETTERS, s)) {
    // A lone capital letter is only a size when the sentence talks about sizes.
    const around = s.slice(Math.max(0, m.index - 20), m.index + 20);
    if (m[1]!.length === 1 && !SIZE_CONTEXT.test(around)) continue;
    add(fact(m, "size", m[1]!));
  }
  for (const m of gatedMatches(MODEL_GATE, MODEL, s)) {
    const model = m[1]!;
    if (!/\d/.test(model) || NOT_MODELS.test(model)) continue;
    add(fact(m, "model", model));
  }

  facts.sort((a, b) => a.start - b.start || a.end - b.end);
  return facts;
}

// Brands come from a product's attributes, so the same few recur across a catalog.
const BRAND_PATTERNS = new Map<string, RegExp>();
function brandPattern(brand: string): RegExp {
  let re = BRAND_PATTERNS.get(brand);
  if (!re) {
    const latin = /[A-Za-z]/.test(brand);
    re = new RegExp(latin ? `(?<![A-Za-z0-9])${escape(brand)}(?![A-Za-z0-9])` : escape(brand), latin ? "gi" : "g");
    if (BRAND_PATTERNS.size > 10_000) BRAND_PATTERNS.clear();
    BRAND_PATTERNS.set(brand, re);
  }
  return re;
}

// Facts get their original offsets once accepted; they carry the fields from the start so that
// every fact has one shape.
function fact(
  m: { index?: number; 0: string },
  key: TAttributeKey,
  normalized: string | number,
): Omit<TAttributeFactAt, "start" | "end"> & { start: number; end: number } {
  const nStart = m.index ?? 0;
  return { key, value: m[0], start: 0, end: 0, normalized, nStart, nEnd: nStart + m[0].length };
}

const round = (x: number): number => Math.round(x * 1e6) / 1e6;

// The clause around a number: context words across a comma or full stop describe something else
// ("尺寸为1.8m×2m，厚22cm" — 厚 is not about 2m).
const CLAUSE_BREAKS = new Uint8Array(65536);
for (const c of "，,;；。!！?？\n") CLAUSE_BREAKS[c.charCodeAt(0)] = 1;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
// "." ends a sentence when a space or the end follows it (not in "1.5 kg" or "U.S.").
const isBreak = (s: string, i: number): boolean => {
  const c = s.charCodeAt(i);
  if (c === 46) return i + 1 >= s.length || s.charCodeAt(i + 1) === 32 || s.charCodeAt(i + 1) === 10;
  return CLAUSE_BREAKS[c] === 1;
};
function clauseBefore(s: string, start: number, width: number): string {
  const from = Math.max(0, start - width);
  for (let i = start - 1; i >= from; i--) if (isBreak(s, i)) return s.slice(i + 1, start);
  return s.slice(from, start);
}
function clauseAfter(s: string, end: number, width: number): string {
  const to = Math.min(s.length, end + width);
  for (let i = end; i < to; i++) {
    const c = s.charCodeAt(i);
    // A thousands separator between digits is not a clause break.
    if (isBreak(s, i) && !(c === 44 && isDigit(s.charCodeAt(i - 1)) && isDigit(s.charCodeAt(i + 1))))
      return s.slice(end, i);
  }
  return s.slice(end, to);
}

// A regimen's verb right before a duration ("坚持使用28天", "连续服用30天", "use for 4 weeks") makes it
// a usage period, not a battery life, unless the clause speaks of a battery or a charge.
const USAGE_PERIOD_BEFORE =
  /(?:坚持|连续|持续)(?:使用|服用|食用|饮用|涂抹|敷用|用)?\s*$|(?:服用|食用|饮用|涂抹|敷用)\s*$|\b(?:use|using|take|taking|apply|applying|wear|wearing)\s+(?:it\s+|them\s+|daily\s+|regularly\s+)?for\s+(?:at least\s+|about\s+)?$/i;
const BATTERY_WORDS = /续航|电池|充电|充满|满电|一次充|电量|待机|battery|charge|playtime|standby|runtime/i;

function measurementKey(s: string, start: number, end: number, u: TUnit): TAttributeKey {
  const before = clauseBefore(s, start, 24);
  const after = clauseAfter(s, end, 20);
  if (u.dim === "time" && USAGE_PERIOD_BEFORE.test(before) && !BATTERY_WORDS.test(before + after)) return "duration";
  for (const [dim, re, key, applies] of CONTEXT) {
    if (dim !== u.dim) continue;
    // The nearer side decides first: words before the number, then the few words after it.
    if ((re.test(before) || re.test(after)) && (!applies || applies(u))) return key;
  }
  return DEFAULT_KEY[u.dim];
}

// The word lists, matched in one pass (see attribute-dictionary.ts). A season word alone is a
// harvest only in Chinese or as a phrase: "spring" and "fall" alone are not. Callers that scan more
// lists of their own put these first in one dictionary and pass the hits in (`dictionaryHits`).
export const EXTRACTOR_WORD_LISTS: ReadonlyArray<Readonly<Record<string, readonly string[]>>> = [
  WATER_LEVEL_SURFACES,
  MATERIAL_SURFACES,
  { ...PLACE_SURFACES, _skip: [...NOT_ORIGIN_SURFACES, "新会员"] },
  Object.fromEntries(
    Object.entries(HARVEST_SEASON_SURFACES).map(([id, list]) => [
      id,
      list.filter((w) => /[\u4e00-\u9fff]|[ -]/.test(w)),
    ]),
  ),
  GARMENT_LENGTH_SURFACES,
  FEATURE_SURFACES,
  COLOUR_SURFACES,
];
const DICTIONARY = buildDictionary(EXTRACTOR_WORD_LISTS);
const asMatch = (h: TDictionaryHit): { index: number; 0: string } => ({ index: h.start, 0: h.surface });
