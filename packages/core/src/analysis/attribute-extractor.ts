import { normalizeWithOffsets, originalRange } from "./offset-normalizer.js";
import {
  CERTIFICATION_PATTERNS,
  COLOUR_SURFACES,
  FEATURE_SURFACES,
  GARMENT_LENGTH_SURFACES,
  MATERIAL_SURFACES,
  NEGATION_BEFORE,
  PART_AFTER,
  PURE_MATERIAL_SURFACES,
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
  | "water_resistance"
  | "weight"
  | "fabric_weight"
  | "power"
  | "voltage"
  | "volume"
  | "length"
  | "screen_size"
  | "laptop_size"
  | "drop_height"
  | "thickness"
  | "diameter"
  | "heel_drop"
  | "driver_size"
  | "dimensions"
  | "spf"
  | "colour"
  | "material"
  | "size"
  | "certification"
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
  /** The value in canonical form: a number in `unit`, a colour/material id, "IP68", "CCC", "XL", … */
  normalized?: string | number;
  /** "pure" when the text claims a single material ("纯棉", "100% cotton"). */
  qualifier?: "pure";
  /** For a material: the part it is said of ("handle", "表带") when that is not the product body. */
  part?: string;
};

export type TExtractOptions = {
  /** Known brand names (any language); matches become `brand` facts. */
  brands?: readonly string[];
};

type TUnit = { unit: string; factor: number; dim: "battery" | "energy" | "time" | "mass" | "length" | "power" | "voltage" | "volume" };

// Surface (lower-case) → canonical unit; lengths in cm, durations in hours, masses in kg.
const UNITS: Record<string, TUnit> = {};
const addUnits = (surfaces: string, u: TUnit): void => {
  for (const s of surfaces.split("|")) UNITS[s] = u;
};
addUnits("mah|毫安时|毫安", { unit: "mAh", factor: 1, dim: "battery" });
addUnits("wh", { unit: "Wh", factor: 1, dim: "energy" });
addUnits("h|hr|hrs|hour|hours|小时|个小时", { unit: "h", factor: 1, dim: "time" });
addUnits("min|mins|minute|minutes|分钟", { unit: "h", factor: 1 / 60, dim: "time" });
addUnits("day|days|天", { unit: "h", factor: 24, dim: "time" });
addUnits("week|weeks|周", { unit: "h", factor: 168, dim: "time" });
addUnits("month|months|个月", { unit: "h", factor: 720, dim: "time" });
addUnits("year|years|年", { unit: "h", factor: 8760, dim: "time" });
addUnits("kg|公斤|千克", { unit: "kg", factor: 1, dim: "mass" });
addUnits("g|克", { unit: "kg", factor: 0.001, dim: "mass" });
addUnits("mg|毫克", { unit: "kg", factor: 1e-6, dim: "mass" });
addUnits("斤", { unit: "kg", factor: 0.5, dim: "mass" });
addUnits("lb|lbs", { unit: "kg", factor: 0.45359237, dim: "mass" });
addUnits("oz", { unit: "kg", factor: 0.028349523, dim: "mass" });
addUnits("mm|毫米", { unit: "cm", factor: 0.1, dim: "length" });
addUnits("cm|厘米|公分", { unit: "cm", factor: 1, dim: "length" });
addUnits("m|米", { unit: "cm", factor: 100, dim: "length" });
addUnits("in|inch|inches|英寸|\"", { unit: "cm", factor: 2.54, dim: "length" });
addUnits("ft|feet", { unit: "cm", factor: 30.48, dim: "length" });
addUnits("w|瓦", { unit: "W", factor: 1, dim: "power" });
addUnits("kw|千瓦", { unit: "W", factor: 1000, dim: "power" });
addUnits("v|伏", { unit: "V", factor: 1, dim: "voltage" });
addUnits("ml|毫升", { unit: "L", factor: 0.001, dim: "volume" });
addUnits("l|升", { unit: "L", factor: 1, dim: "volume" });

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const UNIT_ALTERNATION = Object.keys(UNITS)
  .sort((a, b) => b.length - a.length)
  .map(escape)
  .join("|");
