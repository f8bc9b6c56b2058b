import { readFileSync } from "node:fs";
import { z } from "zod";
import { brandPackErrors, brandPackSchema, lint, type TBrandPack, type TLintFinding } from "@truecopy/core";
import { lineError, parseJsonlLine, plural, runJsonlCommand, type TJsonlLine } from "../jsonl.js";

// The contract (stable; used by external evaluation): one input line
// {"id","text","locale"?,"attributes"?,"field"?} → one output line
// {"id","verdict","findings":[{"rule","category","severity","start","end","message","suggestion"?}]}, in
// input order. INFO findings are not printed and the verdict is "pass" exactly when nothing is.
// A malformed line is reported on stderr (line number, field, reason) and gets no output line; the
// other lines are still linted and the exit code is 1.

const ZAttributeValue = z.union([z.string(), z.number(), z.boolean(), z.array(z.string())], {
  error: "attribute values must be strings, numbers, booleans or lists of strings",
});

const ZLintInput = z.object({
  id: z.union([z.string(), z.number()], { error: "id must be a string or a number" }),
  text: z.string({ error: "text must be a string" }),
  locale: z.string({ error: "locale must be a string such as zh, zh-CN, en, en-US" }).optional(),
  attributes: z.record(z.string(), ZAttributeValue, { error: "attributes must be an object" }).optional(),
  field: z
    .enum(["TITLE", "BULLETS", "DESCRIPTION", "SHORT"], { error: "field must be TITLE, BULLETS, DESCRIPTION or SHORT" })
    .optional(),
});

export type TLintLine = TJsonlLine;
export type TLintLineResult = { ok: true; output: string } | { ok: false; error: string };

/** The linter's findings as the contract prints them (lint and generate): INFO left out, these fields only. */
export function contractFindings(findings: readonly TLintFinding[]) {
  return findings
    .filter((f) => f.severity !== "INFO")
    .map((f) => ({
      rule: f.rule,
      category: f.category,
      severity: f.severity,
      start: f.start,
      end: f.end,
      message: f.message,
      ...(f.suggestion !== undefined ? { suggestion: f.suggestion } : {}),
    }));
}

/** Lints one input line into its output line, or the error for stderr; exported for tests. */
export function lintLine(l: TLintLine, brandPack?: TBrandPack): TLintLineResult {
  const parsed = parseJsonlLine(ZLintInput, l);
  if (!parsed.ok) return { ok: false, error: lineError(parsed) };
  const input = parsed.input;
  const result = lint({
    text: input.text,
    ...(input.locale !== undefined ? { locale: input.locale } : {}),
    ...(input.attributes !== undefined ? { attributes: input.attributes } : {}),
    ...(input.field !== undefined ? { field: input.field } : {}),
    ...(brandPack ? { brandPack } : {}),
  });
  const findings = contractFindings(result.findings);
  const verdict = findings.length === 0 ? "pass" : result.verdict;
  return { ok: true, output: JSON.stringify({ id: input.id, verdict, findings }) };
}

/** Reads and validates a brand pack file; throws with every problem listed. */
export function readBrandPack(file: string): TBrandPack {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    throw new Error(`--brand-pack ${file}: ${(e as Error).message}`);
  }
  const r = brandPackSchema.safeParse(data);
  if (!r.success) throw new Error(`--brand-pack ${file} is invalid:\n  ${brandPackErrors(r.error).join("\n  ")}`);
  return r.data;
}

/** `truecopy lint --in FILE.jsonl [--brand-pack FILE.json]`: offline, no database. */
export async function lintCommand(o: { file: string; brandPackFile?: string }): Promise<number> {
  const brandPack = o.brandPackFile ? readBrandPack(o.brandPackFile) : undefined;
  const bad = await runJsonlCommand({
    name: "lint",
    file: o.file,
    handle: (lines) =>
      lines.map((l) => {
        const r = lintLine(l, brandPack);
        return r.ok ? { output: r.output } : { error: r.error };
      }),
  });
  if (bad) process.stderr.write(`truecopy lint: ${plural(bad, "malformed line")} skipped\n`);
  return bad ? 1 : 0;
}
