import { z } from "zod";
import { SEVERITIES, type FINDING_CATEGORIES } from "./types.js";
import { foldText } from "./text-fold.js";

// Rule packs are data (rule-packs/*.json), validated here when the module loads. Every message says
// which rule and which field is wrong, so a bad edit to a pack fails loudly in tests and at start-up.

/** UNSUPPORTED comes from grounding against the product data, never from a word list. */
export const RULE_CATEGORIES = [
  "ABSOLUTE",
  "MEDICAL",
  "GUARANTEE",
  "AUTHORITY",
  "URGENCY",
  "QUALITY",
] as const satisfies readonly Exclude<(typeof FINDING_CATEGORIES)[number], "UNSUPPORTED">[];

const LIST_NAME = /^[A-Z][A-Z0-9_]*$/;
const LIST_REF = /\{\{([A-Z][A-Z0-9_]*)\}\}/g;

const ZTokenStep = z.union([
  z.object({ words: z.array(z.string().min(1)).min(1, { error: "a token step needs at least one word" }) }).strict(),
  z
    .object({ skip: z.tuple([z.int().min(0), z.int().min(0).max(8)]) })
    .strict()
    .refine((s) => s.skip[0] <= s.skip[1], { error: "skip: [min, max] with min <= max" }),
]);

const ZMatcher = z.discriminatedUnion(
  "type",
  [
    z
      .object({
        type: z.literal("lexicon"),
        /** Literal terms (or `@LIST` for every term of a pack list); case- and width-insensitive. */
        terms: z.array(z.string().min(1, { error: "empty term" })).min(1, { error: "a lexicon needs terms" }),
      })
      .strict(),
    z
      .object({
        type: z.literal("regex"),
        /** JavaScript regex source, run with the `u` flag on the folded text; `{{LIST}}` expands to a list. A group named `m` narrows the reported span. */
        pattern: z.string().min(1),
        /** Literals (or `@LIST`) at least one of which occurs in every match: the regex only runs when one does. */
        anchors: z.array(z.string().min(1)).min(1, { error: "a regex needs anchors (literal prefilter)" }),
      })
      .strict(),
    z
      .object({
        type: z.literal("tokens"),
        /** A sequence of word alternatives (`@LIST` allowed) and gaps over the text's words. */
        steps: z.array(ZTokenStep).min(1),
      })
      .strict(),
  ],
  { error: "matcher.type must be lexicon, regex or tokens" },
);

const ZRule = z
  .object({
    id: z.string().regex(/^[a-z]{2}\.[a-z]+\.[a-z0-9_]+$/, { error: "rule id must look like zh.absolute.superlative" }),
    category: z.enum(RULE_CATEGORIES, { error: `category must be one of ${RULE_CATEGORIES.join(", ")}` }),
    severity: z.enum(SEVERITIES, { error: `severity must be one of ${SEVERITIES.join(", ")}` }),
    matcher: ZMatcher,
    /** What is wrong and why, in the pack's language. `{match}` is replaced by the matched text. */
    message: z.string().min(1, { error: "message is required" }),
    legalBasis: z.string().min(1).optional(),
    /** Replacement for the span; regex rules may use $1, $<name>. "" deletes the span. */
    suggestion: z.string().optional(),
    /** Per-term suggestions of a lexicon rule (typo → correction), keyed by the term as written. */
    replacements: z.record(z.string().min(1), z.string()).optional(),
    autofix: z.boolean().default(false),
    /** Regex sources: the rule does not fire when the text right before the match ends with one. */
    notBefore: z.array(z.string().min(1)).default([]),
    /** Regex sources: the rule does not fire when the text right after the match starts with one. */
    notAfter: z.array(z.string().min(1)).default([]),
    /** A negation just before the match in the same clause ("不能治疗", "does not cure") cancels it. */
    negatable: z.boolean().default(true),
    /** Regex source over the attributes as "key: value" lines: a product whose data matches may say this. */
    unlessAttribute: z.string().min(1).optional(),
    /** Executable documentation, checked by the unit tests: `[...]` marks the expected span. */
    examples: z
      .object({ match: z.array(z.string()).default([]), noMatch: z.array(z.string()).default([]) })
      .strict()
      .optional(),
  })
  .strict();

