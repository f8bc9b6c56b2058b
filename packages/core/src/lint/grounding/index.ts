import { parseNumber } from "../../analysis/attribute-numbers.js";
import { normalizeWithOffsets, originalRange, type TNormalizedText } from "../../analysis/offset-normalizer.js";
import type { TClaim, TLintFinding, TLintInput, TLintLocale, TSeverity } from "../types.js";
import { extractClaims, type TClaimDraft } from "./claims.js";
import { judge, type TJudgement } from "./judge.js";
import { productData } from "./product-data.js";

export const GROUNDING_PACK = "grounding";
/** Bumped whenever what is extracted or how it is judged changes, so stored findings say which rules made them. */
export const GROUNDING_PACK_VERSION = "1.1.0";

export type { TReason } from "./judge.js";

// Findings are for the whole text; very long texts are checked on their head (the rule packs
// still see all of it).
const MAX_CHARS = 20_000;
const CLAUSE_BREAKS = new Uint8Array(65536);
for (const c of "，,;；。!！?？\n") CLAUSE_BREAKS[c.charCodeAt(0)] = 1;

/**
 * The grounding check: finds the factual claims in copy (measurements, materials, colours, origins,
 * harvests, certifications, capabilities, nutrition, efficacy figures, prices, compatibility,
 * counts, subjective praise) and checks each against the product's attributes and reviews.
 *
 * A claim is SUPPORTED (an attribute, or for experience a review, backs it), CONTRADICTED (an
 * attribute of the same kind disagrees: a HIGH finding) or UNSUPPORTED (nothing speaks to it: a
 * MEDIUM finding for a concrete fact, INFO for praise no attribute can state or when no attributes
 * were given). Every finding has category UNSUPPORTED, a message in the copy's language naming
 * the claim and what the data says, and the attribute or review as evidence.
 */
export function groundingFindings(
  input: TLintInput,
  locale: TLintLocale,
): { claims: TClaim[]; findings: TLintFinding[] } {
  const text = input.text.length > MAX_CHARS ? input.text.slice(0, MAX_CHARS) : input.text;
  if (!text.trim()) return { claims: [], findings: [] };
  const norm = normalizeWithOffsets(text);
  const data = productData(input.attributes);
  const lower = norm.text.toLowerCase();
  const claims: TClaim[] = [];
  const findings: TLintFinding[] = [];
  const extracted = extractClaims(norm, data.brands);
  for (const draft of extracted.claims) {
    const verdict = judge(draft, {
      data,
      reviews: input.reviews,
      text: norm.text,
      clause: clauseAround(lower, draft.nStart, draft.nEnd),
      after: lower.slice(draft.nEnd, draft.nEnd + 12),
      facts: extracted.facts,
    });
    const { start, end } = originalRange(norm, draft.nStart, draft.nEnd);
    const phrase = text.slice(start, end);
    const kind = kindOf(draft);
    claims.push({ kind, text: phrase, start, end, status: verdict.status, evidence: verdict.evidence });
    if (verdict.status === "SUPPORTED") continue;
    const contradicted = verdict.status === "CONTRADICTED";
    const severity: TSeverity = contradicted ? "HIGH" : verdict.strong ? "MEDIUM" : "INFO";
    const fix = contradicted ? suggestion(draft, verdict, norm, text, start, end) : undefined;
    findings.push({
      rule: `grounding.${contradicted ? "contradicted" : "unsupported"}.${kind}`,
      pack: GROUNDING_PACK,
      packVersion: GROUNDING_PACK_VERSION,
      category: "UNSUPPORTED",
      severity,
      start,
      end,
      match: phrase,
      message: message(locale, phrase, verdict),
      ...(fix ? { suggestion: fix.text } : {}),
      autofix: fix?.autofix ?? false,
      evidence: verdict.evidence,
    });
  }
  return { claims, findings };
}

function kindOf(draft: TClaimDraft): string {
  return draft.type === "fact" ? draft.fact.key : draft.type;
}

function clauseAround(s: string, start: number, end: number): string {
  let a = start;
  const isBreak = (i: number): boolean =>
    CLAUSE_BREAKS[s.charCodeAt(i)] === 1 ||
    (s.charCodeAt(i) === 46 && (i + 1 >= s.length || s.charCodeAt(i + 1) === 32));
  while (a > 0 && start - a < 40 && !isBreak(a - 1)) a--;
  let b = end;
  while (b < s.length && b - end < 40 && !isBreak(b)) b++;
  return s.slice(a, b);
}

