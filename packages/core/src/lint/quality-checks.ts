import type { TLintContext } from "./lint-context.js";
import type { TLintFinding } from "./types.js";

// Quality checks that a word list cannot express: full-width letters and digits and half-width
// commas in Chinese copy (mixed widths), and keyword stuffing (one term repeated until it dominates
// the text). Typos, repeated punctuation and doubled words are rules in the packs.

export const QUALITY_PACK = "quality";
export const QUALITY_PACK_VERSION = "1.0.0";

const base = { pack: QUALITY_PACK, packVersion: QUALITY_PACK_VERSION, category: "QUALITY" as const, evidence: [] };

const FULL_WIDTH_ALNUM = /[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]+/gu;
const HALF_COMMA_IN_HAN = /(?<=\p{Script=Han}),(?=\p{Script=Han})/gu;
const FULL_COMMA_IN_LATIN = /(?<=[A-Za-z0-9])[，。](?=\s?[A-Za-z])/gu;

function widthFindings(ctx: TLintContext): TLintFinding[] {
  const { text, locale } = ctx;
  const out: TLintFinding[] = [];
  for (const m of text.matchAll(FULL_WIDTH_ALNUM)) {
    const half = m[0].replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
    out.push({
      ...base,
      rule: `${locale}.quality.full_width`,
      severity: "INFO",
      start: m.index,
      end: m.index + m[0].length,
      match: m[0],
      message:
        locale === "zh"
          ? `全角字母或数字“${m[0]}”，应使用半角`
          : `Full-width characters "${m[0]}": use ordinary (half-width) ones`,
      suggestion: half,
      autofix: true,
    });
  }
  const wrongPunct = locale === "zh" ? HALF_COMMA_IN_HAN : FULL_COMMA_IN_LATIN;
  for (const m of text.matchAll(wrongPunct)) {
    out.push({
      ...base,
      rule: `${locale}.quality.mixed_punctuation`,
      severity: "INFO",
      start: m.index,
      end: m.index + 1,
      match: m[0],
      message:
        locale === "zh" ? "中文之间使用了半角逗号，应使用全角“，”" : `Chinese punctuation "${m[0]}" in English copy`,
      suggestion: locale === "zh" ? "，" : m[0] === "，" ? "," : ".",
      autofix: true,
    });
  }
  return out;
}

// Stuffing: a term of at least two Han characters (or one English word of 3+ letters that is not a
// function word) used four or more times, making up at least a fifth (zh characters) or an eighth
// (en words) of the text.
const MIN_REPEATS = 4;
const EN_FUNCTION_WORDS = new Set(
  "the and for with your you this that are from its our has have not but all can will into more than one per".split(
    " ",
  ),
);

const isHan = (c: number): boolean => (c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff);
const BINS = 4096;
const bins = new Uint8Array(BINS);

/**
 * Cheap prefilter: whether any Han bigram (zh) or word (en) may occur MIN_REPEATS times, counted in
 * hashed bins (collisions only ever make it say yes). Nearly all copy stops here.
 */
function mayRepeat(folded: string, locale: "zh" | "en"): boolean {
  bins.fill(0);
  let hit = false;
  if (locale === "zh") {
    for (let i = 1; i < folded.length; i++) {
      const a = folded.charCodeAt(i - 1);
      const b = folded.charCodeAt(i);
      if (!isHan(a) || !isHan(b)) continue;
      const h = (Math.imul(a, 31) + b) & (BINS - 1);
      if (++bins[h]! >= MIN_REPEATS) hit = true;
    }
    return hit;
  }
  let h = 0;
  let len = 0;
  for (let i = 0; i <= folded.length; i++) {
    const c = i < folded.length ? folded.charCodeAt(i) : 32;
    if (c >= 0x61 && c <= 0x7a) {
      h = (Math.imul(h, 31) + c) | 0;
      len++;
    } else {
      if (len >= 3 && ++bins[h & (BINS - 1)]! >= MIN_REPEATS) hit = true;
      h = 0;
      len = 0;
    }
  }
  return hit;
}

// Stuffing is a problem of titles and short copy; a long description repeats its subject honestly.
const MAX_STUFFING_TEXT = 2000;

function stuffingFindings(ctx: TLintContext): TLintFinding[] {
  const { text, folded, locale } = ctx;
  if (folded.length > MAX_STUFFING_TEXT || !mayRepeat(folded, locale)) return [];
  let best: { term: string; count: number; starts: number[] } | null = null;
  if (locale === "zh") {
    const han = folded.match(/\p{Script=Han}/gu)?.length ?? 0;
    if (han < 8) return [];
    // Longest repeated Han n-gram first, so "手机壳" is reported rather than "手机".
    for (let n = 4; n >= 2 && !best; n--) {
      const seen = new Map<string, number[]>();
      for (const run of folded.matchAll(/\p{Script=Han}+/gu)) {
        for (let i = 0; i + n <= run[0].length; i++) {
          const g = run[0].slice(i, i + n);
          const starts = seen.get(g) ?? [];
          // Non-overlapping occurrences only ("哈哈哈哈" is not four "哈哈").
          if (!starts.length || starts[starts.length - 1]! + n <= run.index + i) starts.push(run.index + i);
          seen.set(g, starts);
        }
      }
      for (const [term, starts] of seen) {
        if (starts.length >= MIN_REPEATS && (starts.length * n) / han >= 0.2 && (!best || starts.length > best.count))
          best = { term, count: starts.length, starts };
      }
    }
  } else {
    const words = [...folded.matchAll(/[a-z][a-z'-]{2,}/g)];
    if (words.length < 8) return [];
    const seen = new Map<string, number[]>();
    for (const w of words) {
      if (EN_FUNCTION_WORDS.has(w[0])) continue;
      seen.set(w[0], [...(seen.get(w[0]) ?? []), w.index]);
    }
    for (const [term, starts] of seen) {
      if (
        starts.length >= MIN_REPEATS &&
        starts.length / words.length >= 0.125 &&
        (!best || starts.length > best.count)
      )
        best = { term, count: starts.length, starts };
    }
  }
  if (!best) return [];
  // Marks the repeats beyond the third: what has to go.
  const start = best.starts[MIN_REPEATS - 1]!;
  const last = best.starts[best.starts.length - 1]! + best.term.length;
  return [
    {
      ...base,
      rule: `${locale}.quality.keyword_stuffing`,
      severity: "LOW",
      start,
      end: last,
      match: text.slice(start, last),
      message:
        locale === "zh"
          ? `“${text.slice(best.starts[0], best.starts[0]! + best.term.length)}”重复出现${best.count}次，疑似堆砌关键词`
          : `"${text.slice(best.starts[0], best.starts[0]! + best.term.length)}" appears ${best.count} times: keyword stuffing`,
      autofix: false,
    },
  ];
}

export function qualityFindings(ctx: TLintContext): TLintFinding[] {
  return [...widthFindings(ctx), ...stuffingFindings(ctx)];
}
