import { extractAttributes, type TAttributeFact, type TAttributeKey } from "./attribute-extractor.js";
import { isWeave, relateMaterials } from "./attribute-materials.js";
import { parseNumber } from "./attribute-numbers.js";
import { countryOf, relatePlaces } from "./attribute-places.js";
import { SEASON_PARENT } from "./attribute-vocabulary.js";

export type TComparisonStatus = "agree" | "contradict" | "only_in_text" | "only_in_attributes";
export type TAttributeComparison = {
  status: TComparisonStatus;
  /** The stable key (TAttributeKey), or the structured name as given when it has none. */
  key: string;
  /** The fact found in the text (absent for only_in_attributes). */
  fact?: TAttributeFact;
  /** The structured attribute the fact was compared with (its original name and value). */
  attribute?: { name: string; value: unknown };
};

/** A fact read from a structured value, with the bounds the value puts on it. */
export type TValueFact = TAttributeFact & {
  /** "max": an upper bound ("up to 10 h", "最长14天"); "min": a lower bound ("6岁以上", "50+"). */
  bound?: "max" | "min";
  /** Both ends of a range ("0-6个月", "21-36㎡"), in the fact's unit. */
  range?: readonly [number, number];
};

/** A structured attribute read once: its stable key, its text and the facts its value states. */
export type TIndexedAttribute = {
  name: string;
  value: unknown;
  key: TAttributeKey | null;
  /** The name, lower-cased, "_" and "-" as spaces. */
  lname: string;
  /** The value as text, lower-cased (lists joined with "、"). */
  text: string;
  facts: TValueFact[];
  /** Yes/no values: 支持/有/true → "yes", 无/不支持/none/false → "no". */
  polarity: "yes" | "no" | null;
};

