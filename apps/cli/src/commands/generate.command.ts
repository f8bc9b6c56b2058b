import { z } from "zod";
import { generateCopy, GENERATION_STYLES, type TBrandPack, type TGenerationCandidate } from "@truecopy/core";
import { lineError, parseJsonlLine, plural, runJsonlCommand } from "../jsonl.js";
import { contractFindings, readBrandPack } from "./lint.command.js";

// The contract (stable; used by external evaluation): one input line
// {"id","locale","field","attributes":{key: value | [values]},"reviews"?:[...],"audience"?,"style"?,"category"?}
// → one output line {"id","text","claims":[{"text","start","end","source"}],"findings":[...],"status"}
// in input order. `findings` are the linter's (INFO left out) and the gate's own reasons; `status`
// is "offered", or "blocked" when the gate held the text back (it is still printed, for the record).
// A malformed line is reported on stderr with its line number and gets no output line; the exit
// code is then 1. No database, no network.

const ZAttributeValue = z.union([z.string(), z.number(), z.boolean(), z.array(z.union([z.string(), z.number()]))], {
  error: "attribute values must be strings, numbers, booleans or lists of strings",
});
const ZReview = z.union([
  z.string(),
  z.object({
    id: z.union([z.string(), z.number()]).optional(),
    text: z.string({ error: "review text must be a string" }),
  }),
]);

const ZGenerateInput = z.object({
  id: z.union([z.string(), z.number()], { error: "id must be a string or a number" }),
  locale: z.string({ error: "locale must be a string such as zh, zh-CN, en, en-US" }),
  field: z.enum(["TITLE", "BULLETS", "DESCRIPTION", "SHORT"], {
    error: "field must be TITLE, BULLETS, DESCRIPTION or SHORT",
  }),
  attributes: z.record(z.string(), ZAttributeValue, { error: "attributes must be an object" }),
  reviews: z.array(ZReview, { error: "reviews must be a list" }).max(1000).optional(),
  audience: z.string({ error: "audience must be a string" }).max(40).nullable().optional(),
  style: z.enum(GENERATION_STYLES, { error: "style must be concise, vivid or technical" }).optional(),
  category: z.string().max(100).nullable().optional(),
});
type TGenerateInputLine = z.infer<typeof ZGenerateInput>;

export type TGenerateLineResult = { ok: true; output: string; blocked: boolean } | { ok: false; error: string };

function parseLine(raw: string, line: number): TGenerateInputLine | string {
  const r = parseJsonlLine(ZGenerateInput, { line, raw });
  return r.ok ? r.input : lineError(r);
}

/** The output line of one candidate (claims and findings as the contract says). */
export function contractLine(id: string | number, c: TGenerationCandidate): string {
  const findings = [
    ...contractFindings(c.gate.findings),
    ...c.gate.reasons
      .filter((r) => r.code === "unsourced_fact" || r.code === "ungrounded_claim" || r.code === "empty")
      .map((r) => {
        if (r.code === "empty")
          return {
            rule: "generation.empty",
            category: "UNSUPPORTED",
            severity: "HIGH",
            start: 0,
            end: 0,
            message: r.message,
          };
        if (r.code === "unsourced_fact")
          return {
            rule: "generation.unsourced_fact",
            category: "UNSUPPORTED",
            severity: "HIGH",
            start: r.start,
            end: r.end,
            message: `“${r.term}” (${r.kind}) is stated but cited by no claim`,
          };
        return {
          rule: `generation.${r.status.toLowerCase()}_claim`,
          category: "UNSUPPORTED",
          severity: "HIGH",
          start: r.start,
          end: r.end,
          message: `the linter reads “${r.text}” as ${r.status}`,
        };
      }),
  ];
  return JSON.stringify({
    id,
    text: c.text,
    claims: c.claims.map((x) => ({ text: x.text, start: x.start, end: x.end, source: x.source })),
    findings,
    status: c.gate.status,
  });
}

/** Generates one input line into its output line, or the error for stderr; exported for tests. */
export function generateLine(raw: string, line: number, brandPack?: TBrandPack): TGenerateLineResult {
  const input = parseLine(raw, line);
  if (typeof input === "string") return { ok: false, error: input };
  const attributes = Object.fromEntries(
    Object.entries(input.attributes).map(([k, v]) => [k, Array.isArray(v) ? v.map(String) : v]),
  );
  const candidate = generateCopy({
    locale: input.locale,
    field: input.field,
    attributes,
    ...(input.style ? { style: input.style } : {}),
    ...(input.audience ? { audience: input.audience } : {}),
    ...(input.category ? { category: input.category } : {}),
    ...(input.reviews
      ? {
          reviews: input.reviews.map((r, i) =>
            typeof r === "string"
              ? { id: `r${i + 1}`, text: r }
              : { id: r.id === undefined ? `r${i + 1}` : String(r.id), text: r.text },
          ),
        }
      : {}),
    ...(brandPack ? { brandPack } : {}),
  });
  return { ok: true, output: contractLine(input.id, candidate), blocked: candidate.gate.status === "blocked" };
}

/** `truecopy generate --in FILE.jsonl [--brand-pack FILE.json]`: offline, no database. */
export async function generateCommand(o: { file: string; brandPackFile?: string }): Promise<number> {
  const brandPack = o.brandPackFile ? readBrandPack(o.brandPackFile) : undefined;
  let blocked = 0;
  const bad = await runJsonlCommand({
    name: "generate",
    file: o.file,
    handle: (lines) =>
      lines.map(({ line, raw }) => {
        const r = generateLine(raw, line, brandPack);
        if (!r.ok) return { error: r.error };
        if (r.blocked) blocked += 1;
        return { output: r.output };
      }),
  });
  if (blocked) process.stderr.write(`truecopy generate: ${plural(blocked, "text")} blocked by the gate\n`);
  if (bad) process.stderr.write(`truecopy generate: ${plural(bad, "malformed line")} skipped\n`);
  return bad ? 1 : 0;
}
