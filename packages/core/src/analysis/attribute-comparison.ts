import { extractAttributes, type TAttributeFact, type TAttributeKey } from "./attribute-extractor.js";

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

// Structured attribute names (lower-cased, zh and en) → stable keys. Ambiguous names such as
// 容量/capacity are resolved by what their value measures (mAh → battery_capacity, L → volume).
const KEY_NAMES: Record<string, readonly string[]> = {
  battery_capacity: ["电池容量", "电池", "battery capacity", "battery"],
  battery_life: ["续航", "续航时间", "电池续航", "battery life", "playtime", "runtime"],
  charge_time: ["充电时间", "charging time", "charge time"],
  shelf_life: ["保质期", "shelf life"],
  warranty: ["保修", "质保", "warranty"],
  water_resistance: ["防水", "防水等级", "water resistance", "waterproof", "water rating", "ip rating"],
  weight: ["重量", "净重", "单耳重量", "单只重量", "毛重", "weight", "net weight", "weight per earbud", "weight per shoe"],
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
    "材质", "面料", "主要材质", "表壳材质", "表带材质", "外壳材质", "鞋面材质", "中底材质", "涂层", "锅身材质",
    "material", "materials", "fabric", "case material", "strap material", "shell material", "upper", "midsole", "coating",
  ],
  size: ["尺码", "码数", "size", "sizes"],
  certification: ["认证", "证书", "certification", "certifications"],
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
// Structured yes/no values in both languages.
const YES = new Set(["true", "yes", "是", "有", "支持", "带"]);
const NO = new Set(["false", "no", "否", "无", "不支持", "不带"]);
const AMBIGUOUS = new Set(["容量", "capacity", "净含量", "net content", "net contents"]);
const NAME_TO_KEY = new Map<string, TAttributeKey>();
for (const [key, names] of Object.entries(KEY_NAMES)) for (const n of names) NAME_TO_KEY.set(n, key as TAttributeKey);

/** The stable key of a structured attribute name, or null when it is not one we compare. */
export function attributeKeyOf(name: string, value?: unknown): TAttributeKey | null {
  const n = name.trim().toLowerCase();
  const known = NAME_TO_KEY.get(n);
  if (known) return known;
  if (AMBIGUOUS.has(n)) {
    const measured = valueFacts(value, null).find((f) => typeof f.normalized === "number");
    if (measured?.unit === "mAh" || measured?.unit === "Wh") return "battery_capacity";
    if (measured?.unit === "L") return "volume";
    if (measured?.unit === "kg") return "weight";
  }
  return null;
}

// Numbers agree within 2 % (rounding in copy: "约1.5kg" for 1.48 kg) or a tiny absolute slack.
const RELATIVE_TOLERANCE = 0.02;
const ABSOLUTE_TOLERANCE = 1e-6;
const EXACT_UNITS = new Set(["version", "SPF", "Ra"]);
// Keys whose facts are claims of presence, where a value the attributes lack is not a contradiction.
const PRESENCE_KEYS = new Set<string>(["certification", "model"]);

/**
 * Compares facts extracted from a product's copy with its structured attributes. For each fact:
 * `agree` when an attribute with the same stable key holds the same value (numbers converted to
 * one unit, colours/materials by canonical id); `contradict` when such attributes exist, hold values
 * of the same kind and none matches; `only_in_text` otherwise. Attributes no fact was compared with
 * come last as `only_in_attributes`.
 */
export function compareAttributes(
  extracted: readonly TAttributeFact[],
  structured: Readonly<Record<string, unknown>>,
): TAttributeComparison[] {
  const byKey = new Map<string, Array<{ name: string; value: unknown; facts: TAttributeFact[] }>>();
  const entries = Object.entries(structured);
  for (const [name, value] of entries) {
    const key = attributeKeyOf(name, value);
    if (!key) continue;
    const list = byKey.get(key) ?? [];
    list.push({ name, value, facts: key === "brand" || key === "model" ? [] : valueFacts(value, key) });
    byKey.set(key, list);
  }

  const used = new Set<string>();
  const out: TAttributeComparison[] = [];
  for (const fact of extracted) {
    const candidates = byKey.get(fact.key) ?? [];
    const verdict = judge(fact, candidates);
    if (verdict.attribute) used.add(verdict.attribute.name);
    // Every attribute of the key was looked at; a contradiction or agreement "mentions" them all.
    if (verdict.status !== "only_in_text") for (const c of candidates) used.add(c.name);
    out.push({ status: verdict.status, key: fact.key, fact, ...(verdict.attribute ? { attribute: verdict.attribute } : {}) });
  }
  for (const [name, value] of entries) {
    if (used.has(name)) continue;
    out.push({ status: "only_in_attributes", key: attributeKeyOf(name, value) ?? name, attribute: { name, value } });
  }
  return out;
}

type TCandidateAttribute = { name: string; value: unknown; facts: TAttributeFact[] };

