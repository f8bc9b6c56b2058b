import { describe, expect, it } from "vitest";
import { lint } from "./lint.js";

// The demo catalog (generated from templates written for truecopy, no I/O) carries labelled
// problems: sentences with marked absolute, medical, guarantee and urgency phrases. Its wording was
// written independently of the rule packs, so it measures them: every marked phrase must be found
// with its category, and the clean rows must come out without prohibited wording. The CLI depends on
// core, not the reverse, so the generator is loaded by path at test time.
type TRow = {
  sku: string;
  title: string;
  description?: string | null;
  attributes?: Record<string, unknown> | null;
  locale?: string;
};
type TIssue = { kind: string; phrases?: string[]; sentence?: string };
type TSeedModule = {
  DEMO_SEED: number;
  generateCatalog: (options: { count: number; seed: number }) => { rows: TRow[]; labels: Record<string, TIssue[]> };
};
const SEED_MODULE = "../../../../apps/cli/src/seed/demo-catalog.js";
const { DEMO_SEED, generateCatalog } = (await import(/* @vite-ignore */ SEED_MODULE)) as TSeedModule;

// The catalog's "absolute" kind includes 国家级, which the law lists with the absolute terms and the
// packs file under AUTHORITY (it borrows the state's authority).
const PHRASE_CATEGORY: Record<string, string[]> = {
  absolute: ["ABSOLUTE", "AUTHORITY"],
  medical: ["MEDICAL"],
  guarantee: ["GUARANTEE"],
  urgency: ["URGENCY"],
};
const WORDING = new Set(["ABSOLUTE", "MEDICAL", "GUARANTEE", "AUTHORITY", "URGENCY"]);

describe("the rule packs on the demo catalog", () => {
  const { rows, labels } = generateCatalog({ count: 600, seed: DEMO_SEED });
  const lintRow = (row: TRow) => {
    const text = row.description ?? "";
    const locale = /\p{Script=Han}/u.test(row.title) ? "zh" : "en";
    return {
      text,
      findings: lint({ text, locale }).findings.filter((f) => WORDING.has(f.category) && f.severity !== "INFO"),
    };
  };

  it("finds every seeded phrase with its category", () => {
    const missed: string[] = [];
    let phrases = 0;
    for (const row of rows) {
      const seeded = (labels[row.sku] ?? []).filter((i) => i.kind in PHRASE_CATEGORY);
      if (!seeded.length) continue;
      const { text, findings } = lintRow(row);
      for (const issue of seeded) {
        const at = text.indexOf(issue.sentence!);
        for (const phrase of issue.phrases ?? []) {
          phrases++;
          const start = text.indexOf(phrase, at);
          const end = start + phrase.length;
          const hit = findings.some(
            (f) => PHRASE_CATEGORY[issue.kind]!.includes(f.category) && f.start < end && start < f.end,
          );
          if (!hit) missed.push(`${row.sku} ${issue.kind}: ${phrase}`);
        }
      }
    }
    expect(phrases).toBeGreaterThan(50);
    expect(missed).toEqual([]);
  });

  it("leaves rows without seeded wording problems free of prohibited-wording findings", () => {
    const falseAlarms: string[] = [];
    let clean = 0;
    for (const row of rows) {
      if ((labels[row.sku] ?? []).some((i) => i.kind in PHRASE_CATEGORY)) continue;
      clean++;
      const { findings } = lintRow(row);
      for (const f of findings) falseAlarms.push(`${row.sku} ${f.rule}: ${f.match}`);
    }
    expect(clean).toBeGreaterThan(300);
    expect(falseAlarms).toEqual([]);
  });
});