// A number, an optional space, a unit; a Latin unit must not run on into a word ("5 in 1", "30 days"
// is fine, "5 mins" matches whole, "2 lanes" does not match "l").
const MEASURE = new RegExp(
  `(?<![\\d.A-Za-z])(\\d+(?:[.,]\\d+)?)\\s?(${UNIT_ALTERNATION})(?![A-Za-z])(?!\\s?\\d)`,
  "gi",
);
const FABRIC_WEIGHT = /(?<![\d.])(\d+(?:\.\d+)?)\s?(?:g\/m²|g\/m2|gsm|克\/平方米)/gi;
const DIMENSIONS = /(?<![\d.])(\d+(?:\.\d+)?)\s?[x×*]\s?(\d+(?:\.\d+)?)(?:\s?[x×*]\s?(\d+(?:\.\d+)?))?\s?(cm|mm|厘米|毫米)/gi;
const IP_RATING = /(?<![A-Za-z])IP([0-6X])([0-9X])(?![0-9])/gi;
const ATM = /(?<![\d.])(\d+)\s?(?:ATM|bar)(?![A-Za-z])/gi;
const CRI = /(?:(?<![A-Za-z])Ra ?|CRI\s?(?:of\s)?|显色指数\s?(?:Ra)?\s?)(\d{2,3})|(\d{2,3})\s?CRI/gi;
const BLUETOOTH = /(?:蓝牙|bluetooth|BT)\s?(?:版本\s?)?(\d\.\d)/gi;
const SPF = /SPF\s?(\d{1,3})(\+?)/gi;
const SIZE_LETTERS = /(?<![A-Za-z0-9])(XXS|XS|S|M|L|XL|XXL|XXXL|[2-6]XL)(?![A-Za-z0-9])/g;
const SIZE_CONTEXT = /尺码|码数|尺寸|sizes?|fits?/i;
const SIZE_OTHER = /均码|free size|one size|(?<![A-Za-z])EU ?(\d{2})(?!\d)|(?<!\d)(\d{2}(?:\.5)?)码/gi;
// Letters then digits, optionally with "-" and a letter suffix: GL-69A, XM-2024, G6, RX100.
const MODEL = /(?<![A-Za-z0-9-])([A-Z]{1,5}-?\d{1,5}[A-Z]{0,3}(?:-[A-Z0-9]{1,5})?)(?![A-Za-z0-9-])/g;
const NOT_MODELS = /^(?:IP[0-9X]|SPF|PA|ISO|GB|UN|USB|CCC|3C|CE|FCC|MP|PM|AM|IPX|ATM|Qi)/;

// Words around a measurement that say which attribute it is. Checked against ~14 characters
// before and ~8 after the number.
const NOT_A_COLOUR_AFTER = /^(?:\s*tea\b|-[a-z]|离子|质酸|度)/i;

const CONTEXT: ReadonlyArray<readonly [TUnit["dim"] | "any", RegExp, TAttributeKey]> = [
  ["time", /保质期|shelf[ -]life|best before/i, "shelf_life"],
  ["time", /保修|质保|warranty/i, "warranty"],
  ["time", /充满|充电时间|charges? (?:fully|in)|full charge in|fast charg|快充/i, "charge_time"],
  ["time", /续航|电池|充电|电量|待机|使用|播放|battery|charge|lasts?|playtime|playback|standby|runtime|listening|the case|in total|total/i, "battery_life"],
  ["mass", /克重|重磅|面料|fabric|heavyweight|gsm/i, "fabric_weight"],
  ["length", /防摔|跌落|摔|drops?\b(?! of)|drop protection/i, "drop_height"],
  ["length", /落差|heel[- ]to[- ]toe|offset|drop/i, "heel_drop"],
  ["length", /防水|潜水|水深|water|depth/i, "water_resistance"],
  ["length", /电脑|笔记本|laptop|notebook/i, "laptop_size"],
  ["length", /屏|screen|display/i, "screen_size"],
  ["length", /厚|thick|thin/i, "thickness"],
  ["length", /直径|diameter|pan|锅/i, "diameter"],
  ["length", /单元|driver/i, "driver_size"],
];
const DEFAULT_KEY: Record<TUnit["dim"], TAttributeKey> = {
  battery: "battery_capacity",
  energy: "battery_capacity",
  time: "duration",
  mass: "weight",
  length: "length",
  power: "power",
  voltage: "voltage",
  volume: "volume",
};

type TCandidate = TAttributeFact & { nStart: number; nEnd: number };

/**
 * Finds product facts in free text: measurements with units (battery capacity, battery life,
 * weight, power, volume, lengths, water resistance as IPxx/ATM/metres, SPF), colours, materials,
 * sizes, certifications, model numbers and, when `brands` are given, brands. Each fact has a
 * stable `key`, the value as written, offsets into the original text and a canonical `normalized`
 * value (numbers in the canonical `unit`). Facts do not overlap; earlier kinds in the list above win.
 */
