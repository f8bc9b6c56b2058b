// Review aspects: which aspects of a product a review talks about (续航, 屏幕, fit, shipping …) and
// how it judges each, clause by clause. A clause is the span between punctuation or a contrast
// word ("但是", "but"), so "外观不错，但是质量太差" judges 外观 and 质量 separately. Opinion words
// are assigned to the nearest aspect word of their clause, negation (不/没/not …) flips them, and
// "long / high / big" words are read through the aspect (续航长 is good, 噪音大 is bad).
import { normalizeWithOffsets, originalRange, type TNormalizedText } from "../analysis/offset-normalizer.js";
import {
  ASPECTS,
  EN_NEGATION_BEFORE,
  EN_OPINIONS,
  EN_SCALARS,
  EN_HEDGE,
  ZH_HEDGE,
  ZH_NEGATION_BEFORE,
  ZH_NON_OPINIONS,
  ZH_OPINIONS,
  ZH_SCALARS,
  type TAspectId,
} from "./aspect-lexicon.js";

export type TAspectPolarity = "positive" | "negative" | "neutral";

export type TAspectSpan = { text: string; start: number; end: number };

export type TAspectMention = {
  aspect: TAspectId;
  /** The aspect word as written; UTF-16 offsets into the original text. */
  term: TAspectSpan;
  /** The clause the mention stands in (offsets into the original text). */
  clause: TAspectSpan;
  /**
   * Lexicon evidence for this mention: the sum of the polarities of the opinion words assigned to
   * it, after negation, in [−3, 3]. 0 when the clause has no opinion word about it.
   */
  lexicon: number;
  /** The clause asks or hedges ("不知道续航怎么样?"): it names the aspect without judging it. */
  hedged: boolean;
};

// Reviews beyond this length are judged on their head: a pasted manual is not a review.
const MAX_CHARS = 20_000;
// A quote longer than this is cut to a window around the aspect word.
const MAX_CLAUSE_CHARS = 80;
// Scalars ("长", "long") count this close after (or, in English, before) an aspect word.
const ZH_SCALAR_WINDOW = 6;
const EN_SCALAR_WINDOW = 24;
// Preceding context examined for a negator.
const NEGATION_WINDOW = 24;

type TTermInfo = { aspect: TAspectId; polarity: number; scalar: number };

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const byLengthDesc = (words: Iterable<string>): string[] =>
  [...words].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));

function termTable(lang: "zh" | "en"): Map<string, TTermInfo> {
  const table = new Map<string, TTermInfo>();
  for (const a of ASPECTS)
    for (const t of a[lang]) {
      const term = typeof t === "string" ? { text: t } : t;
      table.set(term.text.toLowerCase(), {
        aspect: a.id,
        polarity: term.polarity ?? 0,
        scalar: term.scalar ?? a.scalar ?? 0,
      });
    }
  return table;
}

const ZH_TERMS = termTable("zh");
const EN_TERMS = termTable("en");
const HAN_OR_LATIN_WORD = "[\\p{L}\\p{N}]";
// Han words match anywhere (Chinese has no spaces); Latin words only as whole words, plural allowed.
const ZH_TERM_RE = new RegExp(byLengthDesc(ZH_TERMS.keys()).map(escape).join("|"), "gu");
const EN_TERM_RE = new RegExp(
  `(?<!${HAN_OR_LATIN_WORD})(?:${byLengthDesc(EN_TERMS.keys()).map(escape).join("|")})(?:e?s)?(?!${HAN_OR_LATIN_WORD})`,
  "giu",
);
const ZH_OPINION_RE = new RegExp(byLengthDesc(ZH_OPINIONS.keys()).map(escape).join("|"), "gu");
const ZH_MASK_RE = new RegExp(byLengthDesc(ZH_NON_OPINIONS).map(escape).join("|"), "gu");
const EN_OPINION_RE = new RegExp(
  `(?<!${HAN_OR_LATIN_WORD})(?:${byLengthDesc(EN_OPINIONS.keys()).map(escape).join("|")})(?!${HAN_OR_LATIN_WORD})`,
  "giu",
);
const ZH_SCALAR_RE = new RegExp(byLengthDesc(ZH_SCALARS.keys()).map(escape).join("|"), "u");
const EN_SCALAR_RE = new RegExp(
  `(?<!${HAN_OR_LATIN_WORD})(?:${byLengthDesc(EN_SCALARS.keys()).map(escape).join("|")})(?!${HAN_OR_LATIN_WORD})`,
  "iu",
);
const HAN = /\p{Script=Han}/u;