export const ZRulePack = z
  .object({
    id: z.string().regex(/^[a-z]{2}-[A-Z]{2}$|^[a-z][a-z0-9-]*$/, { error: "pack id like zh-CN" }),
    version: z.string().regex(/^\d+\.\d+\.\d+$/, { error: "version must be semver (1.2.3)" }),
    locale: z.enum(["zh", "en"]),
    description: z.string().optional(),
    /** Named term lists shared by rules: `{{NAME}}` in regexes, `@NAME` in lexicons and token steps. */
    lists: z
      .record(z.string().regex(LIST_NAME, { error: "list names are UPPER_CASE" }), z.array(z.string().min(1)))
      .default({}),
    /** Regex sources of spans where no rule of this pack fires (standard codes, registration numbers). */
    protect: z.array(z.string().min(1)).default([]),
    rules: z.array(ZRule).min(1),
  })
  .strict()
  .superRefine((pack, ctx) => {
    const seen = new Map<string, number>();
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: "custom", path, message });
    const compiles = (path: (string | number)[], source: string, what: string) => {
      try {
        new RegExp(source, "u");
      } catch (e) {
        issue(path, `${what} is not a valid regex: ${(e as Error).message}`);
      }
    };
    const checkRefs = (path: (string | number)[], refs: Iterable<string>) => {
      for (const name of refs) if (!(name in pack.lists)) issue(path, `unknown list ${name}`);
    };
    pack.protect.forEach((p, i) => compiles(["protect", i], p, "protect pattern"));
    pack.rules.forEach((rule, i) => {
      const at = (...rest: (string | number)[]) => ["rules", i, ...rest];
      const name = `rule ${rule.id}`;
      if (seen.has(rule.id)) issue(at("id"), `${name} is defined twice (also rules[${seen.get(rule.id)}])`);
      seen.set(rule.id, i);
      if (!rule.id.startsWith(`${pack.locale}.`))
        issue(at("id"), `${name}: ids in a ${pack.locale} pack start with "${pack.locale}."`);
      if (!rule.id.split(".")[1]!.toUpperCase().startsWith(rule.category))
        issue(at("id"), `${name}: the second part of the id names the category (${rule.category.toLowerCase()})`);
      if (rule.replacements && rule.matcher.type !== "lexicon")
        issue(at("replacements"), `${name}: replacements need a lexicon matcher`);
      if (rule.replacements && rule.matcher.type === "lexicon") {
        const terms = new Set(expandTerms(rule.matcher.terms, pack.lists));
        for (const k of Object.keys(rule.replacements))
          if (!terms.has(foldText(k))) issue(at("replacements", k), `${name}: "${k}" is not one of the rule's terms`);
      }
      if (rule.autofix && rule.suggestion === undefined && !rule.replacements)
        issue(at("autofix"), `${name}: autofix needs a suggestion`);
      rule.notBefore.forEach((s, k) =>
        compiles(at("notBefore", k), expandLists(s, pack.lists), `${name}: notBefore[${k}]`),
      );
      rule.notAfter.forEach((s, k) =>
        compiles(at("notAfter", k), expandLists(s, pack.lists), `${name}: notAfter[${k}]`),
      );
      if (rule.unlessAttribute) compiles(at("unlessAttribute"), rule.unlessAttribute, `${name}: unlessAttribute`);
      const m = rule.matcher;
      if (m.type === "regex") {
        checkRefs(
          at("matcher", "pattern"),
          [...m.pattern.matchAll(LIST_REF)].map((r) => r[1]!),
        );
        compiles(at("matcher", "pattern"), expandLists(m.pattern, pack.lists), `${name}: matcher.pattern`);
        checkRefs(
          at("matcher", "anchors"),
          m.anchors.filter((a) => a.startsWith("@")).map((a) => a.slice(1)),
        );
        m.anchors.forEach((a, k) => {
          if (!a.startsWith("@") && foldText(a) !== a)
            issue(
              at("matcher", "anchors", k),
              `${name}: anchor "${a}" must be written folded (lower case, half width)`,
            );
        });
      } else if (m.type === "lexicon") {
        checkRefs(
          at("matcher", "terms"),
          m.terms.filter((t) => t.startsWith("@")).map((t) => t.slice(1)),
        );
      } else {
        m.steps.forEach((s, k) => {
          if ("words" in s)
            checkRefs(
              at("matcher", "steps", k),
              s.words.filter((w) => w.startsWith("@")).map((w) => w.slice(1)),
            );
        });
        if (!("words" in m.steps[0]!))
          issue(at("matcher", "steps", 0), `${name}: a token pattern starts with words, not a skip`);
      }
    });
  });

export type TRulePack = z.infer<typeof ZRulePack>;
export type TRule = TRulePack["rules"][number];
export type TMatcher = TRule["matcher"];

const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** `{{NAME}}` → a non-capturing alternation of the list's terms (folded, longest first, escaped). */
export function expandLists(pattern: string, lists: Readonly<Record<string, readonly string[]>>): string {
  return pattern.replace(LIST_REF, (_, name: string) => {
    const terms = [...new Set((lists[name] ?? []).map(foldText))].sort((a, b) => b.length - a.length);
    return `(?:${terms.map(escapeRegex).join("|")})`;
  });
}

/** Terms of a lexicon or token step with `@LIST` references expanded and folded. */
export function expandTerms(terms: readonly string[], lists: Readonly<Record<string, readonly string[]>>): string[] {
  const out = new Set<string>();
  for (const t of terms) {
    if (t.startsWith("@")) for (const x of lists[t.slice(1)] ?? []) out.add(foldText(x));
    else out.add(foldText(t));
  }
  return [...out];
}

/** Validates a pack; the error lists every problem as `path: message`. */
export function parseRulePack(data: unknown, source: string): TRulePack {
  const r = ZRulePack.safeParse(data);
  if (r.success) return r.data;
  const problems = r.error.issues.map(
    (i) =>
      `${
        i.path
          .map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`))
          .join("")
          .replace(/^\./, "") || "(pack)"
      }: ${i.message}`,
  );
  throw new Error(`rule pack ${source} is invalid:\n  ${problems.join("\n  ")}`);
}