function judge(
  fact: TAttributeFact,
  candidates: readonly TCandidateAttribute[],
): { status: "agree" | "contradict" | "only_in_text"; attribute?: { name: string; value: unknown } } {
  if (candidates.length === 0) return { status: "only_in_text" };
  const ref = (c: TCandidateAttribute) => ({ name: c.name, value: c.value });

  if (fact.key === "brand" || fact.key === "model") {
    const same = candidates.find((c) => textValues(c.value).some((v) => loose(v) === loose(String(fact.normalized ?? fact.value))));
    if (same) return { status: "agree", attribute: ref(same) };
    return fact.key === "brand" ? { status: "contradict", attribute: ref(candidates[0]!) } : { status: "only_in_text" };
  }

  // Values of the same kind as the fact, from every attribute of that key.
  const comparable = candidates.flatMap((c) =>
    c.facts.filter((f) => comparableKind(fact, f)).map((f) => ({ c, f })),
  );
  if (comparable.length === 0) return { status: "only_in_text" };
  const match = comparable.find(({ f }) => sameValue(fact, f));
  if (match) {
    // "纯棉" (pure cotton) against "棉+涤纶": cotton is there, but not alone.
    if (fact.qualifier === "pure") {
      const materials = new Set(comparable.filter(({ c }) => c === match.c).map(({ f }) => f.normalized));
      if (materials.size > 1) return { status: "contradict", attribute: ref(match.c) };
    }
    return { status: "agree", attribute: ref(match.c) };
  }
  // Presence claims and materials of a part ("silicone utensils") cannot contradict the body's attributes.
  if (PRESENCE_KEYS.has(fact.key) || fact.part) return { status: "only_in_text" };
  return { status: "contradict", attribute: ref(comparable[0]!.c) };
}

function comparableKind(a: TAttributeFact, b: TAttributeFact): boolean {
  if (typeof a.normalized === "number" || typeof b.normalized === "number") {
    return typeof a.normalized === "number" && typeof b.normalized === "number" && a.unit === b.unit;
  }
  // Water levels in words ("防泼水") compare with levels only, ratings (IP68, 5ATM, 50m) with ratings.
  if (a.key === "water_resistance") return b.key === "water_resistance" && (a.unit === "level") === (b.unit === "level");
  return a.key === b.key;
}

function sameValue(a: TAttributeFact, b: TAttributeFact): boolean {
  if (typeof a.normalized === "number" && typeof b.normalized === "number") {
    const diff = Math.abs(a.normalized - b.normalized);
    // Versions and indices are exact: Bluetooth 5.3 is not 5.4, SPF 30 is not 31.
    if (a.unit && EXACT_UNITS.has(a.unit)) return diff <= ABSOLUTE_TOLERANCE;
    return diff <= ABSOLUTE_TOLERANCE || diff <= RELATIVE_TOLERANCE * Math.max(Math.abs(a.normalized), Math.abs(b.normalized));
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

const FEATURE_KEYS = new Set<string>(["carbon_plate", "noise_cancelling", "magnetic", "auto_shut_off", "fragrance_free"]);
// Attributes whose value is often a bare number, with the unit the text's facts carry.
const BARE_NUMBER_UNITS: Record<string, string> = { spf: "SPF", cri: "Ra", bluetooth_version: "version" };

function textValues(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(textValues);
  if (typeof value === "boolean") return [String(value)];
  if (typeof value === "string") return [value];
  if (typeof value === "number") return [String(value)];
  return [];
}

// A structured value read with the same extractor as the copy, so both sides normalise alike.
// Bare values take their meaning from the attribute: SPF "50" is a number, sizes are listed bare
// ("39", "M").
function valueFacts(value: unknown, key: TAttributeKey | null): TAttributeFact[] {
  return textValues(value).flatMap((v): TAttributeFact[] => {
    if (key && FEATURE_KEYS.has(key)) {
      const flag = YES.has(v.trim().toLowerCase()) ? "yes" : NO.has(v.trim().toLowerCase()) ? "no" : null;
      return flag ? [{ key, value: v, start: 0, end: v.length, normalized: flag }] : [];
    }
    const facts = extractAttributes(v);
    // A bare depth under a water-resistance name ("防水: 50米") is a rating, not a length.
    if (key === "water_resistance") {
      return facts.map((f) =>
        f.key === "length" && typeof f.normalized === "number"
          ? { ...f, key, normalized: `${f.normalized / 100}m`, unit: "m" }
          : f,
      );
    }
    if (facts.length) return facts;
    const bare = /^\s*(\d+(?:\.\d+)?)\+?\s*$/.exec(v);
    const bareUnit = key ? BARE_NUMBER_UNITS[key] : undefined;
    if (bare && key && bareUnit) return [{ key, value: v, start: 0, end: v.length, normalized: Number(bare[1]), unit: bareUnit }];
    if (key === "size" && v.trim()) return [{ key, value: v, start: 0, end: v.length, normalized: v.trim() }];
    return [];
  });
}
