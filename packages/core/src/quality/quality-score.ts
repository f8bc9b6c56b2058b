import { compareAttributes } from "../analysis/attribute-comparison.js";
import { extractAttributes } from "../analysis/attribute-extractor.js";
import { copyUnits, shingleHashes } from "../duplicates/copy-units.js";
import { lint, resolveLintLocale } from "../lint/lint.js";
import { allCaps, boilerplate, brokenUnits, repeatedSentences, widthMix, type TQualityHit } from "./quality-checks.js";

// How good a product's copy is as copy, with the reasons and the corrections that would fix what
// can be fixed. The score starts at 100; each reason takes its penalty (capped per kind). Reasons:
// length, attribute coverage and contradictions, repetition, keyword stuffing, boilerplate, copy
// shared with other products (when the caller knows it), and typos and formatting errors — the
// linter's QUALITY findings (typos, repeated punctuation, doubled words, widths, stuffing) plus
// broken units and the rest of the punctuation-width mix.

export const QUALITY_VERSION = "quality-v1";

export type TQualityField = "title" | "description";
export type TQualityCode =
  | "TITLE_TOO_SHORT"
  | "TITLE_TOO_LONG"
  | "DESCRIPTION_MISSING"
  | "DESCRIPTION_TOO_SHORT"
  | "DESCRIPTION_TOO_LONG"
  | "LOW_ATTRIBUTE_COVERAGE"
  | "ATTRIBUTE_CONTRADICTED"
  | "REPEATED_SENTENCE"
  | "REPETITIVE_TEXT"
  | "KEYWORD_STUFFING"
  | "BOILERPLATE"
  | "COPIED_TEXT"
  | "TYPO"
  | "REPEATED_PUNCTUATION"
  | "DUPLICATE_WORD"
  | "MIXED_WIDTH"
  | "MIXED_PUNCTUATION"
  | "BROKEN_UNIT"
  | "ALL_CAPS";

export type TQualityReason = {
  code: TQualityCode;
  field: TQualityField;
  /** Points taken off the score for this reason (after the per-kind cap). */
  penalty: number;
  message: string;
  /** UTF-16 span in the field's text when the reason is about a passage. */
  start?: number;
  end?: number;
};

export type TQualityCorrection = {
  code: TQualityCode;
  field: TQualityField;
  start: number;
  end: number;
  original: string;
  /** "" deletes the span. */
  replacement: string;
  /** Safe to apply mechanically (it still goes through review as an EDITED variant). */
  autofix: boolean;
};

export type TQualityReport = {
  version: string;
  /** 0–100. */
  score: number;
  grade: "A" | "B" | "C" | "D";
  language: "zh" | "en";
  reasons: TQualityReason[];
  corrections: TQualityCorrection[];
  metrics: {
    titleLength: number;
    descriptionLength: number;
    /** Share of the structured attributes the copy states, null without attributes. */
    attributeCoverage: number | null;
    /** Share of repeated shingles in the description, [0, 1]. */
    repetition: number;
    /** Share of the description that is boilerplate, [0, 1]. */
    boilerplateRatio: number;
  };
};

export type TQualityInput = {
  title: string;
  description: string;
  attributes?: Readonly<Record<string, unknown>> | null;
  locale?: string | null;
  /** Share of the description found in other products' copy (from copy clusters), when known. */
  copiedRatio?: number | null;
};

type TKind = { max: number; each: number };
const PENALTY: Record<TQualityCode, TKind> = {
  TITLE_TOO_SHORT: { max: 15, each: 15 },
  TITLE_TOO_LONG: { max: 8, each: 8 },
  DESCRIPTION_MISSING: { max: 30, each: 30 },
  DESCRIPTION_TOO_SHORT: { max: 20, each: 20 },
  DESCRIPTION_TOO_LONG: { max: 5, each: 5 },
  LOW_ATTRIBUTE_COVERAGE: { max: 20, each: 20 },
  ATTRIBUTE_CONTRADICTED: { max: 20, each: 10 },
  REPEATED_SENTENCE: { max: 15, each: 5 },
  REPETITIVE_TEXT: { max: 15, each: 15 },
  KEYWORD_STUFFING: { max: 15, each: 15 },
  BOILERPLATE: { max: 20, each: 20 },
  COPIED_TEXT: { max: 20, each: 20 },
  TYPO: { max: 12, each: 3 },
  REPEATED_PUNCTUATION: { max: 8, each: 2 },
  DUPLICATE_WORD: { max: 6, each: 2 },
  MIXED_WIDTH: { max: 8, each: 2 },
  MIXED_PUNCTUATION: { max: 5, each: 1 },
  BROKEN_UNIT: { max: 12, each: 4 },
  ALL_CAPS: { max: 5, each: 5 },
};

