import { z } from "zod";
import { buildAhoCorasick, type TAhoCorasick } from "./aho-corasick.js";
import type { TLintContext } from "./lint-context.js";
import { foldText, isWordChar } from "./text-fold.js";
import type { TBrandPack, TLintFinding, TLintLocale, TVariantFieldName } from "./types.js";

// A merchant's brand pack: words the brand never uses, disclaimers a field must carry, and length
// limits per field. Admins edit it through GraphQL; `brandPackSchema` is what they are checked
// against, with messages that name the entry, the field and the reason.
//
// Findings are category QUALITY: they are the merchant's own house rules, not law (so no legal
// basis), and QUALITY is the category for "fix the copy before it ships" problems.

export const BRAND_PACK_ID = "brand";
const FIELDS = ["TITLE", "BULLETS", "DESCRIPTION", "SHORT"] as const;
const ZField = z.enum(FIELDS, { error: `field must be one of ${FIELDS.join(", ")}` });
const ZLocale = z.enum(["zh", "en"], { error: "locale must be zh or en" });

const ZLengthLimit = z
  .object({
    min: z.int({ error: "min must be a whole number" }).min(0, { error: "min must be >= 0" }).optional(),
    max: z.int({ error: "max must be a whole number" }).min(1, { error: "max must be >= 1" }).max(100_000).optional(),
  })
  .strict()
  .refine((l) => l.min !== undefined || l.max !== undefined, { error: "set min, max or both" })
  .refine((l) => l.min === undefined || l.max === undefined || l.min <= l.max, {
    error: "min must not be greater than max",
  });

export const brandPackSchema = z
  .object({
    version: z.string().min(1).max(40).optional(),
    forbidden: z
      .array(
        z
          .object({
            term: z
              .string({ error: "term must be a string" })
              .trim()
              .min(1, { error: "term must not be empty" })
              .max(100, { error: "term is longer than 100 characters" }),
            suggestion: z.string().max(200, { error: "suggestion is longer than 200 characters" }).optional(),
            locale: ZLocale.optional(),
            severity: z.enum(["LOW", "MEDIUM", "HIGH"], { error: "severity must be LOW, MEDIUM or HIGH" }).optional(),
          })
          .strict(),
      )
      .max(2000, { error: "at most 2000 forbidden terms" })
      .default([]),
    requiredDisclaimers: z
      .array(
        z
          .object({
            text: z
              .string({ error: "text must be a string" })
              .trim()
              .min(1, { error: "text must not be empty" })
              .max(500, { error: "text is longer than 500 characters" }),
            fields: z.array(ZField).min(1, { error: "fields, when given, must list at least one field" }).optional(),
            locale: ZLocale.optional(),
          })
          .strict(),
      )
      .max(50, { error: "at most 50 required disclaimers" })
      .default([]),
    lengthLimits: z.partialRecord(ZField, ZLengthLimit).default({}),
  })
  .strict()
  .superRefine((pack, ctx) => {
    const first = new Map<string, number>();
    pack.forbidden.forEach((f, i) => {
      if (!f.term) return;
      const key = `${f.locale ?? "*"}\u0000${foldText(f.term)}`;
      const prev = first.get(key);
      if (prev !== undefined)
        ctx.addIssue({
          code: "custom",
          path: ["forbidden", i, "term"],
          message: `"${f.term}" is already listed at forbidden[${prev}]`,
        });
      else first.set(key, i);
      if (f.suggestion && foldText(f.suggestion).includes(foldText(f.term)))
        ctx.addIssue({
          code: "custom",
          path: ["forbidden", i, "suggestion"],
          message: `the suggestion contains the forbidden term "${f.term}" itself`,
        });
      pack.requiredDisclaimers.forEach((d, k) => {
        if (foldText(d.text).includes(foldText(f.term)))
          ctx.addIssue({
            code: "custom",
            path: ["forbidden", i, "term"],
            message: `"${f.term}" occurs in requiredDisclaimers[${k}]: every copy carrying the disclaimer would be flagged`,
          });
      });
    });
  });

