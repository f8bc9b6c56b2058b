import { createHash } from "node:crypto";
import { resolveLintLocale } from "../lint/lint.js";
import type { TLintLocale } from "../lint/types.js";
import { inputFacts, praiseFacts, sourceOf, type TFact } from "./facts.js";
import { gateCandidate, evidenceAttributes } from "./gate.js";
import { lint } from "../lint/lint.js";
import { compiledModel, type TCompiledModel } from "./model.js";
import { planFacts } from "./planner.js";
import type {
  TGeneratedClaim,
  TGenerationCandidate,
  TGenerationInput,
  TGenerationStyle,
  TProvenance,
} from "./types.js";

// The pure half of the optional LLM provider (any OpenAI-compatible chat completions endpoint):
// the prompt, its hash (the cache key), the claims of a free text, the cost of a call, the retry
// schedule. The worker does the I/O. An LLM's text goes through the same gate as the template
// generator's: its claims are what the text says of the input's values and what the linter finds
// supported by an attribute or a review; anything else it states blocks it.

export const LLM_GENERATOR = "llm";

export type TLlmMessage = { role: "system" | "user"; content: string };
export type TLlmRequest = { model: string; messages: TLlmMessage[]; temperature: number; max_tokens: number };

const MAX_TOKENS: Record<TGenerationInput["field"], number> = { TITLE: 80, SHORT: 160, BULLETS: 500, DESCRIPTION: 700 };

const STYLE_NOTE: Record<TGenerationStyle, { zh: string; en: string }> = {
  concise: { zh: "简洁", en: "concise" },
  vivid: { zh: "生动、有感染力", en: "vivid and engaging" },
  technical: { zh: "技术参数式、客观", en: "technical and factual" },
};
const FIELD_NOTE: Record<TGenerationInput["field"], { zh: string; en: string }> = {
  TITLE: { zh: "商品标题（一行，不加句号）", en: "a product title (one line, no full stop)" },
  SHORT: { zh: "一句话广告语或客服简介", en: "a one-sentence ad line" },
  BULLETS: { zh: "卖点列表（每行一条）", en: "selling points, one per line" },
  DESCRIPTION: { zh: "商品描述（一段）", en: "a product description (one paragraph)" },
};

/** The facts an LLM may use, in the planner's order (the audience's first). */
function promptFacts(
  input: TGenerationInput,
  locale: TLintLocale,
  compiled: TCompiledModel,
): { facts: TFact[]; emphasis: string[] } {
  const facts = [...inputFacts(input, compiled.classOf), ...praiseFacts(input, locale)];
  const typeValue = input.attributes["类型"];
  const plan = planFacts(facts, {
    model: compiled.model,
    field: input.field,
    category: input.category ?? (typeof typeValue === "string" ? typeValue : null),
    audience: input.audience,
  });
  return { facts: plan.facts, emphasis: plan.emphasis };
}

/** The chat request for one candidate and its hash (same request, same hash: the cache key). */
export function llmRequest(
  input: TGenerationInput,
  o: { model: string; compiled?: TCompiledModel },
): { request: TLlmRequest; promptHash: string; emphasis: string[] } {
  const compiled = o.compiled ?? compiledModel();
  const locale = resolveLintLocale(input.locale, "");
  const style = input.style ?? "vivid";
  const { facts, emphasis } = promptFacts(input, locale, compiled);
  const lines = facts.map((f) =>
    f.provenance.kind === "review"
      ? locale === "zh"
        ? `- 买家评价普遍称赞：${f.value}`
        : `- reviewers praise: ${f.value}`
      : `- ${f.key}: ${f.value}`,
  );
  const pack = input.brandPack;
  const max = pack?.lengthLimits[input.field]?.max;
  const forbidden = (pack?.forbidden ?? []).filter((x) => !x.locale || x.locale === locale).map((x) => x.term);
  const required = (pack?.requiredDisclaimers ?? [])
    .filter((d) => (!d.fields || d.fields.includes(input.field)) && (!d.locale || d.locale === locale))
    .map((d) => d.text);
  const system =
    locale === "zh"
      ? "你是电商文案写手。只能使用用户给出的商品事实，不得添加任何未给出的事实（颜色、材质、尺寸、数字、功能、产地、认证、适用人群、季节、评价）。不得使用绝对化用语（最、第一、顶级、独一无二等）、医疗功效或保证性承诺。只输出文案本身。"
      : "You write e-commerce product copy. Use ONLY the product facts the user gives; never add a fact that is not given (colours, materials, sizes, numbers, features, origin, certifications, who it is for, seasons, reviews). No superlatives (best, #1, unbeatable), no health or guarantee claims. Output the copy only.";
  const user = [
    locale === "zh"
      ? `请用中文写${FIELD_NOTE[input.field].zh}，风格：${STYLE_NOTE[style].zh}。`
      : `Write ${FIELD_NOTE[input.field].en} in English, ${STYLE_NOTE[style].en}.`,
    ...(input.audience
      ? [
          locale === "zh"
            ? `目标人群：${input.audience}，先写他们最关心的事实。`
            : `Audience: ${input.audience}; lead with what they care about.`,
        ]
      : []),
    locale === "zh" ? "商品事实：" : "Product facts:",
    ...lines,
    ...(max ? [locale === "zh" ? `不超过${max}个字。` : `At most ${max} characters.`] : []),
    ...(forbidden.length
      ? [locale === "zh" ? `不要使用：${forbidden.join("、")}。` : `Do not use: ${forbidden.join(", ")}.`]
      : []),
    ...(required.length
      ? [locale === "zh" ? `结尾必须包含：${required.join("；")}` : `End with: ${required.join("; ")}`]
      : []),
  ].join("\n");
  const request: TLlmRequest = {
    model: o.model,
    messages: [
      { role: "system", content: system },
      { role: "user", content: user },
    ],
    temperature: 0,
    max_tokens: MAX_TOKENS[input.field],
  };
  const promptHash = createHash("sha256").update(JSON.stringify(request)).digest("hex");
  return { request, promptHash, emphasis };
}

