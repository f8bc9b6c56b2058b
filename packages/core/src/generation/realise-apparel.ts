import type { TVariantFieldName } from "../lint/types.js";
import type { TJoinMode, TPiece, TUnit } from "./assemble.js";
import { unitText } from "./assemble.js";
import type { TFact } from "./facts.js";
import type { TCompiledModel, TTemplate } from "./model.js";
import { ExpectedBleu } from "./select.js";
import type { TGenerationStyle } from "./types.js";

// The surface realiser for Chinese apparel copy: each attribute value is said with a clause
// template mined from the corpus (the best-ranked one that may take this value), a vivid text adds
// the fact-free connectives the corpus uses after such a clause, and fillers until it has the
// length descriptions usually have. Everything is deterministic: the same input gives the same text.

export type TRealised = { units: TUnit[]; mode: TJoinMode; perSentence: number };

export type TRealiseOptions = {
  compiled: TCompiledModel;
  field: TVariantFieldName;
  style: TGenerationStyle;
  /** A merchant's forbidden words: phrases containing one are not used. */
  forbidden: (text: string) => boolean;
  /** Characters a vivid description aims for (the corpus's median is ~110). */
  targetChars: number;
  /** Templates (`l\u0000r`) and clauses the gate objected to in an earlier attempt. */
  banned?: ReadonlySet<string>;
};

const fact = (f: TFact, text = f.value): TPiece => ({ fact: f, text });
const isSingle = (v: string): boolean => [...v].length === 1;

/** Category nouns of one character read as words with 子 (裙 → 裙子, 裤 → 裤子). */
function categoryPieces(f: TFact): TPiece[] {
  return isSingle(f.value) && /[裙裤]/.test(f.value) ? [fact(f), "子"] : [fact(f)];
}

type TPicker = { used: Set<string> };

/** Templates that may say this fact, best-ranked first. */
function rankTemplates(f: TFact, o: TRealiseOptions, picker: TPicker, opening: boolean): TTemplate[] {
  if (!f.cls) return [];
  const w = o.compiled.model.weights;
  const ranked: { t: TTemplate; score: number }[] = [];
  for (const t of o.compiled.templatesByClass.get(f.cls) ?? []) {
    const id = `${t.l}\u0000${t.r}`;
    if (picker.used.has(id) || o.banned?.has(id)) continue;
    const exact = t.v.includes(f.value);
    if (!t.p && !exact) continue;
    // 裙 and 裤 fit where 裙 was seen (裙身, 裙子); 连衣裙 does not.
    if (isSingle(f.value) !== t.v.some(isSingle)) continue;
    if (o.style === "concise" && t.l.length + t.r.length > 6) continue;
    if (o.forbidden(t.l + t.r)) continue;
    const score =
      t.s +
      (exact ? w.exact : 0) +
      (opening ? w.opening * Math.log1p(t.o) : 0) -
      // Concise copy prefers the shortest way to say it (雪纺面料, not 面料是雪纺的面料).
      (o.style === "concise" ? 0.5 * (t.l.length + t.r.length) : 0);
    ranked.push({ t, score });
  }
  // Stable: equal scores keep the model's order.
  return ranked.sort((a, b) => b.score - a.score).map((x) => x.t);
}

function templateUnit(f: TFact, t: TTemplate): TUnit {
  const pieces: TPiece[] = [];
  if (t.l) pieces.push(t.l);
  pieces.push(fact(f));
  if (t.r) pieces.push(t.r);
  return { pieces, facts: [f], kind: "fact", template: `${t.l}\u0000${t.r}` };
}

function factUnit(f: TFact, o: TRealiseOptions, picker: TPicker, opening: boolean): TUnit {
  if (f.provenance.kind === "review") return { pieces: [fact(f, `买家普遍称赞${f.value}`)], facts: [f], kind: "fact" };
  const t = rankTemplates(f, o, picker, opening)[0];
  if (t) picker.used.add(`${t.l}\u0000${t.r}`);
  if (!t) {
    // No clause of the corpus may say it: the value alone, or key and value for unknown keys.
    // (The key is part of the statement: the claim covers "保修期为一年".)
    return { pieces: [f.cls ? fact(f) : fact(f, `${f.key}为${f.value}`)], facts: [f], kind: "fact" };
  }
  return templateUnit(f, t);
}

/** Attributes an opening puts before the garment noun (这款白色蕾丝连衣裙). */
const OPENING_CLASSES = ["颜色", "材质", "图案"];

const TITLE_ORDER = [
  "风格",
  "颜色",
  "材质",
  "图案",
  "版型",
  "领型",
  "袖型",
  "袖长",
  "款式",
  "门襟",
  "腰型",
  "裙下摆",
  "裤口",
  "衣长",
];

