import type { TAttributeMap, TLintLocale } from "./types.js";
import { spanIndex, type TSpanIndex } from "./span-index.js";
import { foldText } from "./text-fold.js";

// What every rule needs to know about a text besides the match itself: where clauses start, which
// spans quote a buyer, which spans restate an attribute, and the attributes as searchable lines.
// Computed once per lint() call, lazily where a rule may never ask.

export type TSpan = { start: number; end: number };

export type TLintContext = {
  text: string;
  /** Same length as text: ASCII lower case, full width folded (see text-fold.ts). */
  folded: string;
  locale: TLintLocale;
  /** "key: value" per line, folded; tested by rules' `unlessAttribute`. Computed on first use. */
  readonly attributeLines: string;
  /** Spans of the text that repeat an attribute name or value verbatim (folded). Computed on first use. */
  readonly restated: TSpanIndex;
  /** Quoted text attributed to buyers (“…” after 买家评价 / "customer says"). Computed on first use. */
  readonly quotedReviews: TSpanIndex;
};

const showValue = (v: TAttributeMap[string]): string[] =>
  Array.isArray(v) ? (v as readonly string[]).map(String) : [String(v)];

/** Attribute names and values as folded strings worth looking for in the text. */
function attributeStrings(attributes: TAttributeMap): string[] {
  const out = new Set<string>();
  for (const [key, value] of Object.entries(attributes)) {
    const k = foldText(key).replace(/_/g, " ").trim();
    if (k.length >= 2) out.add(k);
    for (const v of showValue(value)) {
      const f = foldText(v).trim();
      if (f.length >= 2) out.add(f);
      // "天然乳胶、泰国" and "2x USB-C, 1x USB-A": each part is restated on its own too.
      for (const part of f.split(/[、,，;；/|]\s*/)) if (part.trim().length >= 2 && part !== f) out.add(part.trim());
    }
  }
  return [...out];
}

function restatedSpans(folded: string, attributes: TAttributeMap | undefined): TSpan[] {
  if (!attributes) return [];
  const spans: TSpan[] = [];
  for (const s of attributeStrings(attributes)) {
    for (let i = folded.indexOf(s); i >= 0; i = folded.indexOf(s, i + 1)) spans.push({ start: i, end: i + s.length });
  }
  return spans;
}

const QUOTE_PAIRS: Record<string, string> = { "“": "”", '"': '"', "「": "」", "『": "』" };
// Who is speaking: a buyer, a reviewer, a customer (checked just before the opening quote or just
// after the closing one).
const REVIEW_CUE =
  /(买家|顾客|用户|网友|客户|宝妈|消费者|老顾客|回头客|评价|好评|评论|反馈|晒单|留言|customer|buyer|reviewer|review|shopper|verified|says|said|wrote|writes|★|⭐)/u;
const CUE_WINDOW = 16;

function quotedReviewSpans(folded: string): TSpan[] {
  const spans: TSpan[] = [];
  for (let i = 0; i < folded.length; i++) {
    const close = QUOTE_PAIRS[folded[i]!];
    if (!close) continue;
    const j = folded.indexOf(close, i + 1);
    if (j < 0) break;
    const before = folded.slice(Math.max(0, i - CUE_WINDOW), i);
    const after = folded.slice(j + 1, j + 1 + CUE_WINDOW);
    if (REVIEW_CUE.test(before) || (/^\s*[-—–~]{1,2}\s*\S/u.test(after) && REVIEW_CUE.test(after)))
      spans.push({ start: i, end: j + 1 });
    i = j;
  }
  return spans;
}

/** The context of one text; the parts most texts never need are computed on first use. */
export function createLintContext(o: {
  text: string;
  locale: TLintLocale;
  attributes: TAttributeMap | undefined;
}): TLintContext {
  const folded = foldText(o.text);
  let attributeLines: string | undefined;
  let restated: TSpanIndex | undefined;
  let quotedReviews: TSpanIndex | undefined;
  return {
    text: o.text,
    folded,
    locale: o.locale,
    get attributeLines() {
      return (attributeLines ??= o.attributes
        ? Object.entries(o.attributes)
            .map(([k, v]) => foldText(`${k}: ${showValue(v).join(", ")}`))
            .join("\n")
        : "");
    },
    get restated() {
      return (restated ??= spanIndex(restatedSpans(folded, o.attributes)));
    },
    get quotedReviews() {
      return (quotedReviews ??= spanIndex(/[“"「『]/u.test(folded) ? quotedReviewSpans(folded) : []));
    },
  };
}

export const within = (inner: TSpan, outer: TSpan): boolean => inner.start >= outer.start && inner.end <= outer.end;
export const overlaps = (a: TSpan, b: TSpan): boolean => a.start < b.end && b.start < a.end;

// Clause boundaries: a negation or a context cue never reaches across them. "." counts only when
// it is not a decimal point.
const CLAUSE_BREAK = /[，,。！!？?；;：:\n、…]|\.(?!\d)/u;

/** Start of the clause that contains offset `at`, looking back at most `limit` characters. */
export function clauseStart(folded: string, at: number, limit = Infinity): number {
  const stop = Math.max(0, at - limit);
  for (let i = at - 1; i >= stop; i--) if (CLAUSE_BREAK.test(folded[i]!)) return i + 1;
  return stop;
}

// A negation right before a claim in the same clause flips it: 不能治疗 / 并非第一 / "does not cure".
// 不仅/不但/不断/非常 and friends are not negations.
const ZH_NEGATION =
  /(?:不(?![仅但只止断错少同管论久光满]|用(?!于))|没有?|无法|未经?|非(?![常凡])|并非|绝非|切勿|禁止|严禁|谨防)[^，,。！!？?；;]{0,6}$/u;
const EN_NEGATION =
  /\b(?:not|no|never|without|isn't|aren't|doesn't|don't|didn't|cannot|can't|won't|nor|neither)\b(?:[\s-]+[a-z0-9']+){0,3}[\s-]*$/u;

const NEGATION_REACH = 24;

/** True when the clause before the match (same clause, a few words back) is negated. */
export function isNegated(ctx: TLintContext, start: number): boolean {
  const from = clauseStart(ctx.folded, start, NEGATION_REACH);
  const before = ctx.folded.slice(from, start);
  if (!before) return false;
  return ctx.locale === "zh" ? ZH_NEGATION.test(before) || EN_NEGATION.test(before) : EN_NEGATION.test(before);
}
