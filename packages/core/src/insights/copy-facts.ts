import { compareAttributes, type TComparisonStatus } from "../analysis/attribute-comparison.js";
import { extractAttributes, type TAttributeFact } from "../analysis/attribute-extractor.js";
import { extractKeyphrases } from "../analysis/keyphrase-extractor.js";
import { tokenize } from "../analysis/tokenizer.js";

export type TCopyField = "title" | "description";

export type TCopyFact = {
  status: TComparisonStatus;
  key: string;
  /** Where the fact stands in the copy (absent for attributes the copy never mentions). */
  field?: TCopyField;
  value?: string;
  start?: number;
  end?: number;
  /** The structured attribute it was compared with. */
  attribute?: { name: string; value: unknown };
};

export type TCopyInsights = { keyphrases: string[]; facts: TCopyFact[] };

// Long descriptions: keyphrases and facts come from the head; grounding of the rest is the linter's job.
const MAX_CHARS = 20_000;

/**
 * What a product's copy says, next to what its attributes say: keyphrases of the copy, and every
 * fact found in title and description marked agree / contradict / only_in_text, plus the attributes
 * the copy never mentions (only_in_attributes). Offsets are into the field's own text.
 */
export function copyInsights(
  p: { title: string; description: string; attributes: Record<string, unknown> },
  k = 10,
): TCopyInsights {
  const fields: [TCopyField, string][] = [
    ["title", p.title.slice(0, MAX_CHARS)],
    ["description", p.description.slice(0, MAX_CHARS)],
  ];
  const fieldOf = new Map<TAttributeFact, TCopyField>();
  const facts: TAttributeFact[] = [];
  for (const [field, text] of fields) {
    for (const f of extractAttributes(text)) {
      fieldOf.set(f, field);
      facts.push(f);
    }
  }
  const compared = compareAttributes(facts, p.attributes).map((c): TCopyFact => {
    const field = c.fact ? fieldOf.get(c.fact) : undefined;
    return {
      status: c.status,
      key: c.key,
      ...(field ? { field } : {}),
      ...(c.fact ? { value: c.fact.value, start: c.fact.start, end: c.fact.end } : {}),
      ...(c.attribute ? { attribute: c.attribute } : {}),
    };
  });
  const tokens = tokenize(`${fields[0]![1]}\n${fields[1]![1]}`);
  return { keyphrases: extractKeyphrases(tokens, { k }).map((x) => x.phrase), facts: compared };
}

export type TSentimentLabel = "positive" | "negative" | "neutral";
export type TReviewSentimentSummary = { total: number; positive: number; negative: number; neutral: number };

export function summarizeSentiments(labels: readonly TSentimentLabel[]): TReviewSentimentSummary {
  const s: TReviewSentimentSummary = { total: labels.length, positive: 0, negative: 0, neutral: 0 };
  for (const l of labels) s[l] += 1;
  return s;
}