// Structured attribute names (lower-cased, zh and en) → stable keys. Ambiguous names such as
// 容量/capacity/battery are resolved by what their value measures (mAh → battery_capacity,
// L → volume, hours → battery_life).
const KEY_NAMES: Record<string, readonly string[]> = {
  battery_capacity: ["电池容量", "battery capacity"],
  battery_life: ["续航", "续航时间", "电池续航", "battery life", "playtime", "runtime"],
  charge_time: ["充电时间", "charging time", "charge time"],
  shelf_life: ["保质期", "shelf life"],
  warranty: ["保修", "质保", "warranty"],
  water_resistance: ["防水", "防水等级", "water resistance", "waterproof", "water rating", "ip rating"],
  weight: [
    "重量",
    "净重",
    "单耳重量",
    "单只重量",
    "毛重",
    "weight",
    "net weight",
    "weight per earbud",
    "weight per shoe",
  ],
  fabric_weight: ["克重", "fabric weight"],
  power: ["功率", "输出功率", "额定功率", "power", "output power", "rated power"],
  voltage: ["电压", "voltage"],
  volume: ["容积", "volume"],
  screen_size: ["屏幕尺寸", "屏幕", "screen size", "display size"],
  laptop_size: ["适用电脑尺寸", "laptop size"],
  drop_height: ["防摔高度", "drop protection", "drop height"],
  thickness: ["厚度", "thickness"],
  diameter: ["直径", "diameter"],
  heel_drop: ["前后掌落差", "drop", "heel drop"],
  driver_size: ["发声单元", "driver", "driver size"],
  dimensions: ["尺寸", "dimensions", "外形尺寸"],
  spf: ["spf", "防晒指数"],
  colour: ["颜色", "色彩", "颜色分类", "colour", "color"],
  material: [
    "材质",
    "面料",
    "主要材质",
    "表壳材质",
    "表带材质",
    "外壳材质",
    "鞋面材质",
    "中底材质",
    "涂层",
    "锅身材质",
    "material",
    "materials",
    "fabric",
    "case material",
    "strap material",
    "shell material",
    "upper",
    "uppers",
    "midsole",
    "sole",
    "outsole",
    "lining",
    "strap",
    "frame",
    "outer",
    "shell",
    "filling",
    "鞋面",
    "鞋底",
    "大底",
    "内里",
    "里料",
    "表带",
    "外层",
    "内胆",
    "框架",
    "填充物",
    "coating",
  ],
  size: ["尺码", "码数", "size", "sizes"],
  certification: ["认证", "证书", "certification", "certifications"],
  origin: ["产地", "原产地", "产区", "origin", "country of origin", "made in"],
  harvest: ["采摘季节", "采摘时间", "采摘期", "产季", "harvest", "harvest year", "vintage", "crop year"],
  model: ["型号", "货号", "款号", "model", "model number", "style number"],
  brand: ["品牌", "brand"],
  garment_length: ["裙长", "衣长", "length", "dress length", "skirt length"],
  carbon_plate: ["碳板", "carbon plate"],
  noise_cancelling: ["主动降噪", "降噪", "noise cancelling", "noise cancellation", "anc"],
  magnetic: ["磁吸", "magnetic", "magsafe"],
  auto_shut_off: ["自动断电", "auto shut-off", "automatic shut-off"],
  fragrance_free: ["无香精", "fragrance-free", "fragrance free", "unscented"],
  cri: ["显色指数", "cri", "colour rendering index", "color rendering index"],
  bluetooth_version: ["蓝牙版本", "bluetooth version", "bluetooth"],
};
// Names no list holds ("单次续航", "充电功率", "max_user_weight", "protein_per_serving") by the
// words in them; the first rule that matches wins, so specific words come before general ones.
const NAME_RULES: ReadonlyArray<readonly [RegExp, TAttributeKey]> = [
  [/续航|待机|battery life|run ?time|play ?time|listening time/, "battery_life"],
  [/保温|保冷|保冰|insulat|cold retention|heat retention|ice retention|keeps? (?:cold|hot|ice)/, "insulation"],
  [/电池容量|battery capacity|mah/, "battery_capacity"],
  [/充电时间|充满时间|charg(?:e|ing) time/, "charge_time"],
  [/功率|wattage|power|output/, "power"],
  [/防水|water ?(?:resist|proof|rating)|ip ?rating|ip等级/, "water_resistance"],
  [/承重|载重|负重|max(?:imum)? (?:user )?(?:weight|load)|load|weight (?:capacity|limit)/, "max_load"],
  [/材质|材料|面料|面材|填充|material|fabric|upholstery|filling|\bwax\b/, "material"],
  [/色温|colou?r temp/, "cri"],
  [/颜色|色彩|colou?r/, "colour"],
  [/产地|原产|产区|出产|生产地|origin|made in|country of (?:manufacture|production)/, "origin"],
  [/采摘|harvest|vintage|crop year|产季|年份|生产年份/, "harvest"],
  [/认证|证书|注册证|备案|批准文号|certif/, "certification"],
  [/蛋白|protein/, "protein"],
  [/糖|sugar/, "sugar"],
  [/脂肪|\bfat\b/, "fat"],
  [/钠|sodium/, "sodium"],
  [/碳水|carb/, "carbohydrate"],
  [/咖啡因|caffeine/, "caffeine"],
  [/热量|能量|卡路里|calorie|kcal/, "calories"],
  [/净含量|净重|重量|net (?:wt|weight|content)|weight/, "weight"],
  [/屏幕|screen|display/, "screen_size"],
  [/像素|megapixel|camera/, "camera_resolution"],
  [/能效/, "energy_grade"],
  [/分辨率|resolution|video/, "resolution"],
  [/刷新率|refresh/, "refresh_rate"],
  [/运行内存|内存|\bram\b|memory/, "ram"],
  [/存储|storage|\brom\b|ssd/, "storage"],
  [/保质期|shelf life|best before/, "shelf_life"],
  [/保修|质保|warranty/, "warranty"],
  [/年龄|月龄|\bages?\b/, "age"],
  [/吸力|suction/, "suction"],
  [/转速|rpm/, "rotation_speed"],
  [/速度|speed/, "speed"],
  [/温度|温标|temperature|comfort (?:rating|limit)|(?:lower |extreme )?limit rating|\brated to\b/, "temperature"],
  [/亮度|brightness|lumen/, "brightness"],
  [/面积|\barea\b|coverage/, "area"],
  [/厚度|thickness/, "thickness"],
  [/直径|diameter/, "diameter"],
  [/电压|voltage/, "voltage"],
  [/防晒|spf/, "spf"],
  [/显色/, "cri"],
  [/型号|货号|款号|model number|\bmodel\b|\bsku\b/, "model"],
  [/品牌|brand/, "brand"],
];
// Structured yes/no values in both languages.
const YES = new Set(["true", "yes", "是", "有", "支持", "带", "built-in", "built in", "included", "内置", "标配"]);
const NO = new Set([
  "false",
  "no",
  "否",
  "无",
  "不支持",
  "不带",
  "none",
  "none listed",
  "n/a",
  "not included",
  "暂无",
  "未认证",
  "无认证",
]);
const AMBIGUOUS = new Set(["容量", "capacity", "净含量", "net content", "net contents", "电池", "battery"]);
const NAME_TO_KEY = new Map<string, TAttributeKey>();
for (const [key, names] of Object.entries(KEY_NAMES)) for (const n of names) NAME_TO_KEY.set(n, key as TAttributeKey);