// Clause boundaries: sentence and clause punctuation (not a decimal point), line breaks, and the
// position before a contrast word.
const CLAUSE_BREAK =
  /[，,。！!？?；;…~～\n\r]+|(?<!\d)\.(?!\d)|\s+-\s+|(?=但是|但|不过|可是|然而|只是|却)|(?<=\s)(?=(?:but|however|although|though|except|yet|whereas)\b)/giu;

type TClause = { start: number; end: number };

function splitClauses(t: string): TClause[] {
  const clauses: TClause[] = [];
  let from = 0;
  const push = (start: number, end: number) => {
    while (start < end && /\s/u.test(t[start]!)) start++;
    while (end > start && /\s/u.test(t[end - 1]!)) end--;
    if (end > start) clauses.push({ start, end });
  };
  for (const m of t.matchAll(CLAUSE_BREAK)) {
    push(from, m.index);
    from = m.index + m[0].length;
  }
  push(from, t.length);
  return clauses;
}

type THit = { start: number; end: number; polarity: number };
type TTermHit = { start: number; end: number; info: TTermInfo };

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }): boolean =>
  a.start < b.end && b.start < a.end;

function findTerms(t: string): TTermHit[] {
  const hits: TTermHit[] = [];
  // "富贵" is no price: a masked word hides the aspect words inside it (but 快递 stays 快递).
  const masks = [...t.matchAll(ZH_MASK_RE)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
  for (const m of t.matchAll(ZH_TERM_RE)) {
    const hit = { start: m.index, end: m.index + m[0].length, info: ZH_TERMS.get(m[0])! };
    if (!masks.some((x) => overlaps(x, hit) && (x.start !== hit.start || x.end !== hit.end))) hits.push(hit);
  }
  for (const m of t.matchAll(EN_TERM_RE)) {
    const word = m[0].toLowerCase();
    const info = EN_TERMS.get(word) ?? EN_TERMS.get(word.replace(/e?s$/u, "")) ?? EN_TERMS.get(word.replace(/s$/u, ""));
    if (info) hits.push({ start: m.index, end: m.index + m[0].length, info });
  }
  return hits.sort((a, b) => a.start - b.start);
}

function isNegated(t: string, clauseStart: number, at: number): boolean {
  const before = t.slice(Math.max(clauseStart, at - NEGATION_WINDOW), at);
  return HAN.test(t[at] ?? "") || HAN.test(before.slice(-1))
    ? ZH_NEGATION_BEFORE.test(before)
    : EN_NEGATION_BEFORE.test(before);
}

function findOpinions(t: string, clause: TClause, terms: TTermHit[]): THit[] {
  const text = t.slice(clause.start, clause.end);
  const masks: { start: number; end: number }[] = [];
  for (const m of text.matchAll(ZH_MASK_RE))
    masks.push({ start: clause.start + m.index, end: clause.start + m.index + m[0].length });
  const hits: THit[] = [];
  const consider = (start: number, end: number, polarity: number) => {
    const span = { start, end };
    if (masks.some((m) => overlaps(m, span))) return;
    // An opinion inside an aspect word is part of its name ("快" in "快递"); one that contains the
    // aspect word judges it ("耗电快").
    if (
      terms.some(
        (term) =>
          overlaps(term, span) && !(start <= term.start && end >= term.end && end - start > term.end - term.start),
      )
    )
      return;
    hits.push({ start, end, polarity: isNegated(t, clause.start, start) ? -polarity : polarity });
  };
  for (const m of text.matchAll(ZH_OPINION_RE))
    consider(clause.start + m.index, clause.start + m.index + m[0].length, ZH_OPINIONS.get(m[0])!);
  for (const m of text.matchAll(EN_OPINION_RE))
    consider(clause.start + m.index, clause.start + m.index + m[0].length, EN_OPINIONS.get(m[0].toLowerCase())!);
  return hits;
}

/** "long / high / big" next to an aspect word, as a polarity through the word's scalar sense. */
function scalarOf(t: string, clause: TClause, term: TTermHit, terms: TTermHit[]): THit | null {
  if (!term.info.scalar) return null;
  const isZh = HAN.test(t[term.start] ?? "");
  const nextTerm = terms.find((o) => o.start >= term.end);
  const limit = Math.min(
    clause.end,
    nextTerm?.start ?? clause.end,
    term.end + (isZh ? ZH_SCALAR_WINDOW : EN_SCALAR_WINDOW),
  );
  const after = t.slice(term.end, limit);
  const m = (isZh ? ZH_SCALAR_RE : EN_SCALAR_RE).exec(after);
  let hit: { start: number; end: number; word: string } | null = m
    ? { start: term.end + m.index, end: term.end + m.index + m[0].length, word: m[0] }
    : null;
  if (!hit && !isZh) {
    // "long battery life": the scalar right before the aspect word.
    const before = /([\p{L}]+)\s+$/u.exec(t.slice(Math.max(clause.start, term.start - EN_SCALAR_WINDOW), term.start));
    if (before && EN_SCALARS.has(before[1]!.toLowerCase())) {
      const start = term.start - before[0].length;
      hit = { start, end: start + before[1]!.length, word: before[1]! };
    }
  }
  if (!hit) return null;
  const sense = (isZh ? ZH_SCALARS : EN_SCALARS).get(isZh ? hit.word : hit.word.toLowerCase()) ?? 0;
  const polarity = sense * term.info.scalar;
  return { start: hit.start, end: hit.end, polarity: isNegated(t, clause.start, hit.start) ? -polarity : polarity };
}

/**
 * The aspect word an opinion is about: the nearest one before it ("屏幕很清晰电池不耐用": 清晰 is
 * about 屏幕), except that an English adjective right before an aspect word is about that word
 * ("great battery"); with no aspect word before it, the nearest one after it.
 */
function ownerOf(t: string, terms: TTermHit[], op: THit): number {
  let before = -1;
  let after = -1;
  terms.forEach((term, i) => {
    if (term.end <= op.start || (term.start < op.end && term.start <= op.start)) before = i;
    else if (after < 0) after = i;
  });
  if (after >= 0 && !HAN.test(t[op.start] ?? "") && /^\s*$/u.test(t.slice(op.end, terms[after]!.start))) return after;
  return before >= 0 ? before : Math.max(after, 0);
}

const isLatinWord = (c: string | undefined): boolean => c !== undefined && /[\p{L}\p{N}]/u.test(c) && !HAN.test(c);
const isLowSurrogate = (t: string, i: number): boolean => {
  const c = t.charCodeAt(i);
  return c >= 0xdc00 && c <= 0xdfff;
};

function clip(x: number): number {
  return Math.max(-3, Math.min(3, x));
}

function quoteSpan(norm: TNormalizedText, original: string, t: string, clause: TClause, term: TTermHit): TAspectSpan {
  let { start, end } = clause;
  if (end - start > MAX_CLAUSE_CHARS) {
    start = Math.max(clause.start, term.start - MAX_CLAUSE_CHARS / 2);
    end = Math.min(clause.end, start + MAX_CLAUSE_CHARS);
    start = Math.max(clause.start, end - MAX_CLAUSE_CHARS);
    // Do not cut a Latin word or a surrogate pair in half.
    while (start > clause.start && (isLowSurrogate(t, start) || (isLatinWord(t[start - 1]) && isLatinWord(t[start]))))
      start--;
    while (end < clause.end && (isLowSurrogate(t, end) || (isLatinWord(t[end - 1]) && isLatinWord(t[end])))) end++;
  }
  const r = originalRange(norm, start, end);
  return { text: original.slice(r.start, r.end), start: r.start, end: r.end };
}

/**
 * Aspect mentions of one review, in text order, with the lexicon's judgement of each. Offsets are
 * UTF-16 indices into `text`. Matching is done on the NFKC-folded text (full-width letters and
 * punctuation count as their half-width forms).
 */
export function extractAspectMentions(text: string): TAspectMention[] {
  if (!text) return [];
  const original = text.length > MAX_CHARS ? text.slice(0, MAX_CHARS) : text;
  const norm = normalizeWithOffsets(original);
  const t = norm.text;
  const terms = findTerms(t);
  if (!terms.length) return [];
  const clauses = splitClauses(t);
  const mentions: TAspectMention[] = [];
  clauses.forEach((clause, c) => {
    const inClause = terms.filter((term) => term.start >= clause.start && term.end <= clause.end);
    if (!inClause.length) return;
    // Words like 划算 or "overpriced" judge as they name (and 不划算 is negated like an opinion).
    const evidence = inClause.map((term) => {
      const p = term.info.polarity;
      return { term, score: p && isNegated(t, clause.start, term.start) ? -p : p, count: p ? 1 : 0 };
    });
    const add = (i: number, hit: THit) => {
      evidence[i]!.score += hit.polarity;
      evidence[i]!.count += 1;
    };
    inClause.forEach((term, i) => {
      const s = scalarOf(t, clause, term, inClause);
      if (s) add(i, s);
    });
    for (const op of findOpinions(t, clause, inClause)) add(ownerOf(t, inClause, op), op);
    // "价格和质量都很好": an aspect word without an opinion of its own shares its clause's.
    const judged = evidence.filter((e) => e.count > 0);
    let shared = judged.length ? judged.reduce((s, e) => s + e.score, 0) / judged.length : 0;
    let span = clause;
    const next = clauses[c + 1];
    if (!judged.length && next && !terms.some((term) => term.start >= next.start && term.end <= next.end)) {
      // "快递小哥送货上门，很方便": a clause that names no aspect judges the one before it.
      const borrowed = findOpinions(t, next, []);
      if (borrowed.length) {
        shared = borrowed.reduce((s, h) => s + h.polarity, 0);
        span = { start: clause.start, end: next.end };
      }
    }
    const clauseText = t.slice(clause.start, clause.end);
    const hedged =
      ZH_HEDGE.test(clauseText) || EN_HEDGE.test(clauseText) || /^\s*[?？]/u.test(t.slice(clause.end, clause.end + 3));
    // One mention per aspect and clause ("尺码偏大": 尺码 and 偏大 are one judgement of the size).
    const byAspect = new Map<TAspectId, { term: TTermHit; score: number; count: number }>();
    for (const e of evidence) {
      const seen = byAspect.get(e.term.info.aspect);
      if (!seen) byAspect.set(e.term.info.aspect, { ...e });
      else {
        seen.score += e.score;
        seen.count += e.count;
      }
    }
    for (const e of byAspect.values()) {
      const r = originalRange(norm, e.term.start, e.term.end);
      mentions.push({
        aspect: e.term.info.aspect,
        term: { text: original.slice(r.start, r.end), start: r.start, end: r.end },
        clause: quoteSpan(norm, original, t, span, e.term),
        lexicon: hedged ? 0 : clip(e.count > 0 ? e.score : shared),
        hedged,
      });
    }
  });
  return mentions;
}

export type TClauseSentiment = { label: TAspectPolarity; score: number };

export type TJudgedMention = TAspectMention & {
  polarity: TAspectPolarity;
  /** How sure the judgement is, in [0.5, 1]. */
  confidence: number;
};

// Above this probability the sentiment model overrules the lexicon on a clause (it reads the
// whole clause; the lexicon may have missed the word that matters). Chosen on the aspect
// evaluation (docs/evaluation.md).
export const MODEL_OVERRULES_AT = 0.9;

// Below this probability the model's reading of a clause is no evidence: a clause is a few words,
// and the aspect figures were chosen with the model abstaining under 0.65 (it used to be the
// classifier's neutral band; the classifier now answers from 0.5, see docs/models/sentiment-v1.md and sentiment-v2.md).
export const MODEL_DECIDES_AT = 0.65;

/**
 * The polarity of a mention from the lexicon and, when given, the sentiment model's reading of its
 * clause: the lexicon decides when it found an opinion, unless the model is very sure of the
 * opposite; without lexicon evidence the model decides if it is fairly sure (`MODEL_DECIDES_AT`);
 * with neither, or in a hedged clause, neutral.
 */
export function judgeMention(
  m: TAspectMention,
  clause?: TClauseSentiment,
  options: { modelOverrulesAt?: number } = {},
): TJudgedMention {
  if (m.hedged) return { ...m, polarity: "neutral", confidence: 0.5 };
  const lex: TAspectPolarity = m.lexicon > 0 ? "positive" : m.lexicon < 0 ? "negative" : "neutral";
  const lexConfidence = Math.min(0.95, 0.6 + 0.15 * Math.abs(m.lexicon));
  if (!clause || clause.label === "neutral" || clause.score < MODEL_DECIDES_AT) {
    return { ...m, polarity: lex, confidence: lex === "neutral" ? (clause?.score ?? 0.5) : lexConfidence };
  }
  if (lex === "neutral") return { ...m, polarity: clause.label, confidence: clause.score };
  if (lex === clause.label) return { ...m, polarity: lex, confidence: Math.max(lexConfidence, clause.score) };
  // They disagree: whoever wins is less sure than it would be alone.
  if (clause.score >= (options.modelOverrulesAt ?? MODEL_OVERRULES_AT))
    return { ...m, polarity: clause.label, confidence: Math.max(0.5, clause.score - (lexConfidence - 0.5)) };
  return { ...m, polarity: lex, confidence: Math.max(0.5, lexConfidence - (clause.score - 0.5)) };
}
