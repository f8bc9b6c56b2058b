import { buildAhoCorasick, type TAhoCorasick } from "./aho-corasick.js";
import { isNegated, type TLintContext, type TSpan } from "./lint-context.js";
import { spanIndex } from "./span-index.js";
import { expandLists, expandTerms, type TRule, type TRulePack } from "./rule-pack.schema.js";
import { foldText, isWordChar } from "./text-fold.js";
import { wordTokens } from "./word-tokens.js";
import type { TLintFinding } from "./types.js";

// A pack compiles once into one Aho–Corasick automaton over every lexicon term, regex anchor and
// first token-step word of the pack, plus the regexes themselves. Per text: one automaton pass, then
// only the regexes and token patterns whose anchors occurred, then the context checks per match.

type TStep = { words: Set<string> } | { skip: [number, number] };

type TCompiledRule = {
  rule: TRule;
  regex: RegExp | null;
  steps: TStep[] | null;
  notBefore: RegExp | null;
  notAfter: RegExp | null;
  unless: RegExp | null;
};

type TLiteralUse = { rule: number; kind: "term" | "anchor" };

export type TCompiledPack = {
  pack: TRulePack;
  ac: TAhoCorasick;
  uses: TLiteralUse[][];
  rules: TCompiledRule[];
  protect: RegExp | null;
  /** Whether any token rule needs the text's words. */
  hasTokenRules: boolean;
};

/** A rule match before context checks: rule index, span, and the regex groups for suggestions. */
type TCandidate = { rule: number; start: number; end: number; groups: string[]; named: Record<string, string> };

const CONTEXT_WINDOW = 16;

export function compilePack(pack: TRulePack): TCompiledPack {
  const literals = new Map<string, number>();
  const uses: TLiteralUse[][] = [];
  const addLiteral = (literal: string, use: TLiteralUse) => {
    let id = literals.get(literal);
    if (id === undefined) {
      id = uses.length;
      literals.set(literal, id);
      uses.push([]);
    }
    if (!uses[id]!.some((u) => u.rule === use.rule && u.kind === use.kind)) uses[id]!.push(use);
  };
  const alternation = (sources: string[]) =>
    sources.length ? sources.map((s) => `(?:${expandLists(s, pack.lists)})`).join("|") : null;

  const rules = pack.rules.map((rule, i): TCompiledRule => {
    const m = rule.matcher;
    let regex: RegExp | null = null;
    let steps: TStep[] | null = null;
    if (m.type === "lexicon")
      for (const t of expandTerms(m.terms, pack.lists)) addLiteral(t, { rule: i, kind: "term" });
    else if (m.type === "regex") {
      const source = expandLists(m.pattern, pack.lists);
      // Indices of every group: spans and suggestions are cut from the original text, not the folded.
      regex = new RegExp(source, "dgu");
      for (const a of expandTerms(m.anchors, pack.lists)) addLiteral(a, { rule: i, kind: "anchor" });
    } else {
      steps = m.steps.map((s) =>
        "words" in s ? { words: new Set(expandTerms(s.words, pack.lists)) } : { skip: s.skip },
      );
      for (const w of (steps[0] as { words: Set<string> }).words) addLiteral(w, { rule: i, kind: "anchor" });
    }
    const nb = alternation(rule.notBefore);
    const na = alternation(rule.notAfter);
    return {
      rule,
      regex,
      steps,
      notBefore: nb ? new RegExp(`(?:${nb})$`, "u") : null,
      // Sticky at the end of the match, over match + what follows: lookbehinds can see the match.
      notAfter: na ? new RegExp(`(?:${na})`, "uy") : null,
      unless: rule.unlessAttribute ? new RegExp(rule.unlessAttribute, "iu") : null,
    };
  });
  const protect = pack.protect.length
    ? new RegExp(pack.protect.map((p) => `(?:${expandLists(p, pack.lists)})`).join("|"), "gu")
    : null;
  return {
    pack,
    ac: buildAhoCorasick([...literals.keys()]),
    uses,
    rules,
    protect,
    hasTokenRules: rules.some((r) => r.steps !== null),
  };
}

const boundedOk = (folded: string, start: number, end: number): boolean => {
  const first = folded.charCodeAt(start);
  const last = folded.charCodeAt(end - 1);
  if (isWordChar(first) && start > 0 && isWordChar(folded.charCodeAt(start - 1))) return false;
  if (isWordChar(last) && end < folded.length && isWordChar(folded.charCodeAt(end))) return false;
  return true;
};

function regexCandidates(ruleIndex: number, regex: RegExp, text: string, folded: string, out: TCandidate[]): void {
  regex.lastIndex = 0;
  const original = (r: [number, number] | undefined) => (r ? text.slice(r[0], r[1]) : "");
  for (let m = regex.exec(folded); m; m = regex.exec(folded)) {
    if (m[0].length === 0) {
      regex.lastIndex++;
      continue;
    }
    const indices = m.indices!;
    const [start, end] = indices.groups?.m ?? indices[0]!;
    if (end <= start || !boundedOk(folded, start, end)) continue;
    const named: Record<string, string> = {};
    for (const [name, r] of Object.entries(indices.groups ?? {})) named[name] = original(r);
    out.push({ rule: ruleIndex, start, end, groups: [...indices].map(original), named });
  }
}