const cleanName = (name: string): string => name.trim().toLowerCase().replace(/[_-]+/g, " ");

/** The stable key of a structured attribute name, or null when it is not one we compare. */
export function attributeKeyOf(name: string, value?: unknown): TAttributeKey | null {
  const n = cleanName(name);
  const known = NAME_TO_KEY.get(n);
  if (known) return known;
  if (AMBIGUOUS.has(n)) {
    const measured = valueFacts(value, null).find((f) => typeof f.normalized === "number");
    if (measured?.unit === "mAh" || measured?.unit === "Wh") return "battery_capacity";
    if (measured?.unit === "h") return "battery_life";
    if (measured?.unit === "L") return "volume";
    if (measured?.unit === "kg") return "weight";
    return null;
  }
  for (const [re, key] of NAME_RULES) if (re.test(n)) return key;
  return null;
}

/** Reads structured attributes once: keys, texts, facts with their bounds, yes/no values. */
export function indexAttributes(structured: Readonly<Record<string, unknown>>): TIndexedAttribute[] {
  return Object.entries(structured).map(([name, value]) => {
    const key = attributeKeyOf(name, value);
    const text = textValues(value).join("、").toLowerCase();
    const flat = text.trim();
    return {
      name,
      value,
      key,
      lname: cleanName(name),
      text,
      facts: key === "brand" || key === "model" ? [] : valueFacts(value, key),
      polarity: YES.has(flat) ? "yes" : NO.has(flat) ? "no" : null,
    };
  });
}

// Numbers agree within 2 % (rounding in copy: "约1.5kg" for 1.48 kg) or a tiny absolute slack.
const RELATIVE_TOLERANCE = 0.02;
const ABSOLUTE_TOLERANCE = 1e-6;
const EXACT_UNITS = new Set(["version", "SPF", "Ra", "PA"]);
// Keys whose facts are claims of presence, where a value the attributes lack is not a contradiction.
const PRESENCE_KEYS = new Set<string>(["certification", "model"]);

/**
 * Compares facts extracted from a product's copy with its structured attributes. For each fact:
 * `agree` when an attribute with the same stable key holds the same value (numbers converted to
 * one unit and within the attribute's range or bound, colours by canonical id, materials and
 * places when the attribute's is the same or a kind of the claimed one); `contradict` when such
 * attributes exist, hold values of the same kind and none fits; `only_in_text` otherwise.
 * Attributes no fact was compared with come last as `only_in_attributes`.
 */
export function compareAttributes(
  extracted: readonly TAttributeFact[],
  structured: Readonly<Record<string, unknown>>,
): TAttributeComparison[] {
  const indexed = indexAttributes(structured);
  const byKey = new Map<string, TIndexedAttribute[]>();
  for (const a of indexed) {
    if (!a.key) continue;
    const list = byKey.get(a.key) ?? [];
    list.push(a);
    byKey.set(a.key, list);
  }

  const used = new Set<string>();
  const out: TAttributeComparison[] = [];
  for (const fact of extracted) {
    const candidates = byKey.get(fact.key) ?? [];
    const verdict = judgeFact(fact, candidates);
    if (verdict.attribute) used.add(verdict.attribute.name);
    // Every attribute of the key was looked at; a contradiction or agreement "mentions" them all.
    if (verdict.status !== "only_in_text") for (const c of candidates) used.add(c.name);
    out.push({
      status: verdict.status,
      key: fact.key,
      fact,
      ...(verdict.attribute ? { attribute: { name: verdict.attribute.name, value: verdict.attribute.value } } : {}),
    });
  }
  for (const a of indexed) {
    if (used.has(a.name)) continue;
    out.push({ status: "only_in_attributes", key: a.key ?? a.name, attribute: { name: a.name, value: a.value } });
  }
  return out;
}