// Lengths in code points: [too short below, too long above].
const LIMITS = {
  zh: { title: [10, 60], description: [30, 5_000] },
  en: { title: [20, 150], description: [80, 8_000] },
} as const;

const MESSAGES: Record<TQualityCode, { zh: string; en: string }> = {
  TITLE_TOO_SHORT: {
    zh: "标题过短，缺少品牌、型号或关键属性",
    en: "The title is too short: name the brand, model and key attributes",
  },
  TITLE_TOO_LONG: { zh: "标题过长，会被截断", en: "The title is too long and will be cut off" },
  DESCRIPTION_MISSING: { zh: "缺少商品描述", en: "The description is missing" },
  DESCRIPTION_TOO_SHORT: {
    zh: "描述过短，缺少卖点和规格",
    en: "The description is too short to show features and specifications",
  },
  DESCRIPTION_TOO_LONG: { zh: "描述过长", en: "The description is very long" },
  LOW_ATTRIBUTE_COVERAGE: { zh: "文案很少提及商品属性", en: "The copy mentions few of the product's attributes" },
  ATTRIBUTE_CONTRADICTED: { zh: "文案与商品属性不一致", en: "The copy contradicts an attribute" },
  REPEATED_SENTENCE: { zh: "句子重复", en: "A sentence is repeated" },
  REPETITIVE_TEXT: { zh: "描述内容重复较多", en: "The description repeats itself" },
  KEYWORD_STUFFING: { zh: "疑似堆砌关键词", en: "Keyword stuffing" },
  BOILERPLATE: {
    zh: "描述中套话（物流、售后、客服）占比过高",
    en: "Much of the description is boilerplate (shipping, returns, service)",
  },
  COPIED_TEXT: { zh: "描述与其他商品大段相同", en: "Much of the description is the same as other products' copy" },
  TYPO: { zh: "错别字", en: "Typo" },
  REPEATED_PUNCTUATION: { zh: "标点重复", en: "Repeated punctuation" },
  DUPLICATE_WORD: { zh: "词语重复", en: "Doubled word" },
  MIXED_WIDTH: { zh: "全角半角混用", en: "Full-width characters in English copy" },
  MIXED_PUNCTUATION: { zh: "中英文标点混用", en: "Chinese and English punctuation mixed" },
  BROKEN_UNIT: { zh: "数字或单位书写有误", en: "A number or unit is broken" },
  ALL_CAPS: { zh: "标题全部大写", en: "The title is written in capitals" },
};

const LINT_CODES: Record<string, TQualityCode> = {
  typo: "TYPO",
  repeated_punctuation: "REPEATED_PUNCTUATION",
  duplicate_word: "DUPLICATE_WORD",
  full_width: "MIXED_WIDTH",
  mixed_punctuation: "MIXED_PUNCTUATION",
  keyword_stuffing: "KEYWORD_STUFFING",
};

const codePoints = (s: string) => {
  let n = 0;
  for (const _ of s) n++;
  return n;
};

type TFinding = {
  code: TQualityCode;
  field: TQualityField;
  start?: number;
  end?: number;
  weight?: number;
  detail?: string;
};

function lintHits(
  text: string,
  locale: "zh" | "en",
  field: TQualityField,
): { findings: TFinding[]; corrections: TQualityCorrection[] } {
  const findings: TFinding[] = [];
  const corrections: TQualityCorrection[] = [];
  if (!text.trim()) return { findings, corrections };
  for (const f of lint({ text, locale, field: field === "title" ? "TITLE" : "DESCRIPTION" }).findings) {
    if (f.category !== "QUALITY") continue;
    const code = LINT_CODES[f.rule.split(".").at(-1) ?? ""];
    if (!code) continue;
    findings.push({ code, field, start: f.start, end: f.end, detail: f.message });
    if (f.suggestion !== undefined)
      corrections.push({
        code,
        field,
        start: f.start,
        end: f.end,
        original: f.match,
        replacement: f.suggestion,
        autofix: f.autofix,
      });
  }
  return { findings, corrections };
}

