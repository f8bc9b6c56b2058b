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
  [
    /材质|面料|材料|material|fabric/i,
    {
      // 表带材质 / strap material: the part is named ("表带采用尼龙材质", "Strap made of nylon.").
      zh: (v, k) => `${k.replace(/(材质|面料|材料)$/, "")}采用${v}材质`,
      en: (v, k) => {
        const part = k
          .replace(/[_-]+/g, " ")
          .replace(/\s*(material|fabric)s?$/i, "")
          .trim();
        return part ? `${cap(part)} made of ${v}.` : `Made of ${v}.`;
      },
    },
  ],
  [/颜色|配色|colou?r/i, { zh: (v) => `${v}配色`, en: (v) => `Comes in ${v}.` }],
  [/风格|style/i, { zh: (v) => `${v}风格`, en: (v) => `${cap(v)} style.` }],
  [/续航|battery life|runtime/i, { zh: (v, k) => `${k}${v}`, en: (v) => `Battery life: ${v}.` }],
  [/防水|water/i, { zh: (v) => `防水等级${v}`, en: (v) => `Water resistance: ${v}.` }],
  [/产地|原产|origin|made in/i, { zh: (v) => `产地${v}`, en: (v) => `Made in ${v}.` }],
  [/适用|compatib|fits/i, { zh: (v) => `适用于${v}`, en: (v) => `Compatible with ${v}.` }],
  [/尺寸|尺码|大小|size|dimension/i, { zh: (v, k) => `${k}${v}`, en: (v, k) => `${human(k)}: ${v}.` }],
  [/容量|capacity|volume/i, { zh: (v, k) => `${k}${v}`, en: (v, k) => `${human(k)}: ${v}.` }],
  [/重量|weight/i, { zh: (v, k) => `${k}${v}`, en: (v) => `Weighs ${v}.` }],
];
const DEFAULT_FRAME: TFrame = { zh: (v, k) => `${k}：${v}`, en: (v, k) => `${human(k)}: ${v}.` };
const TYPE_KEY = /^(类型|品类|type|category|product type)$/i;
const MODEL_KEY = /^(型号|model)$/i;

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
  const attribute = (re: RegExp) => kept.find((f) => f.provenance.kind === "attribute" && re.test(f.key));
  // The product's name: brand, model and type as the attributes give them (沃创 R7 Active 智能手表).
  const name = [attribute(/^(品牌|brand)$/i), attribute(MODEL_KEY), attribute(TYPE_KEY)].filter((f): f is TFact => !!f);
  const others = kept.filter((f) => !name.includes(f));
  const technical = o.style === "technical";
  const spaced = (fs: readonly TFact[]): TPiece[] =>
    fs.flatMap((f, i): TPiece[] => {
      const prev = fs[i - 1]?.value ?? "";
      // Chinese words run together; a Latin word keeps a space from its neighbour.
      const space = i > 0 && (locale === "en" || /[A-Za-z0-9]$/.test(prev) || /^[A-Za-z0-9]/.test(f.value));
      return [...(space ? [" "] : []), { fact: f, text: f.value }];
    });

  if (o.field === "TITLE") {
    // Short single values read as title words (black, 5 ATM); lists do not. The type ends the title.
    const single = groups(others).filter((g) => g.length === 1 && g[0]!.provenance.kind === "attribute");
    const words = single
      .map(([f]) => f!)
      .filter((f) => [...f.value].length <= 12)
      .slice(0, 3);
    const type = name.find((f) => TYPE_KEY.test(f.key));
    const ordered = [...name.filter((f) => f !== type), ...words, ...(type ? [type] : [])];
    return {
      units: spaced(ordered).reduce<TUnit[]>((units, p) => {
        if (typeof p === "string") units.push({ pieces: [p], facts: [], kind: "connective" });
        else units.push({ pieces: [p], facts: [p.fact], kind: "fact" });
        return units;
      }, []),
      mode: "words",
      perSentence: 1,
    };
  }

  const units: TUnit[] = [];
  if (name.length && !technical) {
    const opening: TPiece[] =
      locale === "zh"
        ? ["这款", ...spaced(name)]
        : [o.style === "vivid" ? "Meet the " : "This is the ", ...spaced(name), "."];
    units.push({ pieces: opening, facts: name, kind: "fact" });
  } else {
    others.unshift(...name);
  }
  const opened = units.length;
  const limit = o.field === "SHORT" ? 2 : o.field === "BULLETS" ? 6 : Infinity;
  for (const g of groups(others)) {
    if (units.length - opened >= limit) break;
    units.push(clause(g, locale, technical));
  }
  // Bullets list the facts; the opening sentence is for running text.
  if (o.field === "BULLETS") return { units: units.slice(opened), mode: "lines", perSentence: 1 };
  if (technical) return { units, mode: locale === "zh" ? "list" : "lines", perSentence: 1 };
  return { units, mode: "sentences", perSentence: o.field === "SHORT" ? 3 : 2 };
}
