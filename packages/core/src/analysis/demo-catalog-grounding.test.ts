import { describe, expect, it } from "vitest";
import { extractAttributes } from "./attribute-extractor.js";
import { compareAttributes } from "./attribute-comparison.js";

// The demo catalog is the one realistic labelled data set in the repo: generated from templates,
// no I/O. The CLI depends on core, not the reverse, so its generator is loaded by path at test time
// (a static import would pull the CLI's sources into core's type-check).
type TRow = { sku: string; description?: string | null; attributes?: Record<string, unknown> | null };
type TIssue = { kind: string; attribute?: string; expected?: string; claimed?: string };
type TSeedModule = {
  DEMO_SEED: number;
  generateCatalog: (options: { count: number; seed: number }) => { rows: TRow[]; labels: Record<string, TIssue[]> };
};
const SEED_MODULE = "../../../../apps/cli/src/seed/demo-catalog.js";
const { DEMO_SEED, generateCatalog } = (await import(/* @vite-ignore */ SEED_MODULE)) as TSeedModule;

type TScore = { tp: number; fn: number; fp: number; clean: number; cleanWithContradiction: number };

function score(count: number, seed: number): { s: TScore; misses: string[]; falseAlarms: string[] } {
  const { rows, labels } = generateCatalog({ count, seed });
  const s: TScore = { tp: 0, fn: 0, fp: 0, clean: 0, cleanWithContradiction: 0 };
  const misses: string[] = [];
  const falseAlarms: string[] = [];
  for (const row of rows) {
    const issues = labels[row.sku] ?? [];
    const seeded = issues.filter((i) => i.kind === "contradiction");
    const brand = row.attributes?.["品牌"] ?? row.attributes?.["brand"];
    const brands = typeof brand === "string" ? [brand] : [];
    const found = compareAttributes(extractAttributes(row.description ?? "", { brands }), row.attributes ?? {}).filter(
      (c) => c.status === "contradict",
    );
    if (seeded.length) {
      const hit = seeded.every((c) => found.some((f) => f.attribute?.name === c.attribute));
      if (hit) s.tp++;
      else {
        s.fn++;
        misses.push(`${row.sku} ${seeded.map((c) => `${c.attribute}: ${c.expected} -> ${c.claimed}`).join("; ")}`);
      }
      // Contradictions on attributes other than the seeded one are false alarms too.
      for (const f of found) {
        if (!seeded.some((c) => c.attribute === f.attribute?.name)) {
          s.fp++;
          falseAlarms.push(`${row.sku} ${f.fact?.value} vs ${f.attribute?.name}=${JSON.stringify(f.attribute?.value)}`);
        }
      }
    } else if (issues.length === 0 || issues.every((i) => i.kind !== "contradiction")) {
      s.clean++;
      if (found.length) {
        s.cleanWithContradiction++;
        s.fp += found.length;
        for (const f of found) falseAlarms.push(`${row.sku} ${f.fact?.value} vs ${f.attribute?.name}=${JSON.stringify(f.attribute?.value)}`);
      }
    }
  }
  return { s, misses, falseAlarms };
}

describe("grounding on the demo catalog", () => {
  it.each([
    ["the demo catalog", 264, DEMO_SEED],
    ["a larger catalog from another seed", 2000, 7],
  ])("finds most seeded contradictions and stays quiet on clean products: %s", (_name, count, seed) => {
    const { s, misses, falseAlarms } = score(count, seed);
    const recall = s.tp / (s.tp + s.fn);
    const precision = s.tp / Math.max(1, s.tp + s.fp);
    console.log(JSON.stringify({ ...s, recall, precision }), "\nmissed:\n" + misses.join("\n"), "\nfalse alarms:\n" + falseAlarms.join("\n"));
    expect(recall).toBeGreaterThanOrEqual(0.8);
    expect(precision).toBeGreaterThanOrEqual(0.8);
    expect(s.cleanWithContradiction / s.clean).toBeLessThanOrEqual(0.02);
  });
});