/** `path: message` for each problem of a brand pack that failed `brandPackSchema`. */
export function brandPackErrors(error: z.ZodError): string[] {
  return error.issues.map((i) => {
    const path = i.path
      .map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`))
      .join("")
      .replace(/^\./, "");
    return `${path || "(pack)"}: ${i.message}`;
  });
}

type TCompiledBrandPack = { ac: TAhoCorasick; terms: TBrandPack["forbidden"] };
const compiledPacks = new WeakMap<TBrandPack, TCompiledBrandPack>();

function compileBrandPack(pack: TBrandPack): TCompiledBrandPack {
  let c = compiledPacks.get(pack);
  if (!c) {
    c = { ac: buildAhoCorasick(pack.forbidden.map((f) => foldText(f.term.trim()))), terms: pack.forbidden };
    compiledPacks.set(pack, c);
  }
  return c;
}

const lengthOf = (text: string): number => {
  let n = 0;
  for (const _ of text) n++;
  return n;
};

const MESSAGES = {
  zh: {
    forbidden: (t: string) => `品牌规范禁止使用“${t}”`,
    disclaimer: (t: string) => `缺少品牌要求的声明：“${t}”`,
    tooLong: (f: string, n: number, max: number) => `${f}长度为${n}个字符，超过品牌上限${max}`,
    tooShort: (f: string, n: number, min: number) => `${f}长度为${n}个字符，少于品牌下限${min}`,
  },
  en: {
    forbidden: (t: string) => `The brand guidelines forbid "${t}"`,
    disclaimer: (t: string) => `Missing the disclaimer the brand requires: "${t}"`,
    tooLong: (f: string, n: number, max: number) => `${f} is ${n} characters long, over the brand's limit of ${max}`,
    tooShort: (f: string, n: number, min: number) =>
      `${f} is ${n} characters long, under the brand's minimum of ${min}`,
  },
} as const;

/** Findings of a merchant's brand pack on one text. */
export function brandPackFindings(
  pack: TBrandPack,
  ctx: TLintContext,
  field: TVariantFieldName | undefined,
): TLintFinding[] {
  const { text, folded, locale } = ctx;
  const msg = MESSAGES[locale];
  const version = pack.version ?? "0";
  const base = { pack: BRAND_PACK_ID, packVersion: version, category: "QUALITY" as const, evidence: [] };
  const findings: TLintFinding[] = [];
  const applies = (l: TLintLocale | undefined) => l === undefined || l === locale;

  const compiled = compileBrandPack(pack);
  for (const hit of compiled.ac.search(folded)) {
    const term = compiled.terms[hit.pattern]!;
    if (!applies(term.locale)) continue;
    const { start, end } = hit;
    // Whole words only for Latin terms: "hot" is not forbidden inside "photo".
    if (isWordChar(folded.charCodeAt(start)) && start > 0 && isWordChar(folded.charCodeAt(start - 1))) continue;
    if (isWordChar(folded.charCodeAt(end - 1)) && isWordChar(folded.charCodeAt(end))) continue;
    findings.push({
      ...base,
      rule: "brand.forbidden",
      severity: term.severity ?? "MEDIUM",
      start,
      end,
      match: text.slice(start, end),
      message: msg.forbidden(term.term),
      ...(term.suggestion !== undefined ? { suggestion: term.suggestion } : {}),
      autofix: false,
    });
  }

  for (const d of pack.requiredDisclaimers) {
    if (!applies(d.locale)) continue;
    if (d.fields && (!field || !d.fields.includes(field))) continue;
    if (normaliseSpaces(folded).includes(normaliseSpaces(foldText(d.text)))) continue;
    findings.push({
      ...base,
      rule: "brand.disclaimer",
      severity: "MEDIUM",
      // Nothing to point at: the finding is about the text as a whole, anchored at its end where
      // the disclaimer would go.
      start: text.length,
      end: text.length,
      match: "",
      message: msg.disclaimer(d.text),
      suggestion: `${/\s$/.test(text) || text === "" ? "" : locale === "zh" ? "" : " "}${d.text}`,
      autofix: false,
    });
  }

  const limit = field ? pack.lengthLimits[field] : undefined;
  if (field && limit) {
    const n = lengthOf(text);
    const over = limit.max !== undefined && n > limit.max;
    const under = limit.min !== undefined && n < limit.min;
    if (over || under) {
      // An over-long text is marked from the first character past the limit.
      let start = 0;
      if (over) {
        let seen = 0;
        for (const ch of text) {
          if (seen === limit.max) break;
          start += ch.length;
          seen++;
        }
      }
      findings.push({
        ...base,
        rule: "brand.length",
        severity: "LOW",
        start: over ? start : 0,
        end: text.length,
        match: over ? text.slice(start) : text,
        message: over ? msg.tooLong(field, n, limit.max!) : msg.tooShort(field, n, limit.min!),
        autofix: false,
      });
    }
  }
  return findings;
}

const normaliseSpaces = (s: string): string => s.replace(/\s+/g, " ").trim();