const show = (v: unknown): string => (Array.isArray(v) ? v.map(String).join("、") : String(v));

function message(locale: TLintLocale, phrase: string, v: TJudgement): string {
  const attr = v.attribute ? `${v.attribute.name}: ${show(v.attribute.value)}` : "";
  if (locale === "zh") {
    switch (v.reason) {
      case "contradicted":
        return `文案称${phrase}，但商品属性为 ${attr}`;
      case "narrower":
        return `文案称${phrase}，但商品属性只写明 ${attr}，无法核实更具体的说法`;
      case "unlisted":
        return `文案称${phrase}，但商品属性 ${attr} 中没有这一项`;
      case "no_data":
        return `文案称${phrase}，但没有提供商品属性，无法核实`;
      case "subjective":
        return `“${phrase}”是主观描述，商品属性和评价中都没有依据（仅供审核参考，不影响结论）`;
      default:
        return `文案称${phrase}，但商品属性中没有相关信息，无法核实`;
    }
  }
  switch (v.reason) {
    case "contradicted":
      return `The copy claims "${phrase}", but the product data says ${attr}`;
    case "narrower":
      return `The copy claims "${phrase}", but the product data only says ${attr}`;
    case "unlisted":
      return `The copy claims "${phrase}", but the product data (${attr}) does not list it`;
    case "no_data":
      return `The copy claims "${phrase}", but no product data was given to check it against`;
    case "subjective":
      return `"${phrase}" is subjective praise that neither the product data nor reviews back (for moderators; it does not change the verdict)`;
    default:
      return `The copy claims "${phrase}", but the product data says nothing about it`;
  }
}

const toFullWidth = (s: string): string => s.replace(/[0-9.]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
const LEADING_NUMBER = /^(\d+(?:[.,]\d+)?万?|[零〇一二两三四五六七八九十百千万]+)([\s-]?)(.*)$/;

// A safe fix replaces the claimed value with the attribute's, in the copy's own words: the number
// in the copy's unit ("续航长达30天" → "续航长达14天"), or the material, colour, place or rating as the
// attribute writes it. It is an autofix only when the attribute holds exactly that one value, in the
// same unit as the copy, with no range or bound.
function suggestion(
  draft: TClaimDraft,
  v: TJudgement,
  norm: TNormalizedText,
  text: string,
  start: number,
  end: number,
): { text: string; autofix: boolean } | undefined {
  if (draft.type !== "fact" || !v.valueFact || !v.attribute) return undefined;
  const f = draft.fact;
  const vf = v.valueFact;
  const within = originalRange(norm, f.nStart, f.nEnd);
  const replace = (by: string): string => text.slice(start, within.start) + by + text.slice(within.end, end);
  const single = v.attribute.facts.length === 1 && !vf.range && !vf.bound;
  if (typeof f.normalized === "number" && typeof vf.normalized === "number") {
    // A range or a bound ("6岁以上", "up to 10 h") is no single value to put in the copy.
    if (vf.range || vf.bound) return undefined;
    const copy = LEADING_NUMBER.exec(f.value);
    const data = LEADING_NUMBER.exec(vf.value.trim());
    if (!copy || !data) return f.key === vf.key ? { text: replace(vf.value.trim()), autofix: single } : undefined;
    const copyNumber = parseNumber(copy[1]!);
    if (!Number.isFinite(copyNumber) || copyNumber === 0) return undefined;
    const value = vf.normalized / (f.normalized / copyNumber);
    // Only a clean number in the copy's unit: 14天, not 0.47个月.
    if (Math.abs(value * 10 - Math.round(value * 10)) > 1e-6) return undefined;
    const sameUnit = copy[3]!.toLowerCase() === data[3]!.trim().toLowerCase();
    const digits = /[０-９]/.test(text.slice(within.start, within.end))
      ? toFullWidth(String(Math.round(value * 10) / 10))
      : String(Math.round(value * 10) / 10);
    return {
      text: replace(
        `${digits}${copy[2]}${text.slice(within.start, within.end).slice(copy[1]!.length + copy[2]!.length)}`,
      ),
      autofix: single && sameUnit,
    };
  }
  if (["material", "colour", "origin", "spf", "water_resistance", "harvest", "garment_length"].includes(f.key)) {
    if (f.key === "material" && f.qualifier) return undefined;
    const by = vf.value.trim();
    return { text: replace(by), autofix: single && v.attribute.text.trim() === by.toLowerCase() };
  }
  return undefined;
}
