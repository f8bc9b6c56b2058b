import model from "./models/superlative-v1.json" with { type: "json" };
import { clauseSpans } from "./clauses.js";
import { isNegated, type TLintContext } from "./lint-context.js";
import { spanIndex } from "./span-index.js";
import { SUPERLATIVE_BUCKETS, SUPERLATIVE_FEATURES_VERSION, superlativeFeatures } from "./superlative-features.js";
import type { TLintFinding } from "./types.js";

// Paraphrased superlatives that no word list holds (无人能及, 同价位无敌, "nothing else comes close"):
// a logistic regression over hashed character and word n-grams, trained in this repo on sentences
// written for it (packages/core/scripts/train-superlative.mjs, model card docs/models/superlative-v1.md).
// It runs per clause, only where the rule pack found no ABSOLUTE wording already.

type TModel = {
  name: string;
  version: string;
  buckets: number;
  /** SUPERLATIVE_FEATURES_VERSION the weights were trained on. */
  features: number;
  bias: number;
  threshold: number;
  /** [bucket, weight] pairs; every other bucket weighs 0. */
  weights: [number, number][];
};

const M = model as unknown as TModel;
if (M.buckets !== SUPERLATIVE_BUCKETS)
  throw new Error(`${M.name}: trained with ${M.buckets} buckets, features use ${SUPERLATIVE_BUCKETS}`);
if (M.features !== SUPERLATIVE_FEATURES_VERSION)
  throw new Error(
    `${M.name}: trained on features v${M.features}, superlativeFeatures is v${SUPERLATIVE_FEATURES_VERSION}: retrain (scripts/train-superlative.mjs)`,
  );
const WEIGHTS = new Float32Array(SUPERLATIVE_BUCKETS);
for (const [id, w] of M.weights) WEIGHTS[id] = w;

export const SUPERLATIVE_MODEL = { name: M.name, version: M.version, threshold: M.threshold };

/** Probability that the clause claims to beat everything else. */
export function superlativeProbability(clause: string): number {
  const ids = superlativeFeatures(clause);
  if (ids.length === 0) return 0;
  let z = 0;
  for (const id of ids) z += WEIGHTS[id]!;
  // Same length normalisation as in training: long clauses do not win on length alone.
  z = z / Math.sqrt(ids.length) + M.bias;
  return 1 / (1 + Math.exp(-z));
}

const LEGAL = {
  zh: "《广告法》第九条第三项（不得使用“国家级”“最高级”“最佳”等用语）",
  en: "FTC Act §5 (15 U.S.C. §45); FTC Policy Statement Regarding Advertising Substantiation",
} as const;

/** ABSOLUTE findings for clauses the model scores at or above its threshold. */
export function paraphraseFindings(ctx: TLintContext, existing: readonly TLintFinding[]): TLintFinding[] {
  const out: TLintFinding[] = [];
  const flagged = spanIndex(existing.filter((f) => f.category === "ABSOLUTE" && f.severity !== "INFO"));
  for (const span of clauseSpans(ctx.text, ctx.locale)) {
    if (flagged.overlaps(span)) continue;
    const clause = ctx.text.slice(span.start, span.end);
    const p = superlativeProbability(clause);
    if (p < M.threshold) continue;
    if (isNegated(ctx, span.start)) continue;
    const quoted = ctx.quotedReviews.covers(span);
    out.push({
      rule: `${ctx.locale}.absolute.paraphrase`,
      pack: M.name,
      packVersion: M.version,
      category: "ABSOLUTE",
      // A model's judgement: a moderator confirms it, it never blocks on its own.
      severity: quoted ? "INFO" : "MEDIUM",
      start: span.start,
      end: span.end,
      match: clause,
      message:
        ctx.locale === "zh"
          ? `“${clause}”以变相方式宣称商品无可比拟，属于绝对化用语（模型判断，置信度${p.toFixed(2)}）`
          : `"${clause}" claims nothing else compares: an unsubstantiated superiority claim (model score ${p.toFixed(2)})`,
      legalBasis: LEGAL[ctx.locale],
      autofix: false,
      evidence: [],
    });
  }
  return out;
}