export function extractAttributes(text: string, options: TExtractOptions = {}): TAttributeFact[] {
  if (text.length === 0) return [];
  const norm = normalizeWithOffsets(text);
  const s = norm.text;
  const taken = new Uint8Array(s.length);
  const facts: TCandidate[] = [];
  const add = (c: Omit<TCandidate, "start" | "end">): void => {
    for (let i = c.nStart; i < c.nEnd; i++) if (taken[i]) return;
    taken.fill(1, c.nStart, c.nEnd);
    facts.push({ ...c, ...originalRange(norm, c.nStart, c.nEnd) });
  };

  for (const m of s.matchAll(IP_RATING)) {
    const value = `IP${m[1]!.toUpperCase()}${m[2]!.toUpperCase()}`;
    add(fact(m, "water_resistance", value));
  }
  for (const m of s.matchAll(ATM)) add(fact(m, "water_resistance", `${m[1]}ATM`));
  for (const m of s.matchAll(SPF)) add({ ...fact(m, "spf", Number(m[1])), unit: "SPF" });
  for (const m of s.matchAll(CRI)) add({ ...fact(m, "cri", Number(m[1] ?? m[2])), unit: "Ra" });
  for (const m of s.matchAll(BLUETOOTH)) add({ ...fact(m, "bluetooth_version", Number(m[1])), unit: "version" });
  for (const [m, id] of dictionaryMatches(s, WATER_LEVEL_MATCHERS)) add({ ...fact(m, "water_resistance", id), unit: "level" });
  for (const [re, canonical] of CERTIFICATION_PATTERNS) for (const m of s.matchAll(re)) add(fact(m, "certification", canonical(m)));
  for (const m of s.matchAll(FABRIC_WEIGHT)) add({ ...fact(m, "fabric_weight", Number(m[1])), unit: "gsm" });
  for (const m of s.matchAll(DIMENSIONS)) {
    const factor = /mm|毫米/i.test(m[4]!) ? 0.1 : 1;
    const dims = [m[1], m[2], m[3]].filter(Boolean).map((x) => round(Number(x) * factor));
    add({ ...fact(m, "dimensions", dims.join("x")), unit: "cm" });
  }
  for (const m of s.matchAll(MEASURE)) {
    const u = UNITS[m[2]!.toLowerCase()];
    // An upper-case "G" after a number is a network generation ("5G"), not grams.
    if (!u || m[2] === "G") continue;
    const num = Number(m[1]!.replace(",", m[1]!.length - m[1]!.indexOf(",") === 4 ? "" : "."));
    // "2024年" is a year, not a duration.
    if (u.unit === "h" && u.factor === 8760 && num >= 1900) continue;
    const key = measurementKey(s, m.index, m.index + m[0].length, u);
    if (key === "fabric_weight") {
      add({ ...fact(m, key, round(num * u.factor * 1000)), unit: "gsm" });
      continue;
    }
    const value = key === "water_resistance" ? `${round(num * (u.factor / 100))}m` : round(num * u.factor);
    add({ ...fact(m, key, value), unit: key === "water_resistance" ? "m" : u.unit });
  }
  for (const [m, id, surface] of dictionaryMatches(s, MATERIAL_MATCHERS)) {
    const f = fact(m, "material", id);
    const part = PART_AFTER.exec(s.slice(m.index + m[0].length, m.index + m[0].length + 12))?.[0].trim();
    add({
      ...f,
      ...(PURE_MATERIAL_SURFACES.has(surface.toLowerCase()) ? { qualifier: "pure" as const } : {}),
      ...(part ? { part } : {}),
    });
  }
  for (const [m, id] of dictionaryMatches(s, LENGTH_MATCHERS)) add(fact(m, "garment_length", id));
  for (const [m, id] of dictionaryMatches(s, FEATURE_MATCHERS)) {
    const negated = NEGATION_BEFORE.test(s.slice(Math.max(0, m.index - 8), m.index));
    add(fact(m, id as TAttributeKey, negated ? "no" : "yes"));
  }
  for (const [m, id] of dictionaryMatches(s, COLOUR_MATCHERS)) {
    // Black/white/green tea, silver-ion fibres and 透明质酸 (hyaluronic acid) are not colours.
    if (NOT_A_COLOUR_AFTER.test(s.slice(m.index + m[0].length, m.index + m[0].length + 5))) continue;
    add(fact(m, "colour", id));
  }
  for (const m of s.matchAll(SIZE_OTHER)) {
    const size = m[1] ?? m[2] ?? "one size";
    add(fact(m, "size", size));
  }
  for (const m of s.matchAll(SIZE_LETTERS)) {
    // A lone capital letter is only a size when the sentence talks about sizes.
    const around = s.slice(Math.max(0, m.index - 20), m.index + 20);
    if (m[1]!.length === 1 && !SIZE_CONTEXT.test(around)) continue;
    add(fact(m, "size", m[1]!));
  }
  for (const m of s.matchAll(MODEL)) {
    const model = m[1]!;
    if (!/\d/.test(model) || NOT_MODELS.test(model)) continue;
    add(fact(m, "model", model));
  }
  for (const brand of options.brands ?? []) {
    if (!brand.trim()) continue;
    const latin = /[A-Za-z]/.test(brand);
    const re = new RegExp(latin ? `(?<![A-Za-z0-9])${escape(brand)}(?![A-Za-z0-9])` : escape(brand), latin ? "gi" : "g");
    for (const m of s.matchAll(re)) add(fact(m, "brand", brand));
  }

  facts.sort((a, b) => a.start - b.start || a.end - b.end);
  return facts.map(({ nStart: _s, nEnd: _e, ...f }) => f);
}