function hitsToFindings(
  text: string,
  field: TQualityField,
  hits: TQualityHit[],
): { findings: TFinding[]; corrections: TQualityCorrection[] } {
  return {
    findings: hits.map((h) => ({ code: h.code, field, start: h.start, end: h.end })),
    corrections: hits
      .filter((h) => h.replacement !== undefined)
      .map((h) => ({
        code: h.code,
        field,
        start: h.start,
        end: h.end,
        original: text.slice(h.start, h.end),
        replacement: h.replacement!,
        autofix: h.autofix,
      })),
  };
}

/** Share of shingle occurrences that repeat an earlier one. */
function repetition(text: string): number {
  const sh = shingleHashes(copyUnits(text));
  if (sh.length < 10) return 0;
  return 1 - new Set(sh).size / sh.length;
}

function coverageOf(text: string, attributes: Readonly<Record<string, unknown>>) {
  const names = Object.keys(attributes).filter((k) => {
    const v = attributes[k];
    return v !== null && v !== undefined && v !== "" && !(Array.isArray(v) && !v.length);
  });
  if (!names.length) return { coverage: null, contradictions: [] as { start: number; end: number; name: string }[] };
  const compared = compareAttributes(extractAttributes(text), attributes);
  const folded = text.normalize("NFKC").toLowerCase();
  const stated = new Set<string>();
  const contradictions: { start: number; end: number; name: string }[] = [];
  for (const c of compared) {
    if (!c.attribute) continue;
    if (c.status === "agree") stated.add(c.attribute.name);
    if (c.status === "contradict" && c.fact)
      contradictions.push({ start: c.fact.start, end: c.fact.end, name: c.attribute.name });
  }
  // Attributes no extractor understands still count when their value is written in the copy.
  for (const name of names) {
    const v = attributes[name];
    const values = Array.isArray(v) ? v : [v];
    if (
      values.some(
        (x) =>
          (typeof x === "string" || typeof x === "number") &&
          String(x).trim().length >= 2 &&
          folded.includes(String(x).normalize("NFKC").toLowerCase().trim()),
      )
    )
      stated.add(name);
  }
  return { coverage: stated.size / names.length, contradictions };
}

/** Applies non-overlapping corrections to a text (later spans first; overlapping ones are skipped). */
export function applyCorrections(
  text: string,
  corrections: readonly Pick<TQualityCorrection, "start" | "end" | "original" | "replacement">[],
): string {
  const sorted = [...corrections].sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  let limit = Infinity;
  for (const c of sorted) {
    if (c.end > limit || text.slice(c.start, c.end) !== c.original) continue;
    out = out.slice(0, c.start) + c.replacement + out.slice(c.end);
    limit = c.start;
  }
  return out;
}