/** The text of a chat completion response, or null when it has none. */
export function completionText(body: unknown): string | null {
  const choice = (body as { choices?: { message?: { content?: unknown } }[] } | null)?.choices?.[0];
  const content = choice?.message?.content;
  if (typeof content !== "string") return null;
  // Models like to wrap copy in quotes or a code fence.
  return content
    .trim()
    .replace(/^```[a-z]*\n?|```$/g, "")
    .trim()
    .replace(/^["“”「」]+|["“”「」]+$/g, "")
    .trim();
}

export type TLlmUsage = { promptTokens: number; completionTokens: number };

export function completionUsage(body: unknown): TLlmUsage {
  const u = (body as { usage?: { prompt_tokens?: unknown; completion_tokens?: unknown } } | null)?.usage;
  const n = (v: unknown): number => (typeof v === "number" && Number.isFinite(v) && v >= 0 ? v : 0);
  return { promptTokens: n(u?.prompt_tokens), completionTokens: n(u?.completion_tokens) };
}

/** USD for a call at the given prices per million tokens. */
export const llmCostUsd = (usage: TLlmUsage, price: { inputPerMTok: number; outputPerMTok: number }): number =>
  Math.round(((usage.promptTokens * price.inputPerMTok + usage.completionTokens * price.outputPerMTok) / 1e6) * 1e8) /
  1e8;

/** Milliseconds to wait before retry `attempt` (1, 2, …): exponential, capped, with proportional jitter. */
export function retryDelayMs(attempt: number, o: { baseMs?: number; capMs?: number; random?: number } = {}): number {
  const base = o.baseMs ?? 500;
  const exp = Math.min(o.capMs ?? 8_000, base * 2 ** (attempt - 1));
  // Half fixed, half random, so many workers retrying do not hit the endpoint in step.
  return Math.round(exp / 2 + (exp / 2) * (o.random ?? Math.random()));
}

/**
 * The claims of a free text: each place it states one of the input's values (longest first), and
 * each statement the linter finds supported by an attribute or a review (its evidence is the source).
 */
export function claimsOfText(
  text: string,
  input: TGenerationInput,
  facts: readonly TFact[],
  locale: TLintLocale,
): TGeneratedClaim[] {
  const claims: TGeneratedClaim[] = [];
  const taken = new Uint8Array(text.length);
  const lower = locale === "en" ? text.toLowerCase() : text;
  for (const f of [...facts]
    .filter((x) => x.provenance.kind !== "review")
    .sort((a, b) => b.value.length - a.value.length)) {
    const needle = locale === "en" ? f.value.toLowerCase() : f.value;
    if (!needle) continue;
    for (let i = lower.indexOf(needle); i >= 0; i = lower.indexOf(needle, i + 1)) {
      const end = i + needle.length;
      if (taken.subarray(i, end).some((x) => x)) continue;
      taken.fill(1, i, end);
      claims.push({
        text: text.slice(i, end),
        start: i,
        end,
        source: sourceOf(f.provenance),
        provenance: f.provenance,
      });
    }
  }
  const r = lint({
    text,
    locale,
    attributes: evidenceAttributes(input),
    ...(input.reviews ? { reviews: input.reviews } : {}),
  });
  for (const c of r.claims) {
    if (c.status !== "SUPPORTED") continue;
    const e = c.evidence[0];
    let provenance: TProvenance | null = null;
    if (e?.source === "attribute") provenance = { kind: "attribute", key: e.name };
    else if (e?.source === "review")
      provenance = { kind: "review", reviewIds: e.reviewId ? [e.reviewId] : [], aspect: c.kind };
    if (!provenance || (provenance.kind === "review" && !provenance.reviewIds.length)) continue;
    claims.push({ text: c.text, start: c.start, end: c.end, source: sourceOf(provenance), provenance });
  }
  return claims.sort((a, b) => a.start - b.start || b.end - a.end);
}

/** An LLM's text as a candidate: its claims and the gate's verdict. */
export function llmCandidate(
  text: string,
  input: TGenerationInput,
  o: { model: string; compiled?: TCompiledModel },
): TGenerationCandidate {
  const compiled = o.compiled ?? compiledModel();
  const locale = resolveLintLocale(input.locale, text);
  const { facts, emphasis } = promptFacts(input, locale, compiled);
  const claims = claimsOfText(text, input, facts, locale);
  const apparel = locale === "zh" && facts.filter((f) => f.cls).length * 2 >= Math.max(1, facts.length);
  return {
    text,
    locale,
    field: input.field,
    style: input.style ?? "vivid",
    audience: input.audience ?? null,
    emphasis,
    claims,
    gate: gateCandidate({ text, claims, input, locale, compiled, apparel }),
    generator: LLM_GENERATOR,
    generatorVersion: o.model,
  };
}