export type TFactJudgement = {
  status: "agree" | "contradict" | "only_in_text";
  /** The attribute that agrees or disagrees. */
  attribute?: TIndexedAttribute;
  /** The value fact of that attribute. */
  valueFact?: TValueFact;
  /** For only_in_text: the claim is a narrower kind of what the attribute says (埃及棉 for 棉, 五常 for 黑龙江). */
  narrower?: boolean;
};

/** Judges one fact against the attributes that carry its key (see `compareAttributes`). */
export function judgeFact(fact: TAttributeFact, candidates: readonly TIndexedAttribute[]): TFactJudgement {
  if (candidates.length === 0) return { status: "only_in_text" };

  if (fact.key === "brand" || fact.key === "model") {
    const same = candidates.find((c) =>
      textValues(c.value).some((v) => loose(v) === loose(String(fact.normalized ?? fact.value))),
    );
    if (same) return { status: "agree", attribute: same };
    return fact.key === "brand" ? { status: "contradict", attribute: candidates[0]! } : { status: "only_in_text" };
  }
  // A material said of a part ("silicone utensils") is judged only against attributes of that part.
  const pool = fact.part ? candidates.filter((c) => c.lname.includes(fact.part!.toLowerCase())) : candidates;
  // Values of the same kind as the fact, from every attribute of that key.
  const comparable = pool.flatMap((c) => c.facts.filter((f) => comparableKind(fact, f)).map((f) => ({ c, f })));
  if (comparable.length === 0) return { status: "only_in_text" };

  if (fact.key === "material" || fact.key === "origin" || fact.key === "harvest") {
    let narrower: (typeof comparable)[number] | undefined;
    let conflict: (typeof comparable)[number] | undefined;
    for (const x of comparable) {
      let r = relate(fact, x.f);
      if (fact.key === "material") r = materialRelation(fact, x.f, r, x.c.lname);
      if (r === "same") {
        // "纯棉" (pure cotton) against "棉+涤纶": cotton is there, but not alone.
        if (fact.qualifier === "pure" && comparable.some((y) => y.c === x.c && relate(fact, y.f) === "conflict")) {
          return { status: "contradict", attribute: x.c, valueFact: x.f };
        }
        return { status: "agree", attribute: x.c, valueFact: x.f };
      }
      if (r === "narrower") narrower ??= x;
      else if (r === "conflict") conflict ??= x;
    }
    // "纯银" against "合金镀银": a claim of one material alone, and the data names another.
    if (conflict && fact.qualifier === "pure")
      return { status: "contradict", attribute: conflict.c, valueFact: conflict.f };
    if (narrower) return { status: "only_in_text", attribute: narrower.c, valueFact: narrower.f, narrower: true };
    if (conflict) return { status: "contradict", attribute: conflict.c, valueFact: conflict.f };
    return { status: "only_in_text" };
  }

  const match = comparable.find(({ f }) => sameValue(fact, f));
  if (match) return { status: "agree", attribute: match.c, valueFact: match.f };
  // Presence claims cannot be contradicted by a list that lacks them.
  if (PRESENCE_KEYS.has(fact.key)) return { status: "only_in_text" };
  return { status: "contradict", attribute: comparable[0]!.c, valueFact: comparable[0]!.f };
}

// Names of the product's own material, as opposed to a part's (表带材质, strap material).
const GENERIC_MATERIAL_NAMES = new Set([
  "材质",
  "主要材质",
  "面料",
  "材料",
  "material",
  "materials",
  "main material",
  "fabric",
  "upholstery",
]);

