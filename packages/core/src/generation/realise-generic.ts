import type { TLintLocale } from "../lint/types.js";
import type { TPiece, TUnit } from "./assemble.js";
import type { TFact } from "./facts.js";
import type { TRealised, TRealiseOptions } from "./realise-apparel.js";

// The realiser for everything the mined model does not cover (English copy, and products other
// than apparel): one clause per attribute key, phrased by what kind of fact the key names. Each
// clause is a single claim that cites its attribute. No phrase adds anything the attribute does
// not say; with the `vivid` style only the opening and the rhythm change, never the facts.

type TFrame = { zh: (v: string, k: string) => string; en: (v: string, k: string) => string; short?: boolean };
const FRAMES: readonly [RegExp, TFrame][] = [
  [/^(品牌|brand)$/i, { zh: (v) => `${v}出品`, en: (v) => `By ${v}.` }],
  [/型号|model/i, { zh: (v) => `型号${v}`, en: (v) => `Model ${v}.` }],
  [/运动模式|sport ?modes?/i, { zh: (v) => `支持${v}运动模式`, en: (v) => `Sport modes: ${v}.` }],
  [/模式|功能|features?|modes?|functions?/i, { zh: (v, k) => `${k}：${v}`, en: (v, k) => `${human(k)}: ${v}.` }],
  [/材质|面料|材料|material|fabric/i, { zh: (v) => `采用${v}材质`, en: (v) => `Made of ${v}.` }],
  [/颜色|配色|colou?r/i, { zh: (v) => `${v}配色`, en: (v) => `Comes in ${v}.` }],
  [/风格|style/i, { zh: (v) => `${v}风格`, en: (v) => `${cap(v)} style.` }],
  [/续航|电池|battery/i, { zh: (v, k) => `${k}${v}`, en: (v) => `Battery life: ${v}.` }],
  [/防水|water/i, { zh: (v) => `防水等级${v}`, en: (v) => `Water resistance: ${v}.` }],
  [/产地|原产|origin|made in/i, { zh: (v) => `产地${v}`, en: (v) => `Made in ${v}.` }],
  [/适用|compatib|fits/i, { zh: (v) => `适用于${v}`, en: (v) => `Compatible with ${v}.` }],
  [/尺寸|尺码|大小|size|dimension/i, { zh: (v, k) => `${k}${v}`, en: (v, k) => `${human(k)}: ${v}.` }],
  [/容量|capacity|volume/i, { zh: (v, k) => `${k}${v}`, en: (v, k) => `${human(k)}: ${v}.` }],
  [/重量|weight/i, { zh: (v, k) => `${k}${v}`, en: (v) => `Weighs ${v}.` }],
];
const DEFAULT_FRAME: TFrame = { zh: (v, k) => `${k}：${v}`, en: (v, k) => `${human(k)}: ${v}.` };
const TYPE_KEY = /^(类型|品类|type|category|product type)$/i;

const cap = (s: string): string => (s ? s[0]!.toUpperCase() + s.slice(1) : s);
/** battery_life → Battery life. */
export const human = (key: string): string => cap(key.replace(/[_-]+/g, " ").trim());

const frameOf = (key: string): TFrame => FRAMES.find(([re]) => re.test(key))?.[1] ?? DEFAULT_FRAME;

/** The facts of one key (a list attribute) said together: 跑步、游泳 / running, swimming. */
function groups(facts: readonly TFact[]): TFact[][] {
  const out: TFact[][] = [];
  const byKey = new Map<string, TFact[]>();
  for (const f of facts) {
    const id = `${f.provenance.kind}\u0000${f.key}`;
    const g = byKey.get(id);
    if (g) g.push(f);
    else {
      const list = [f];
      byKey.set(id, list);
      out.push(list);
    }
  }
  return out;
}

const listOf = (locale: TLintLocale, values: string[]): string =>
  locale === "zh"
    ? values.join("、")
    : values.length <= 2
      ? values.join(" and ")
      : `${values.slice(0, -1).join(", ")} and ${values[values.length - 1]}`;