function fact(m: RegExpExecArray | RegExpMatchArray, key: TAttributeKey, normalized: string | number): Omit<TCandidate, "start" | "end"> {
  const nStart = m.index ?? 0;
  return { key, value: m[0], normalized, nStart, nEnd: nStart + m[0].length };
}

const round = (x: number): number => Math.round(x * 1e6) / 1e6;

function measurementKey(s: string, start: number, end: number, u: TUnit): TAttributeKey {
  const before = s.slice(Math.max(0, start - 14), start);
  const after = s.slice(end, end + 20);
  for (const [dim, re, key] of CONTEXT) {
    if (dim !== "any" && dim !== u.dim) continue;
    // The nearer side decides first: words before the number, then the few words after it.
    if (re.test(before) || re.test(after)) {
      // Only metre-scale lengths are water depths or drop heights; a 10 mm "drop" is a shoe's.
      if ((key === "water_resistance" || key === "drop_height") && u.factor < 100) continue;
      if (key === "screen_size" && u.factor !== 2.54) continue;
      if (key === "laptop_size" && u.factor !== 2.54) continue;
      if (key === "driver_size" && u.factor !== 0.1) continue;
      return key;
    }
  }
  return DEFAULT_KEY[u.dim];
}

type TMatcher = { re: RegExp; ids: Map<string, string> };

// Upper-case surfaces (ABS, PC, EVA, TPU) only match in upper case; the rest ignore case. Latin
// surfaces need word boundaries, Han ones do not.
function buildMatchers(surfaces: Record<string, readonly string[]>): TMatcher[] {
  const sensitive = new Map<string, string>();
  const insensitive = new Map<string, string>();
  for (const [id, list] of Object.entries(surfaces)) {
    for (const surface of list) {
      if (/[A-Z]/.test(surface) && surface === surface.toUpperCase()) sensitive.set(surface, id);
      else insensitive.set(surface.toLowerCase(), id);
    }
  }
  const build = (ids: Map<string, string>, flags: string): TMatcher => {
    const alternation = [...ids.keys()]
      .sort((a, b) => b.length - a.length)
      .map(escape)
      .join("|");
    return { re: new RegExp(`(?<![A-Za-z])(?:${alternation})(?![A-Za-z])`, flags), ids };
  };
  // An empty alternation would match the empty string everywhere.
  return [
    ...(sensitive.size ? [build(sensitive, "g")] : []),
    ...(insensitive.size ? [build(insensitive, "gi")] : []),
  ];
}

const MATERIAL_MATCHERS = buildMatchers(MATERIAL_SURFACES);
const COLOUR_MATCHERS = buildMatchers(COLOUR_SURFACES);
const LENGTH_MATCHERS = buildMatchers(GARMENT_LENGTH_SURFACES);
const FEATURE_MATCHERS = buildMatchers(FEATURE_SURFACES);
const WATER_LEVEL_MATCHERS = buildMatchers(WATER_LEVEL_SURFACES);

// Matches of both matchers, longest first so that "PU leather" beats "leather".
function dictionaryMatches(s: string, matchers: TMatcher[]): Array<[RegExpExecArray, string, string]> {
  const out: Array<[RegExpExecArray, string, string]> = [];
  for (const { re, ids } of matchers) {
    for (const m of s.matchAll(re)) {
      const surface = m[0];
      const id = ids.get(surface) ?? ids.get(surface.toLowerCase());
      if (id) out.push([m, id, surface]);
    }
  }
  return out.sort((a, b) => b[0][0].length - a[0][0].length || a[0].index - b[0].index);
}