// Materials of different families can describe different parts, unless the copy says the product
// is made of one and the attribute names the product's material (真皮 vs 材质: 涤纶). A weave never
// disagrees with a fibre (牛仔布 and 棉), and two weaves disagree only when the copy says the product
// is made of one.
function materialRelation(
  fact: TAttributeFact,
  data: TAttributeFact,
  r: "same" | "narrower" | "conflict" | "unrelated",
  attributeName: string,
): "same" | "narrower" | "conflict" | "unrelated" {
  const claimedWeave = isWeave(String(fact.normalized));
  const dataWeave = isWeave(String(data.normalized));
  if (claimedWeave !== dataWeave) return r === "same" || r === "narrower" ? r : "unrelated";
  if (claimedWeave && r === "conflict" && !fact.made) return "unrelated";
  // The material of the part the copy names (实木框架 vs 框架: 金属) speaks for that part as 材质 does for the whole.
  const ofPart = fact.part !== undefined && attributeName.includes(fact.part.toLowerCase());
  if (r === "unrelated" && (fact.made || ofPart) && (GENERIC_MATERIAL_NAMES.has(attributeName) || ofPart))
    return "conflict";
  return r;
}

/** How a claimed material, place or harvest relates to one the data gives. */
function relate(claimed: TAttributeFact, data: TAttributeFact): "same" | "narrower" | "conflict" | "unrelated" {
  const a = String(claimed.normalized);
  const b = String(data.normalized);
  if (claimed.key === "material") return relateMaterials(a, b);
  if (claimed.key === "origin") return relateOrigins(a, b);
  return relateHarvests(a, b);
}

// 进口 (imported) is true of any place abroad and false of one in China; 国产 the reverse.
function relateOrigins(claimed: string, data: string): "same" | "narrower" | "conflict" | "unrelated" {
  const abroad = (p: string): boolean | null =>
    p === "imported" ? true : p === "domestic" ? false : countryOf(p) !== "cn";
  if (claimed === "imported" || claimed === "domestic" || data === "imported" || data === "domestic") {
    if (claimed === data) return "same";
    const a = abroad(claimed);
    const b = abroad(data);
    if (claimed === "imported" || claimed === "domestic") return a === b ? "same" : "conflict";
    // A named place against "imported": right side of the border, but which place the data does not say.
    return a === b ? "narrower" : "conflict";
  }
  const r = relatePlaces(claimed, data);
  return r === "different" ? "conflict" : r;
}

// "year:season"; a part missing on either side is not compared.
function relateHarvests(claimed: string, data: string): "same" | "narrower" | "conflict" | "unrelated" {
  const [cy = "", cs = ""] = claimed.split(":");
  const [dy = "", ds = ""] = data.split(":");
  let shared = false;
  let narrower = false;
  if (cy && dy) {
    if (cy !== dy) return "conflict";
    shared = true;
  }
  if (cs && ds) {
    const up = (s: string): string[] => [s, ...(SEASON_PARENT[s] ? [SEASON_PARENT[s]] : [])];
    if (up(ds).includes(cs)) shared = true;
    else if (up(cs).includes(ds)) narrower = true;
    else return "conflict";
  }
  if (narrower) return "narrower";
  return shared ? "same" : "unrelated";
}

function comparableKind(a: TAttributeFact, b: TAttributeFact): boolean {
  if (typeof a.normalized === "number" || typeof b.normalized === "number") {
    return typeof a.normalized === "number" && typeof b.normalized === "number" && a.unit === b.unit;
  }
  // Water levels in words ("防泼水") compare with levels only, ratings (IP68, 5ATM, 50m) with ratings.
  if (a.key === "water_resistance")
    return b.key === "water_resistance" && (a.unit === "level") === (b.unit === "level");
  return a.key === b.key;
}

/** Whether a claimed value fits a value fact: equal within tolerance, inside its range, within its bound. */
export function sameValue(a: TAttributeFact, b: TValueFact): boolean {
  if (typeof a.normalized === "number" && typeof b.normalized === "number") {
    const x = a.normalized;
    // Versions and indices are exact: Bluetooth 5.3 is not 5.4, SPF 30 is not 31.
    const exact = a.unit !== undefined && EXACT_UNITS.has(a.unit);
    const close = (p: number, q: number): boolean =>
      Math.abs(p - q) <= ABSOLUTE_TOLERANCE ||
      (!exact && Math.abs(p - q) <= RELATIVE_TOLERANCE * Math.max(Math.abs(p), Math.abs(q)));
    if (close(x, b.normalized)) return true;
    const slack = exact ? ABSOLUTE_TOLERANCE : RELATIVE_TOLERANCE * Math.abs(x);
    if (b.range) return x >= b.range[0] - slack && x <= b.range[1] + slack;
    if (b.bound === "max") return x <= b.normalized + slack;
    if (b.bound === "min") return x >= b.normalized - slack;
    return false;
  }
  if (a.key === "water_resistance") return waterDepth(a) === waterDepth(b);
  return String(a.normalized ?? a.value).toLowerCase() === String(b.normalized ?? b.value).toLowerCase();
}

