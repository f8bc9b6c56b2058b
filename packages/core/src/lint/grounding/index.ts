import { compareAttributes } from "../../analysis/attribute-comparison.js";
import { extractAttributes } from "../../analysis/attribute-extractor.js";
import type { TClaim, TEvidence, TLintFinding, TLintInput, TLintLocale } from "../types.js";

export const GROUNDING_PACK = "grounding";
export const GROUNDING_PACK_VERSION = "0.1.0";

// Praise that states no checkable fact: shown to moderators, never a reason to hold copy back.
const SUBJECTIVE =
  /时尚设计|时尚|价格亲民|物美价廉|高性价比|性价比高|锋利耐用|经久耐用|stylish|sleek design|affordable|great value/gi;

const show = (v: unknown): string => (Array.isArray(v) ? v.join("、") : String(v));

/**
 * Checks the factual claims in copy against the product's attributes: each claim is SUPPORTED,
 * CONTRADICTED (an error) or UNSUPPORTED (a warning; INFO for subjective praise).
 */
export function groundingFindings(
  input: TLintInput,
  locale: TLintLocale,
): { claims: TClaim[]; findings: TLintFinding[] } {
  const text = input.text;
  const claims: TClaim[] = [];
  const findings: TLintFinding[] = [];
  const attributes = input.attributes ?? {};
  for (const c of compareAttributes(extractAttributes(text), attributes)) {
    if (!c.fact) continue;
    const evidence: TEvidence[] = c.attribute
      ? [{ source: "attribute", name: c.attribute.name, value: show(c.attribute.value) }]
      : [];
    const status = c.status === "agree" ? "SUPPORTED" : c.status === "contradict" ? "CONTRADICTED" : "UNSUPPORTED";
    const claimText = text.slice(c.fact.start, c.fact.end);
    claims.push({ kind: c.key, text: claimText, start: c.fact.start, end: c.fact.end, status, evidence });
    if (status === "SUPPORTED") continue;
    const contradicted = status === "CONTRADICTED";
    const attr = c.attribute ? `${c.attribute.name}: ${show(c.attribute.value)}` : "";
    findings.push({
      rule: `grounding.${contradicted ? "contradicted" : "unsupported"}.${c.key}`,
      pack: GROUNDING_PACK,
      packVersion: GROUNDING_PACK_VERSION,
      category: "UNSUPPORTED",
      severity: contradicted ? "HIGH" : "MEDIUM",
      start: c.fact.start,
      end: c.fact.end,
      match: claimText,
      message:
        locale === "zh"
          ? contradicted
            ? `文案称${claimText}，但商品属性为 ${attr}`
            : `文案称${claimText}，但商品属性中没有相关信息`
          : contradicted
            ? `The copy claims "${claimText}", but the product data says ${attr}`
            : `The copy claims "${claimText}", but the product data does not say so`,
      autofix: false,
      evidence,
    });
  }
  for (const m of text.matchAll(SUBJECTIVE)) {
    const start = m.index;
    const end = start + m[0].length;
    claims.push({ kind: "subjective", text: m[0], start, end, status: "UNSUPPORTED", evidence: [] });
    findings.push({
      rule: "grounding.unsupported.subjective",
      pack: GROUNDING_PACK,
      packVersion: GROUNDING_PACK_VERSION,
      category: "UNSUPPORTED",
      severity: "INFO",
      start,
      end,
      match: m[0],
      message:
        locale === "zh"
          ? `“${m[0]}”是主观评价，商品数据与评价中没有依据`
          : `"${m[0]}" is subjective praise that the product data and reviews do not back`,
      autofix: false,
      evidence: [],
    });
  }
  return { claims, findings };
}
