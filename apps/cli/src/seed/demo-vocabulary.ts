import type { TRng } from "./prng.js";

// Shared words for the demo catalog. Everything here was written for truecopy; brand names are
// invented so the demo never speaks for a real company.

export type TLocale = "zh-CN" | "en-US";
export type TBilingual = { zh: string; en: string };
export type TAttributeValue = string | number | boolean | string[];

export const say = (locale: TLocale, text: TBilingual): string => (locale === "zh-CN" ? text.zh : text.en);

export const COLOURS = {
  black: { zh: "黑色", en: "black" },
  white: { zh: "白色", en: "white" },
  silver: { zh: "银色", en: "silver" },
  grey: { zh: "灰色", en: "grey" },
  navy: { zh: "藏青色", en: "navy" },
  blue: { zh: "蓝色", en: "blue" },
  red: { zh: "红色", en: "red" },
  pink: { zh: "粉色", en: "pink" },
  green: { zh: "绿色", en: "green" },
  beige: { zh: "米色", en: "beige" },
  gold: { zh: "金色", en: "gold" },
  purple: { zh: "紫色", en: "purple" },
  khaki: { zh: "卡其色", en: "khaki" },
  clear: { zh: "透明", en: "clear" },
} as const satisfies Record<string, TBilingual>;
export type TColour = keyof typeof COLOURS;

export const MATERIALS = {
  aluminium: { zh: "铝合金", en: "aluminium" },
  steel: { zh: "不锈钢", en: "stainless steel" },
  titanium: { zh: "钛合金", en: "titanium" },
  plastic: { zh: "PC+ABS", en: "PC/ABS plastic" },
  silicone: { zh: "硅胶", en: "silicone" },
  tpu: { zh: "TPU", en: "TPU" },
  pcTpu: { zh: "PC+TPU", en: "PC + TPU" },
  leather: { zh: "真皮", en: "genuine leather" },
  puLeather: { zh: "PU皮", en: "PU leather" },
  cotton: { zh: "纯棉", en: "cotton" },
  cottonPoly: { zh: "棉+涤纶", en: "cotton/polyester blend" },
  modal: { zh: "莫代尔", en: "modal" },
  linen: { zh: "亚麻", en: "linen" },
  polyester: { zh: "涤纶", en: "polyester" },
  chiffon: { zh: "雪纺", en: "chiffon" },
  silk: { zh: "真丝", en: "silk" },
  nylon: { zh: "尼龙", en: "nylon" },
  oxford: { zh: "牛津布", en: "Oxford fabric" },
  canvas: { zh: "帆布", en: "canvas" },
  mesh: { zh: "网面", en: "engineered mesh" },
  knit: { zh: "飞织", en: "knit" },
  steel304: { zh: "304不锈钢", en: "304 stainless steel" },
  steel316: { zh: "316不锈钢", en: "316 stainless steel" },
  glass: { zh: "高硼硅玻璃", en: "borosilicate glass" },
  castAluminium: { zh: "铸铝", en: "cast aluminium" },
} as const satisfies Record<string, TBilingual>;
export type TMaterial = keyof typeof MATERIALS;

export const colourOf = (locale: TLocale, c: TColour): string => say(locale, COLOURS[c]);
export const materialOf = (locale: TLocale, m: TMaterial): string => say(locale, MATERIALS[m]);

/** Another colour than `c`, for copy that contradicts the colour attribute. */
export function otherColour(c: TColour, among: readonly TColour[]): TColour {
  const rest = among.filter((x) => x !== c);
  const fallback: TColour = c === "black" ? "white" : "black";
  return rest[0] ?? fallback;
}

export const capitalise = (s: string): string => (s ? s[0]!.toUpperCase() + s.slice(1) : s);

/** Joins English list items the way copy does: "a, b and c". */
export function enList(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

export const zhList = (items: readonly string[]): string => items.join("、");

/** Rounds a CNY price to the .00 / .90 endings shops use, and converts to a USD .99 price. */
export function prices(rng: TRng, min: number, max: number): { cny: number; usd: number } {
  const base = rng.int(min, max);
  const cny = rng.chance(0.5) ? base : base - 0.1;
  const usd = Math.max(4.99, Math.round(base / 7) - 0.01);
  return { cny: Math.round(cny * 100) / 100, usd: Math.round(usd * 100) / 100 };
}

const ZH_NICK_HEAD = [
  "爱吃鱼的",
  "不睡觉的",
  "快乐的",
  "安静的",
  "路过的",
  "认真的",
  "早起的",
  "慢跑的",
  "喝茶的",
  "追剧的",
];
const ZH_NICK_TAIL = ["猫", "小熊", "兔子", "橘子", "阿杰", "小雨", "大叔", "同学", "姐姐", "打工人"];
const EN_FIRST = [
  "Sam",
  "Priya",
  "Jordan",
  "Mei",
  "Lucas",
  "Aisha",
  "Tom",
  "Elena",
  "Noah",
  "Grace",
  "Diego",
  "Hannah",
  "Omar",
  "Chloe",
  "Ben",
  "Yuki",
];
const EN_LAST = "ABCDEFGHJKLMNPRSTW".split("");

export function reviewAuthor(rng: TRng, locale: TLocale): string {
  if (locale === "zh-CN") {
    // Marketplaces mask most buyer names; keep a mix of masked and nickname styles.
    if (rng.chance(0.4)) return `${rng.pick("abcdefghjkmnpqrstwxyz".split(""))}***${rng.int(0, 9)}`;
    return `${rng.pick(ZH_NICK_HEAD)}${rng.pick(ZH_NICK_TAIL)}`;
  }
  return `${rng.pick(EN_FIRST)} ${rng.pick(EN_LAST)}.`;
}