// 1 ATM ≈ 10 m of static pressure, so "5ATM" and "50m" state the same rating; IP codes stay codes.
function waterDepth(f: TAttributeFact): string {
  const v = String(f.normalized);
  const atm = /^(\d+)ATM$/.exec(v);
  if (atm) return `${Number(atm[1]) * 10}m`;
  return v;
}

const loose = (s: string): string => s.toLowerCase().replace(/[\s\-_]/g, "");

const FEATURE_KEYS = new Set<string>([
  "carbon_plate",
  "noise_cancelling",
  "magnetic",
  "auto_shut_off",
  "fragrance_free",
]);
// Attributes whose value is often a bare number, with the unit the text's facts carry.
const BARE_NUMBER_UNITS: Record<string, string> = { spf: "SPF", cri: "Ra", bluetooth_version: "version" };

function textValues(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(textValues);
  if (typeof value === "boolean") return [String(value)];
  if (typeof value === "string") return [value];
  if (typeof value === "number") return [String(value)];
  return [];
}

// Words before a number that make it an upper bound, and after it a lower bound.
const MAX_BEFORE =
  /(?:up to|upto|max(?:imum)?\.?|as much as|at most|最长|最高|最多|最大|长达|高达|可达|达|至多|不超过|≤|<=)\s*$/i;
const MIN_BEFORE = /(?:at least|min(?:imum)?\.?|最少|至少|不低于|≥|>=)\s*$/i;
const MIN_AFTER = /^\s*(?:以上|及以上|\+|or more|and up|plus)/i;
const RANGE_BEFORE = /(\d+(?:\.\d+)?)\s*(?:-|–|—|~|～|到|至|to)\s*$/i;

// A structured value read with the same extractor as the copy, so both sides normalise alike.
// Bare values take their meaning from the attribute: SPF "50" is a number, sizes are listed bare
// ("39", "M"). Measurements take the attribute's key when it is one of theirs (屏幕: 1.43英寸 is a
// screen size), and carry the range or bound the value puts on them.
// Catalogs repeat attribute values ("黑色", "14天", "304不锈钢") across thousands of products: each
// value is read once per key. The facts are shared, so nothing may change them.
const VALUE_FACTS = new Map<string, TValueFact[]>();
const VALUE_FACTS_MAX = 50_000;

function valueFacts(value: unknown, key: TAttributeKey | null): TValueFact[] {
  return textValues(value).flatMap((v) => {
    const cacheKey = `${key ?? ""}\u0000${v}`;
    let facts = VALUE_FACTS.get(cacheKey);
    if (!facts) {
      facts = readValue(v, key);
      if (VALUE_FACTS.size >= VALUE_FACTS_MAX) VALUE_FACTS.clear();
      VALUE_FACTS.set(cacheKey, facts);
    }
    return facts;
  });
}