/** Units for an apparel product in Chinese; `facts` in plan order. */
export function realiseApparel(facts: readonly TFact[], o: TRealiseOptions): TRealised {
  const product = facts.filter((f) => f.provenance.kind !== "review");
  const garment = product.find((f) => f.cls === "品类");
  const type = product.find((f) => f.cls === "类型");
  // The category (裙) needs no words of its own when a garment value names it (连衣裙).
  const typeSaid = !!type && product.some((f) => f !== type && f.value.includes(type.value));
  const rest = facts.filter((f) => f !== garment && f !== type);

  if (o.field === "TITLE") {
    const rank = (f: TFact): number => {
      const i = f.cls ? TITLE_ORDER.indexOf(f.cls) : -1;
      return i < 0 ? TITLE_ORDER.length : i;
    };
    const words = product
      .filter((f) => f !== garment && f !== type && !o.forbidden(f.value))
      .sort((a, b) => rank(a) - rank(b))
      .slice(0, 4)
      .map((f): TUnit => ({ pieces: [fact(f)], facts: [f], kind: "fact" }));
    const head = garment ?? type;
    if (head) words.push({ pieces: head === type ? categoryPieces(head) : [fact(head)], facts: [head], kind: "fact" });
    if (garment && type && !typeSaid) words.push({ pieces: [fact(type)], facts: [type], kind: "fact" });
    return { units: words, mode: "words", perSentence: 1 };
  }

  const picker: TPicker = { used: new Set() };
  const units: TUnit[] = [];
  // The opening names the garment with its most visible attributes, as copy does: 这款白色蕾丝连衣裙.
  // One per class, colour before material before pattern (白色蕾丝连衣裙), two at most.
  const modifiers =
    o.style === "technical"
      ? []
      : OPENING_CLASSES.flatMap((cls) => {
          const f = rest.find((x) => x.cls === cls && [...x.value].length <= 3 && !isSingle(x.value));
          return f ? [f] : [];
        }).slice(0, 2);
  const named = (head: TFact): TPiece[] => [...modifiers.map((f) => fact(f)), fact(head)];
  if (garment && type && !typeSaid) {
    // 衬衫 does not say 上衣: "这款衬衫上衣".
    units.push({ pieces: ["这款", ...named(garment), fact(type)], facts: [...modifiers, garment, type], kind: "fact" });
  } else if (garment && modifiers.length) {
    units.push({ pieces: ["这款", ...named(garment)], facts: [...modifiers, garment], kind: "fact" });
  } else if (garment) {
    units.push(factUnit(garment, o, picker, true));
  } else if (type) {
    units.push({
      pieces: ["这款", ...modifiers.map((f) => fact(f)), ...categoryPieces(type)],
      facts: [...modifiers, type],
      kind: "fact",
    });
  }
  const opening = units.length;
  if (o.style === "technical") {
    for (const f of rest)
      units.push(
        f.provenance.kind === "review"
          ? factUnit(f, o, picker, false)
          : // The key is part of what the clause states: the claim covers "领型：v领".
            { pieces: [fact(f, `${f.key}：${f.value}`)], facts: [f], kind: "fact" },
      );
    return { units, mode: o.field === "BULLETS" ? "lines" : "list", perSentence: 1 };
  }

  if (o.field === "DESCRIPTION" && o.style === "vivid") {
    const scorer = ExpectedBleu.forInput(o.compiled, {
      category: type?.value ?? null,
      values: product.map((f) => f.value),
    });
    if (scorer) return realiseByExpectedBleu(units, rest, { ...o, scorer, category: type?.value ?? null });
  }

  const budget = o.field === "SHORT" ? 3 : o.field === "BULLETS" ? 5 : Infinity;
  const usedClauses = new Set<string>();
  let length = units.reduce((n, u) => n + unitText(u).length + 1, 0);
  const connective = (f: TFact): TUnit | null => {
    if (o.style !== "vivid" || !f.cls) return null;
    for (const c of o.compiled.model.connectives[f.cls] ?? []) {
      if (usedClauses.has(c.t) || o.forbidden(c.t) || o.banned?.has(c.t)) continue;
      usedClauses.add(c.t);
      return { pieces: [c.t], facts: [], kind: "connective" };
    }
    return null;
  };
  for (const f of rest) {
    if (units.filter((u) => u.kind === "fact").length >= budget) break;
    const u = factUnit(f, o, picker, units.length === 0);
    if (o.field === "BULLETS") {
      const c = length < o.targetChars ? connective(f) : null;
      units.push(c ? { ...u, pieces: [...u.pieces, "，", ...c.pieces] } : u);
    } else {
      units.push(u);
      length += unitText(u).length + 1;
      const c = o.field === "DESCRIPTION" && length < o.targetChars ? connective(f) : null;
      if (c) {
        units.push(c);
        length += unitText(c).length + 1;
      }
    }
  }
  // Bullets list the facts; "这款外套" is an opening, not a bullet (its fact stays in the title).
  if (o.field === "BULLETS") return { units: units.slice(opening, opening + 5), mode: "lines", perSentence: 1 };
  if (o.field === "DESCRIPTION" && o.style === "vivid") {
    // Fillers say nothing new: none repeats a two-character word already said (气质 once).
    let text = units.map(unitText).join("");
    const said = (t: string): boolean => {
      for (let i = 0; i + 2 <= t.length; i++)
        if (/[\u4e00-\u9fff]{2}/.test(t.slice(i, i + 2)) && text.includes(t.slice(i, i + 2))) return true;
      return false;
    };
    const model = o.compiled.model;
    for (const filler of (type && model.fillersByCategory[type.value]) || model.fillers) {
      if (length >= o.targetChars) break;
      if (usedClauses.has(filler.t) || o.forbidden(filler.t) || o.banned?.has(filler.t) || said(filler.t)) continue;
      usedClauses.add(filler.t);
      units.push({ pieces: [filler.t], facts: [], kind: "filler" });
      text += filler.t;
      length += filler.t.length + 1;
    }
  }
  return { units, mode: "sentences", perSentence: o.field === "SHORT" ? units.length : o.style === "concise" ? 3 : 2 };
}