/** One clause for the facts of one key; the whole clause is the claim. */
function clause(g: TFact[], locale: TLintLocale, technical: boolean): TUnit {
  const f = g[0]!;
  if (f.provenance.kind === "review") {
    const text = locale === "zh" ? `买家普遍称赞${f.value}` : `Reviewers praise the ${f.value}.`;
    return { pieces: [{ fact: f, text }], facts: g, kind: "fact" };
  }
  const value = listOf(
    locale,
    g.map((x) => x.value),
  );
  const frame = technical ? DEFAULT_FRAME : frameOf(f.key);
  const text = locale === "zh" ? frame.zh(value, f.key) : frame.en(value, f.key);
  // One claim per clause: it states what the attribute says and cites it.
  const pieces: TPiece[] = [{ fact: f, text: locale === "en" ? text.replace(/\.$/, "") : text }];
  if (locale === "en") pieces.push(".");
  return { pieces, facts: g, kind: "fact" };
}

/** Units for any product in the given language; `facts` in plan order. */
export function realiseGeneric(facts: readonly TFact[], locale: TLintLocale, o: TRealiseOptions): TRealised {
  const kept = facts.filter((f) => !o.forbidden(f.value));
  const type = kept.find((f) => f.provenance.kind === "attribute" && TYPE_KEY.test(f.key));
  const brand = kept.find((f) => f.provenance.kind === "attribute" && /^(品牌|brand)$/i.test(f.key));
  const others = kept.filter((f) => f !== type && f !== brand);
  const technical = o.style === "technical";

  if (o.field === "TITLE") {
    const words: TUnit[] = [];
    const push = (f: TFact | undefined): void => {
      if (f) words.push({ pieces: [{ fact: f, text: f.value }], facts: [f], kind: "fact" });
    };
    push(brand);
    // Short single values read as title words (black, 5 ATM); lists do not.
    const single = groups(others).filter((g) => g.length === 1 && g[0]!.provenance.kind === "attribute");
    for (const [f] of single.filter(([x]) => [...x!.value].length <= 12).slice(0, 3)) push(f);
    push(type);
    if (locale === "zh") {
      // Words of a Chinese title are separated by spaces where a value is Latin (Apple Watch 黑色).
      return {
        units: words.map((u, i) => (i ? { ...u, pieces: [" ", ...u.pieces] } : u)),
        mode: "words",
        perSentence: 1,
      };
    }
    return { units: words, mode: "words", perSentence: 1 };
  }

  const units: TUnit[] = [];
  if (type && !technical) {
    const opening: TPiece[] =
      locale === "zh"
        ? ["这款", ...(brand ? [{ fact: brand, text: brand.value }] : []), { fact: type, text: type.value }]
        : [
            o.style === "vivid" ? "Meet the " : "This is the ",
            ...(brand ? [{ fact: brand, text: brand.value }, " "] : []),
            { fact: type, text: type.value },
            ".",
          ];
    units.push({ pieces: opening, facts: brand ? [brand, type] : [type], kind: "fact" });
  } else {
    for (const f of [brand, type]) if (f) others.unshift(f);
  }
  const limit = o.field === "SHORT" ? 2 : o.field === "BULLETS" ? 6 : Infinity;
  for (const g of groups(others)) {
    if (units.filter((u) => u.kind === "fact").length >= limit + (type && !technical ? 1 : 0)) break;
    units.push(clause(g, locale, technical));
  }
  // Bullets list the facts; the opening sentence is for running text.
  if (o.field === "BULLETS")
    return { units: type && !technical ? units.slice(1) : units, mode: "lines", perSentence: 1 };
  if (technical) return { units, mode: locale === "zh" ? "list" : "lines", perSentence: 1 };
  return { units, mode: "sentences", perSentence: o.field === "SHORT" ? 3 : 2 };
}