function readValue(v: string, key: TAttributeKey | null): TValueFact[] {
  if (key && FEATURE_KEYS.has(key)) {
    const flag = YES.has(v.trim().toLowerCase()) ? "yes" : NO.has(v.trim().toLowerCase()) ? "no" : null;
    if (flag) return [{ key, value: v, start: 0, end: v.length, normalized: flag }];
  }
  const facts: TValueFact[] = extractAttributes(v).map((f) => bounded(v, f));
  // An energy-label attribute says its grade alone: "一级", "1级".
  if (key === "energy_grade" && !facts.some((f) => f.key === "energy_grade")) {
    const grade = /([一二三四五1-5])\s?级/.exec(v);
    if (grade) return [{ key, value: v, start: 0, end: v.length, normalized: String(parseNumber(grade[1]!)) }];
  }
  // A harvest attribute says its year and season tersely: "2019年", "2023年秋", "autumn 2025".
  if (key === "harvest" && !facts.some((f) => f.key === "harvest")) {
    const year = /(?:19|20)\d{2}/.exec(v)?.[0] ?? "";
    const season = /春|spring/i.test(v)
      ? "spring"
      : /夏|summer/i.test(v)
        ? "summer"
        : /秋|autumn|fall/i.test(v)
          ? "autumn"
          : /冬|winter/i.test(v)
            ? "winter"
            : "";
    if (year || season) return [{ key, value: v, start: 0, end: v.length, normalized: `${year}:${season}` }];
  }
  // Two measurements joined by a range mark ("9个月-12岁") bound each other.
  for (let i = 1; i < facts.length; i++) {
    const [p, q] = [facts[i - 1]!, facts[i]!];
    if (typeof p.normalized !== "number" || typeof q.normalized !== "number" || p.unit !== q.unit) continue;
    if (!/^\s*(?:-|–|—|~|～|到|至|to)\s*$/i.test(v.slice(p.end, q.start))) continue;
    const range = [Math.min(p.normalized, q.normalized), Math.max(p.normalized, q.normalized)] as const;
    facts[i - 1] = { ...p, range };
    facts[i] = { ...q, range };
  }
  // A bare depth under a water-resistance name ("防水: 50米") is a rating, not a length.
  if (key === "water_resistance") {
    return facts.map((f) =>
      f.key === "length" && typeof f.normalized === "number"
        ? { ...f, key, normalized: `${f.normalized / 100}m`, unit: "m" }
        : f,
    );
  }
  if (facts.length) return facts.map((f) => (key && keyFits(key, f) ? { ...f, key } : f));
  const bare = /^\s*(\d+(?:\.\d+)?)\+?\s*$/.exec(v);
  const bareUnit = key ? BARE_NUMBER_UNITS[key] : undefined;
  if (bare && key && bareUnit)
    return [{ key, value: v, start: 0, end: v.length, normalized: Number(bare[1]), unit: bareUnit }];
  if (key === "size" && v.trim()) return [{ key, value: v, start: 0, end: v.length, normalized: v.trim() }];
  return [];
}

// The canonical unit each measurement key is stated in.
const KEY_UNITS: Partial<Record<TAttributeKey, string>> = {
  battery_capacity: "mAh",
  battery_life: "h",
  charge_time: "h",
  shelf_life: "h",
  insulation: "h",
  warranty: "h",
  age: "h",
  weight: "kg",
  max_load: "kg",
  protein: "kg",
  sugar: "kg",
  fat: "kg",
  fibre: "kg",
  sodium: "kg",
  carbohydrate: "kg",
  caffeine: "kg",
  calories: "kcal",
  power: "W",
  voltage: "V",
  volume: "L",
  screen_size: "cm",
  laptop_size: "cm",
  thickness: "cm",
  diameter: "cm",
  heel_drop: "cm",
  driver_size: "cm",
  drop_height: "cm",
  range: "cm",
  ram: "GB",
  storage: "GB",
  refresh_rate: "Hz",
  frequency: "Hz",
  noise_level: "dB",
  suction: "Pa",
  pressure: "Pa",
  rotation_speed: "rpm",
  speed: "km/h",
  temperature: "°C",
  brightness: "lm",
  area: "m2",
  camera_resolution: "MP",
  pa_rating: "PA",
  dose: "IU",
};
const keyFits = (key: TAttributeKey, f: TAttributeFact): boolean =>
  f.key !== key && typeof f.normalized === "number" && KEY_UNITS[key] === f.unit;

function bounded(v: string, f: TAttributeFact): TValueFact {
  // PA+++ is a grade written with pluses, not "at least".
  if (typeof f.normalized !== "number" || f.unit === "PA") return f;
  const before = v.slice(Math.max(0, f.start - 16), f.start);
  const after = v.slice(f.end, f.end + 8);
  const range = RANGE_BEFORE.exec(before);
  if (range) {
    // "21-36㎡": the lower end is written bare, in the same unit as the upper one.
    const written = parseNumber(/^[\d.,]+万?|^[零〇一二两三四五六七八九十百千万]+/.exec(f.value)?.[0] ?? "");
    const factor = Number.isFinite(written) && written !== 0 ? f.normalized / written : 1;
    const lo = Number(range[1]) * factor;
    return { ...f, range: [Math.min(lo, f.normalized), Math.max(lo, f.normalized)] };
  }
  if (MAX_BEFORE.test(before)) return { ...f, bound: "max" };
  if (MIN_BEFORE.test(before) || MIN_AFTER.test(after) || f.value.trim().endsWith("+")) return { ...f, bound: "min" };
  return f;
}