/** Templates of a fact weighed by expected BLEU: the best-ranked few. */
const TEMPLATE_CHOICES = 8;
/** Connectives considered after each fact clause, and fillers for the closing. */
const CONNECTIVE_CHOICES = 15;
const FILLER_CHOICES = 20;
const CLAUSES_PER_SENTENCE = 6;
/**
 * How much a fact clause's length counts, in units of what a character is worth to the expected
 * brevity penalty (chosen by cross-validation over the mining folds among 1, 1.5, 2, 3, 4, 6).
 */
const LENGTH_WEIGHT = 3;

/**
 * A vivid description chosen by expected BLEU against an unseen reference (`select.ts`): each fact
 * in plan order gets the template whose wording references most likely share, then connectives
 * (after the fact they follow) and fillers (at the end) are added one at a time, the best first,
 * while they raise the expected score — so the length is where the expected brevity penalty and
 * the precision of what is added balance. The facts and their claims are those of the plan; only
 * fact-free wording is chosen.
 */
function realiseByExpectedBleu(
  opening: TUnit[],
  facts: readonly TFact[],
  o: TRealiseOptions & { scorer: ExpectedBleu; category: string | null },
): TRealised {
  const { scorer } = o;
  const picker: TPicker = { used: new Set() };
  for (const u of opening) scorer.commit(unitText(u));
  const perChar = LENGTH_WEIGHT * scorer.lengthValue();
  const clauses: { unit: TUnit; cls: string | null; after: TUnit | null }[] = [];
  for (const f of facts) {
    const choices = rankTemplates(f, o, picker, opening.length + clauses.length === 0).slice(0, TEMPLATE_CHOICES);
    let unit = choices.length ? null : factUnit(f, o, picker, opening.length + clauses.length === 0);
    if (!unit) {
      let best = -Infinity;
      for (const t of choices) {
        const u = templateUnit(f, t);
        const text = unitText(u);
        const score = scorer.logPrecision(scorer.delta(text)) + perChar * text.length;
        if (score > best) {
          best = score;
          unit = u;
        }
      }
      if (unit?.template) picker.used.add(unit.template);
    }
    if (!unit) continue;
    scorer.commit(unitText(unit));
    clauses.push({ unit, cls: f.cls, after: null });
  }

  const usable = (t: string): boolean => !o.forbidden(t) && !o.banned?.has(t);
  type TExtra = { text: string; at: number | null };
  let pool: TExtra[] = [];
  clauses.forEach((c, at) => {
    if (!c.cls) return;
    for (const x of (o.compiled.model.connectives[c.cls] ?? []).slice(0, CONNECTIVE_CHOICES))
      if (usable(x.t)) pool.push({ text: x.t, at });
  });
  const model = o.compiled.model;
  for (const x of ((o.category && model.fillersByCategory[o.category]) || model.fillers).slice(0, FILLER_CHOICES))
    if (usable(x.t)) pool.push({ text: x.t, at: null });
  const fillers: TUnit[] = [];
  for (;;) {
    let best: { x: TExtra; score: number } | null = null;
    for (const x of pool) {
      const score = scorer.logBleu(scorer.delta(x.text));
      if (!best || score > best.score) best = { x, score };
    }
    if (!best || best.score <= scorer.logBleu()) break;
    const { x } = best;
    scorer.commit(x.text);
    const unit: TUnit = { pieces: [x.text], facts: [], kind: x.at === null ? "filler" : "connective" };
    if (x.at === null) fillers.push(unit);
    else {
      const c = clauses[x.at];
      if (c) c.after = unit;
    }
    // One connective per clause; no clause twice.
    pool = pool.filter((p) => p.text !== x.text && (x.at === null || p.at !== x.at));
  }
  const units = [...opening];
  for (const c of clauses) units.push(c.unit, ...(c.after ? [c.after] : []));
  units.push(...fillers);
  // A sentence ends after a connective, or after this many clauses: references put about three full
  // stops in a description of ~110 characters.
  return { units, mode: "sentences", perSentence: CLAUSES_PER_SENTENCE };
}
