import { resolveLintLocale } from "../lint/lint.js";
import type { TBrandPack, TLintLocale, TVariantFieldName } from "../lint/types.js";
import { joinUnits, unitText, type TUnit } from "./assemble.js";
import { inputFacts, praiseFacts, type TFact } from "./facts.js";
import { gateCandidate } from "./gate.js";
import { compiledModel, GENERATOR_NAME, GENERATOR_VERSION, type TCompiledModel } from "./model.js";
import { planFacts } from "./planner.js";
import { realiseApparel, type TRealised } from "./realise-apparel.js";
import { realiseGeneric } from "./realise-generic.js";
import type { TGateReason, TGenerationCandidate, TGenerationInput, TGenerationStyle } from "./types.js";

/** Characters a vivid Chinese description aims for (AdvertiseGen's references: median ~110). */
const TARGET_CHARS: Record<TVariantFieldName, number> = { TITLE: 30, SHORT: 50, BULLETS: 120, DESCRIPTION: 100 };
/** Lengths used when the merchant sets none. */
const DEFAULT_MAX: Record<TVariantFieldName, number> = { TITLE: 60, SHORT: 80, BULLETS: 600, DESCRIPTION: 2000 };

// UTF-16 length bounds the code-point count from above: most texts need no counting.
const codePoints = (s: string): number => {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) n--;
  }
  return n;
};
/** Rewrites of a blocked candidate before it is returned blocked. */
const MAX_REPAIRS = 3;

/** The merchant's forbidden words that apply to this locale, as a predicate over phrases. */
function forbiddenIn(pack: TBrandPack | undefined, locale: TLintLocale): (text: string) => boolean {
  const terms = (pack?.forbidden ?? [])
    .filter((f) => !f.locale || f.locale === locale)
    .map((f) => f.term.toLowerCase());
  if (!terms.length) return () => false;
  return (text) => {
    const t = text.toLowerCase();
    return terms.some((term) => t.includes(term));
  };
}

function disclaimers(pack: TBrandPack | undefined, field: TVariantFieldName, locale: TLintLocale): TUnit[] {
  return (pack?.requiredDisclaimers ?? [])
    .filter((d) => (!d.fields || d.fields.includes(field)) && (!d.locale || d.locale === locale))
    .map((d) => ({ pieces: [d.text], facts: [], kind: "disclaimer" as const }));
}

/** Whether the mined apparel realiser applies: Chinese copy of a product whose attributes it knows. */
function isApparel(facts: readonly TFact[], locale: TLintLocale): boolean {
  const attrs = facts.filter((f) => f.provenance.kind !== "review");
  return locale === "zh" && attrs.length > 0 && attrs.filter((f) => f.cls).length * 2 >= attrs.length;
}

type TDraft = { realised: TRealised; tail: TUnit[] };

function render(d: TDraft, locale: TLintLocale, max: number) {
  let units = [...d.realised.units];
  const join = () =>
    joinUnits([...units, ...d.tail], { locale, mode: d.realised.mode, perSentence: d.realised.perSentence });
  let b = join();
  // Over the merchant's limit: the last (least important) clauses go first; a title keeps its noun.
  while (codePoints(b.text) > max && units.length > 1) {
    const drop = d.realised.mode === "words" ? units.length - 2 : units.length - 1;
    units = units.filter((_, i) => i !== Math.max(0, drop));
    b = join();
  }
  return { builder: b, units: [...units, ...d.tail] };
}

/**
 * Writes one candidate text for a product field from its facts alone, with its claims and the
 * gate's verdict. Pure and deterministic: the same input gives the same candidate. A candidate the
 * gate blocks is rewritten without the clauses it objects to (connectives first, then the facts
 * concerned) before it is returned blocked.
 */
export function generateCopy(
  input: TGenerationInput,
  compiled: TCompiledModel = compiledModel(),
): TGenerationCandidate {
  const locale = resolveLintLocale(input.locale, "");
  const style: TGenerationStyle = input.style ?? "vivid";
  const forbidden = forbiddenIn(input.brandPack, locale);
  const facts = [...inputFacts(input, compiled.classOf), ...praiseFacts(input, locale)].filter(
    (f) => !forbidden(f.value),
  );
  const apparel = isApparel(facts, locale);
  const typeValue = input.attributes["类型"];
  const category = input.category ?? (typeof typeValue === "string" ? typeValue : null);
  const plan = planFacts(facts, { model: compiled.model, field: input.field, category, audience: input.audience });
  const max = input.brandPack?.lengthLimits[input.field]?.max ?? DEFAULT_MAX[input.field];
  const options = { compiled, field: input.field, style, forbidden, targetChars: TARGET_CHARS[input.field] };
  const tail = disclaimers(input.brandPack, input.field, locale);

  const realise = (banned: ReadonlySet<string>): TDraft => ({
    realised: apparel
      ? realiseApparel(plan.facts, { ...options, banned })
      : realiseGeneric(plan.facts, locale, { ...options, banned }),
    tail,
  });
  const banned = new Set<string>();
  let draft = realise(banned);
  let out = render(draft, locale, max);
  let gate = gateCandidate({ text: out.builder.text, claims: out.builder.claims, input, locale, compiled, apparel });
  // Repairs: the clauses the gate objects to are written another way (a connective or filler is
  // left out, a fact gets its next-best template); a fact no template can say well is dropped.
  for (let attempt = 0; attempt < MAX_REPAIRS && gate.status === "blocked"; attempt++) {
    const hit = unitsHit(out.units, out.builder.spans, gate.reasons);
    if (!hit.size) break;
    const ids = [...hit].map((u) => (u.kind === "fact" ? u.template : unitText(u))).filter((id): id is string => !!id);
    const fresh = ids.filter((id) => !banned.has(id));
    if (fresh.length && attempt < MAX_REPAIRS - 1) {
      for (const id of fresh) banned.add(id);
      draft = realise(banned);
    } else {
      draft = { ...draft, realised: { ...draft.realised, units: draft.realised.units.filter((u) => !hit.has(u)) } };
    }
    out = render(draft, locale, max);
    gate = gateCandidate({ text: out.builder.text, claims: out.builder.claims, input, locale, compiled, apparel });
  }
  return {
    text: out.builder.text,
    locale,
    field: input.field,
    style,
    audience: input.audience ?? null,
    emphasis: plan.emphasis,
    claims: out.builder.claims,
    gate,
    generator: GENERATOR_NAME,
    generatorVersion: GENERATOR_VERSION,
  };
}

function unitsHit(
  units: readonly TUnit[],
  spans: readonly { start: number; end: number }[],
  reasons: readonly TGateReason[],
): Set<TUnit> {
  const hit = new Set<TUnit>();
  units.forEach((u, i) => {
    const s = spans[i];
    if (!s || u.kind === "disclaimer") return;
    for (const r of reasons) if ("start" in r && r.start < s.end && r.end > s.start) hit.add(u);
  });
  return hit;
}