export function qualityScore(input: TQualityInput): TQualityReport {
  const title = input.title ?? "";
  const description = input.description ?? "";
  const language = resolveLintLocale(input.locale ?? undefined, `${title}\n${description}`);
  const limits = LIMITS[language];
  const findings: TFinding[] = [];
  const corrections: TQualityCorrection[] = [];
  const add = (r: { findings: TFinding[]; corrections: TQualityCorrection[] }) => {
    findings.push(...r.findings);
    corrections.push(...r.corrections);
  };

  const titleLength = codePoints(title.trim());
  const descriptionLength = codePoints(description.trim());
  if (titleLength < limits.title[0]) findings.push({ code: "TITLE_TOO_SHORT", field: "title" });
  if (titleLength > limits.title[1]) findings.push({ code: "TITLE_TOO_LONG", field: "title" });
  if (!descriptionLength) findings.push({ code: "DESCRIPTION_MISSING", field: "description" });
  else if (descriptionLength < limits.description[0])
    findings.push({ code: "DESCRIPTION_TOO_SHORT", field: "description" });
  if (descriptionLength > limits.description[1]) findings.push({ code: "DESCRIPTION_TOO_LONG", field: "description" });

  const { coverage, contradictions } = input.attributes
    ? coverageOf(`${title}\n${description}`, input.attributes)
    : { coverage: null, contradictions: [] };
  if (coverage !== null && coverage < 0.6)
    findings.push({ code: "LOW_ATTRIBUTE_COVERAGE", field: "description", weight: (0.6 - coverage) / 0.6 });
  for (const c of contradictions) {
    // Offsets are into "title\ndescription": give them back to their field.
    const inTitle = c.start < title.length;
    const shift = inTitle ? 0 : title.length + 1;
    findings.push({
      code: "ATTRIBUTE_CONTRADICTED",
      field: inTitle ? "title" : "description",
      start: c.start - shift,
      end: c.end - shift,
      detail: c.name,
    });
  }

  const rep = repetition(description);
  if (rep > 0.3)
    findings.push({ code: "REPETITIVE_TEXT", field: "description", weight: Math.min(1, (rep - 0.3) / 0.4) });
  add(hitsToFindings(description, "description", repeatedSentences(description)));

  const bp = boilerplate(description);
  if (bp.ratio > 0.2) {
    findings.push({ code: "BOILERPLATE", field: "description", weight: Math.min(1, (bp.ratio - 0.2) / 0.5) });
    corrections.push(...hitsToFindings(description, "description", bp.hits).corrections);
  }
  const copied = input.copiedRatio ?? 0;
  if (copied > 0.3)
    findings.push({ code: "COPIED_TEXT", field: "description", weight: Math.min(1, (copied - 0.3) / 0.5) });

  for (const [field, text] of [
    ["title", title],
    ["description", description],
  ] as const) {
    add(lintHits(text, language, field));
    add(hitsToFindings(text, field, [...brokenUnits(text, language), ...widthMix(text, language)]));
  }
  if (language === "en") add(hitsToFindings(title, "title", allCaps(title)));

  // Penalties: each occurrence costs `each` (scaled by its weight), a kind at most `max`.
  const spent = new Map<TQualityCode, number>();
  const reasons: TQualityReason[] = [];
  for (const f of findings) {
    const kind = PENALTY[f.code];
    const used = spent.get(f.code) ?? 0;
    const penalty = Math.round(Math.min(kind.each * (f.weight ?? 1), kind.max - used) * 10) / 10;
    spent.set(f.code, used + Math.max(0, penalty));
    const base = MESSAGES[f.code][language];
    reasons.push({
      code: f.code,
      field: f.field,
      penalty: Math.max(0, penalty),
      message: f.detail && f.code !== "KEYWORD_STUFFING" ? `${base}: ${f.detail}` : (f.detail ?? base),
      ...(f.start !== undefined ? { start: f.start, end: f.end! } : {}),
    });
  }
  const score = Math.max(0, Math.round((100 - [...spent.values()].reduce((a, b) => a + b, 0)) * 10) / 10);
  return {
    version: QUALITY_VERSION,
    score,
    grade: score >= 85 ? "A" : score >= 70 ? "B" : score >= 50 ? "C" : "D",
    language,
    reasons: reasons.sort((a, b) => b.penalty - a.penalty),
    corrections: dedupeCorrections(corrections),
    metrics: {
      titleLength,
      descriptionLength,
      attributeCoverage: coverage === null ? null : Math.round(coverage * 1000) / 1000,
      repetition: Math.round(rep * 1000) / 1000,
      boilerplateRatio: Math.round(bp.ratio * 1000) / 1000,
    },
  };
}

/** One correction per span (the linter and the checks here may both see a full-width run). */
function dedupeCorrections(cs: TQualityCorrection[]): TQualityCorrection[] {
  const sorted = [...cs].sort((a, b) =>
    a.field === b.field ? a.start - b.start || b.end - a.end : a.field < b.field ? -1 : 1,
  );
  const out: TQualityCorrection[] = [];
  for (const c of sorted) {
    const last = out.at(-1);
    if (last && last.field === c.field && c.start < last.end) continue;
    out.push(c);
  }
  return out;
}