function tokenCandidates(ruleIndex: number, steps: TStep[], words: TSpan[], folded: string, out: TCandidate[]) {
  const matchFrom = (step: number, at: number): number => {
    if (step === steps.length) return at;
    const s = steps[step]!;
    if ("words" in s) {
      const w = words[at];
      if (!w || !s.words.has(folded.slice(w.start, w.end))) return -1;
      return matchFrom(step + 1, at + 1);
    }
    for (let k = s.skip[0]; k <= s.skip[1]; k++) {
      const r = matchFrom(step + 1, at + k);
      if (r >= 0) return r;
    }
    return -1;
  };
  for (let i = 0; i < words.length; i++) {
    const endAt = matchFrom(0, i);
    if (endAt > i)
      out.push({ rule: ruleIndex, start: words[i]!.start, end: words[endAt - 1]!.end, groups: [], named: {} });
  }
}

const expandSuggestion = (template: string, c: TCandidate): string =>
  template.replace(/\$(?:<(\w+)>|(\d))/g, (_, name: string | undefined, n: string | undefined) =>
    name ? (c.named[name] ?? "") : (c.groups[Number(n)] ?? ""),
  );

function suggestionOf(rule: TRule, c: TCandidate, folded: string): { suggestion?: string } {
  const replacement = rule.replacements ? replacementFor(rule.replacements, folded.slice(c.start, c.end)) : undefined;
  if (replacement !== undefined) return { suggestion: replacement };
  return rule.suggestion !== undefined ? { suggestion: expandSuggestion(rule.suggestion, c) } : {};
}

const foldedReplacements = new WeakMap<Record<string, string>, Map<string, string>>();
function replacementFor(replacements: Record<string, string>, term: string): string | undefined {
  let m = foldedReplacements.get(replacements);
  if (!m) {
    m = new Map(Object.entries(replacements).map(([k, v]) => [foldText(k), v]));
    foldedReplacements.set(replacements, m);
  }
  return m.get(term);
}

/** Every finding of one pack on one text, after rule exceptions, negation, quotes and attributes. */
export function runPack(compiled: TCompiledPack, ctx: TLintContext): TLintFinding[] {
  const { folded, text } = ctx;
  const candidates: TCandidate[] = [];
  const triggered = new Set<number>();
  for (const hit of compiled.ac.search(folded)) {
    for (const use of compiled.uses[hit.pattern]!) {
      if (use.kind === "anchor") triggered.add(use.rule);
      else if (boundedOk(folded, hit.start, hit.end))
        candidates.push({ rule: use.rule, start: hit.start, end: hit.end, groups: [], named: {} });
    }
  }
  let words: TSpan[] | null = null;
  for (const i of triggered) {
    const r = compiled.rules[i]!;
    if (r.regex) regexCandidates(i, r.regex, text, folded, candidates);
    else if (r.steps) tokenCandidates(i, r.steps, (words ??= wordTokens(folded, ctx.locale)), folded, candidates);
  }
  if (candidates.length === 0) return [];

  const protectedSpans: TSpan[] = [];
  if (compiled.protect) {
    compiled.protect.lastIndex = 0;
    for (const m of folded.matchAll(compiled.protect))
      protectedSpans.push({ start: m.index, end: m.index + m[0].length });
  }
  const isProtected = spanIndex(protectedSpans);

  const findings: TLintFinding[] = [];
  for (const c of candidates) {
    const r = compiled.rules[c.rule]!;
    const rule = r.rule;
    // The start and the end of the text count as line breaks, so "[\n，。]$" means "at a clause start".
    if (r.notBefore) {
      const from = Math.max(0, c.start - CONTEXT_WINDOW);
      if (r.notBefore.test((from === 0 ? "\n" : "") + folded.slice(from, c.start))) continue;
    }
    if (r.notAfter) {
      const to = c.end + CONTEXT_WINDOW;
      r.notAfter.lastIndex = c.end - c.start;
      if (r.notAfter.test(folded.slice(c.start, to) + (to >= folded.length ? "\n" : ""))) continue;
    }
    if (r.unless && r.unless.test(ctx.attributeLines)) continue;
    if (isProtected.covers(c)) continue;
    if (ctx.restated.covers(c)) continue;
    if (rule.negatable && isNegated(ctx, c.start)) continue;
    const match = text.slice(c.start, c.end);
    const quoted = ctx.quotedReviews.covers(c);
    const message = rule.message.replaceAll("{match}", match);
    findings.push({
      rule: rule.id,
      pack: compiled.pack.id,
      packVersion: compiled.pack.version,
      category: rule.category,
      severity: quoted ? "INFO" : rule.severity,
      start: c.start,
      end: c.end,
      match,
      message: quoted
        ? `${message}${ctx.locale === "zh" ? "（出现在引用的买家评价中）" : " (in a quoted customer review)"}`
        : message,
      ...(rule.legalBasis ? { legalBasis: rule.legalBasis } : {}),
      ...suggestionOf(rule, c, folded),
      autofix: rule.autofix && !quoted,
      evidence: [],
    });
  }
  return findings;
}
