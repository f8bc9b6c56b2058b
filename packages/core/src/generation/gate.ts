import { lint } from "../lint/lint.js";
import type { TAttributeMap, TLintLocale, TSeverity } from "../lint/types.js";
import type { TCompiledModel } from "./model.js";
import type { TGateReason, TGateResult, TGeneratedClaim, TGenerationInput } from "./types.js";

// The hard gate every candidate passes before anyone may approve it, whoever wrote it (the
// template realiser or an LLM):
//
// 1. every fact the text states lies inside one of its claims, and every claim cites the input
//    (an attribute, praising reviews, an image finding) — a fact outside the claims is
//    `unsourced_fact`: a value of the model's vocabulary or of the input, a colour, material,
//    origin, measurement or certification the attribute extractor reads, a number, a season or a
//    wearer (女款, 儿童, for men);
// 2. the linter, run on the text with the product's attributes (image findings included) and
//    reviews and the merchant's brand pack, finds nothing of severity MEDIUM or above, and none of
//    its claims is CONTRADICTED or UNSUPPORTED (subjective praise — 时尚, elegant — is INFO for the
//    linter: no fact, not held back).
//
// A candidate that fails is never offered for approval; it is stored BLOCKED with these reasons.

const BLOCKING: ReadonlySet<TSeverity> = new Set(["MEDIUM", "HIGH", "CRITICAL"]);

export type TFactTerm = { kind: string; text: string; start: number; end: number };

const NUMBER_ZH =
  /\d+(?:[.,]\d+)?|[一二两三四五六七八九十百千万]+\s?(?:件|粒|个|颗|条|层|色|款|种|套|排|枚|片|只|双|对|块|根|米|寸|码|天|小时|年)/g;
const NUMBER_EN = /\d+(?:[.,]\d+)?/g;
const SEASON = /[春夏秋冬]季|春秋|秋冬|春夏|\b(?:spring|summer|autumn|fall|winter)\b/gi;
const WEARER =
  /女士|女款|女装|女性|女生|女孩|男士|男款|男装|男性|男生|男孩|儿童|童装|宝宝|婴儿|孕妇|老人|\b(?:women|women's|womens|men|men's|mens|ladies|girls?|boys?|kids?|children|baby|babies|toddlers?)\b/gi;
const COLOUR_EN =
  /\b(?:black|white|red|blue|green|grey|gray|pink|purple|yellow|orange|brown|beige|navy|khaki|gold|golden|silver|ivory|burgundy|teal|turquoise)\b/gi;

/**
 * Facts a text states that the linter does not read as claims: vocabulary and input values,
 * numbers, seasons, wearers, English colour words. (What the linter reads — colours, materials,
 * measurements, origins… — comes from its own claims.)
 */
export function factTerms(
  text: string,
  o: { locale: TLintLocale; compiled: TCompiledModel; inputValues: readonly string[]; apparel: boolean },
): TFactTerm[] {
  const out: TFactTerm[] = [];
  const push = (kind: string, start: number, end: number): void => {
    out.push({ kind, text: text.slice(start, end), start, end });
  };
  // The model's vocabulary is apparel's (运动 is a style there, a use elsewhere).
  if (o.apparel) {
    const hits = o.compiled.vocabulary.scan(text)[0] ?? [];
    for (const h of hits) push("value", h.start, h.end);
  }
  for (const v of o.inputValues) {
    if (v.length < 2 && !/[\u4e00-\u9fff]/.test(v)) continue;
    for (let i = text.indexOf(v); i >= 0; i = text.indexOf(v, i + 1)) push("value", i, i + v.length);
  }
  for (const m of text.matchAll(o.locale === "zh" ? NUMBER_ZH : NUMBER_EN))
    push("number", m.index, m.index + m[0].length);
  for (const m of text.matchAll(SEASON)) push("season", m.index, m.index + m[0].length);
  for (const m of text.matchAll(WEARER)) push("wearer", m.index, m.index + m[0].length);
  for (const m of text.matchAll(COLOUR_EN)) push("colour", m.index, m.index + m[0].length);
  return out;
}

/** Attributes the linter checks grounding against: the product's, plus what its images show. */
export function evidenceAttributes(input: TGenerationInput): TAttributeMap {
  const images = input.imageFindings ?? [];
  if (!images.length) return input.attributes;
  const merged: Record<string, string | number | boolean | readonly string[]> = { ...input.attributes };
  for (const f of images) {
    const prev = merged[f.key];
    if (prev === undefined) merged[f.key] = f.value;
    else if (Array.isArray(prev)) merged[f.key] = [...(prev as string[]), f.value];
    else merged[f.key] = [String(prev), f.value];
  }
  return merged;
}

export function gateCandidate(o: {
  text: string;
  claims: readonly TGeneratedClaim[];
  input: TGenerationInput;
  locale: TLintLocale;
  compiled: TCompiledModel;
  /** The product is apparel as the model knows it: its vocabulary applies. */
  apparel: boolean;
}): TGateResult {
  if (!o.text.trim()) {
    return {
      status: "blocked",
      reasons: [{ code: "empty", message: "nothing to say: no usable facts" }],
      findings: [],
      lintClaims: [],
      verdict: "pass",
      packs: [],
    };
  }
  const reasons: TGateReason[] = [];
  const inputValues = Object.values(o.input.attributes).flatMap((v) =>
    Array.isArray(v) ? v.map(String) : typeof v === "string" ? [v] : [],
  );
  const covered = (start: number, end: number): boolean => o.claims.some((c) => c.start <= start && end <= c.end);
  const seen = new Set<string>();
  const unsourced = (kind: string, start: number, end: number): void => {
    const id = `${start}:${end}`;
    if (covered(start, end) || seen.has(id)) return;
    seen.add(id);
    reasons.push({ code: "unsourced_fact", term: o.text.slice(start, end), kind, start, end });
  };
  for (const t of factTerms(o.text, { locale: o.locale, compiled: o.compiled, inputValues, apparel: o.apparel }))
    unsourced(t.kind, t.start, t.end);
  const result = lint({
    text: o.text,
    locale: o.locale,
    attributes: evidenceAttributes(o.input),
    ...(o.input.reviews ? { reviews: o.input.reviews } : {}),
    field: o.input.field,
    ...(o.input.brandPack ? { brandPack: o.input.brandPack } : {}),
  });
  for (const f of result.findings)
    if (BLOCKING.has(f.severity))
      reasons.push({
        code: "lint_finding",
        rule: f.rule,
        severity: f.severity,
        start: f.start,
        end: f.end,
        match: f.match,
      });
  for (const c of result.claims) {
    if (c.kind === "subjective") continue;
    // Whatever the linter reads as a fact must be one of ours, cited, and supported.
    unsourced(c.kind, c.start, c.end);
    if (c.status !== "SUPPORTED")
      reasons.push({
        code: "ungrounded_claim",
        kind: c.kind,
        status: c.status,
        start: c.start,
        end: c.end,
        text: c.text,
      });
  }
  return {
    status: reasons.length ? "blocked" : "offered",
    reasons,
    findings: result.findings,
    lintClaims: result.claims,
    verdict: result.verdict,
    packs: result.packs,
  };
}
