import { z } from "zod";
import { AppError, lint, type TAttributeMap, type TBrandPack, type TLintResult } from "@truecopy/core";
import { liveBrandPacks } from "@truecopy/db";
import type { TContext } from "../context.js";
import { merchantScope } from "../auth/auth-checker.js";
import type { Evidence, LintResult } from "../schema/lint.types.js";
import { LintVerdict, type VariantField } from "../schema/variant.types.js";
import { toEvidence } from "./finding.loaders.js";
import { assertUuid } from "./product.service.js";

/** The synchronous lint answers within a request: longer copy goes through import (the worker). */
export const MAX_LINT_TEXT = 20_000;

const ZLocale = z
  .string()
  .max(35, { error: "locale is at most 35 characters" })
  .regex(/^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$/, { error: "locale must look like zh, zh-CN or en-US" });

// The same shape and limits as imported attributes: name → scalar or list of strings.
const ZAttributes = z
  .record(
    z
      .string()
      .min(1, { error: "attribute name is empty" })
      .max(100, { error: "attribute name is at most 100 characters" }),
    z.union(
      [
        z.string().max(2_000, { error: "attribute value is at most 2000 characters" }),
        z.number().finite(),
        z.boolean(),
        z.array(z.string().max(500, { error: "list item is at most 500 characters" })).max(100, {
          error: "at most 100 list items",
        }),
      ],
      { error: "attribute values are strings, numbers, booleans or lists of strings" },
    ),
    { error: "attributes must be a JSON object" },
  )
  .refine((o) => Object.keys(o).length <= 200, { error: "at most 200 attributes" });

/** zod issues as `path: message` pairs for `extensions.details`. */
export function issuesOf(error: z.ZodError, prefix: string): { path: string; message: string }[] {
  return error.issues.map((i) => ({
    path: [prefix, ...i.path.map(String)].filter(Boolean).join("."),
    message: i.message,
  }));
}

function badInput(field: string, error: z.ZodError): AppError {
  const issues = issuesOf(error, field);
  return new AppError(
    "BAD_USER_INPUT",
    `${field} is invalid: ${issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`,
    {
      field,
      issues,
    },
  );
}

const VERDICT = { pass: LintVerdict.PASS, review: LintVerdict.REVIEW, block: LintVerdict.BLOCK } as const;

/** The lint result in GraphQL shape (optional fields as null, evidence flattened). */
export function toLintResult(r: TLintResult, brandPackVersion: number | null): LintResult {
  return {
    verdict: VERDICT[r.verdict],
    locale: r.locale,
    packs: r.packs,
    brandPackVersion,
    findings: r.findings.map((f) => ({
      ...f,
      legalBasis: f.legalBasis ?? null,
      suggestion: f.suggestion ?? null,
      category: f.category as LintResult["findings"][number]["category"],
      severity: f.severity as LintResult["findings"][number]["severity"],
      evidence: toEvidence(f.evidence) satisfies Evidence[],
    })),
    claims: r.claims.map((c) => ({
      ...c,
      status: c.status as LintResult["claims"][number]["status"],
      evidence: toEvidence(c.evidence),
    })),
  };
}

/**
 * Lints a text on demand with the built-in packs and, with a merchant, its live brand pack.
 * Merchant-bound callers always lint with their own merchant's pack.
 */
export async function lintText(
  ctx: TContext,
  args: {
    text: string;
    locale?: string | null | undefined;
    attributes?: unknown;
    field?: VariantField | null | undefined;
    merchantId?: string | null | undefined;
  },
): Promise<LintResult> {
  if (args.text.length > MAX_LINT_TEXT)
    throw new AppError(
      "BAD_USER_INPUT",
      `text is ${args.text.length} characters; lint takes at most ${MAX_LINT_TEXT} (import longer copy instead)`,
      { field: "text", max: MAX_LINT_TEXT },
    );
  let locale: string | undefined;
  if (args.locale != null) {
    const parsed = ZLocale.safeParse(args.locale);
    if (!parsed.success) throw badInput("locale", parsed.error);
    locale = parsed.data;
  }
  let attributes: TAttributeMap | undefined;
  if (args.attributes != null) {
    const parsed = ZAttributes.safeParse(args.attributes);
    if (!parsed.success) throw badInput("attributes", parsed.error);
    attributes = parsed.data;
  }
  const merchantId = merchantScope(ctx, args.merchantId ?? null);
  let brandPack: TBrandPack | undefined;
  let brandPackVersion: number | null = null;
  if (merchantId) {
    assertUuid(merchantId, "merchantId");
    const live = (await liveBrandPacks(ctx.services.db.pool, [merchantId])).get(merchantId);
    if (live?.pack) {
      brandPack = live.pack;
      brandPackVersion = live.version;
    }
  }
  const result = lint({
    text: args.text,
    ...(locale ? { locale } : {}),
    ...(attributes ? { attributes } : {}),
    ...(args.field ? { field: args.field } : {}),
    ...(brandPack ? { brandPack } : {}),
  });
  return toLintResult(result, brandPackVersion);
}
