#!/usr/bin/env node
// Evaluates the linter's grounding check (claims in copy against the product's attributes) on the
// labelled claims set, through the built package:
//
//   pnpm --filter @truecopy/core build
//   node packages/core/scripts/eval-grounding.mjs [--verbose] [--json] [--data DIR] [--dist DIR]
//
// Only the UNSUPPORTED label is the grounding check's: a prediction is a grounding finding with a
// severity that changes the verdict (LOW and above; INFO findings are shown to moderators only).
// Item level: does the item carry an UNSUPPORTED span. Span level: a predicted span is a hit when it
// overlaps a gold UNSUPPORTED span (and "exact" when the offsets are equal). Findings on spans the
// set labels with another category are counted separately: the rule engine reports one finding per
// phrase, so they are overlaps to resolve there, not claims the set calls clean. TRUECOPY_DATA_DIR or
// --data overrides the data folder.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const verbose = args.includes("--verbose");
const dataDir =
  option("--data") ?? process.env.TRUECOPY_DATA_DIR ?? path.resolve(here, "../../../../shared/data/claims-dev");
const dist = path.resolve(option("--dist") ?? path.join(here, "../dist"));

let grounding;
try {
  grounding = await import(pathToFileURL(path.join(dist, "lint/grounding/index.js")).href);
} catch (error) {
  console.error(`@truecopy/core is not built (${error.message}); run: pnpm --filter @truecopy/core build`);
  process.exit(1);
}

const items = fs
  .readFileSync(path.join(dataDir, "claims.jsonl"), "utf8")
  .split("\n")
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l));

const COUNTED = new Set(["LOW", "MEDIUM", "HIGH", "CRITICAL"]);
const overlaps = (a, b) => a.start < b.end && b.start < a.end;
const ratio = (a, b) => (b === 0 ? 0 : a / b);
const f1 = (p, r) => (p + r === 0 ? 0 : (2 * p * r) / (p + r));

const item = { tp: 0, fp: 0, fn: 0, tn: 0 };
const span = { gold: 0, predicted: 0, goldHit: 0, predictedHit: 0, exact: 0, onOtherLabel: 0 };
const cleanItemsFlagged = [];
const misses = [];
const falseAlarms = [];
const info = [];
let elapsed = 0;

const inputOf = (it) => ({ text: it.text, locale: it.locale === "zh" ? "zh" : "en", attributes: it.attributes });
// Time a pass after warm-up passes have compiled every pattern and function.
for (let i = 0; i < 30; i++) for (const it of items) grounding.groundingFindings(inputOf(it), inputOf(it).locale);
const cpu0 = process.cpuUsage();
for (const it of items) grounding.groundingFindings(inputOf(it), inputOf(it).locale);
const cpu = process.cpuUsage(cpu0);
elapsed = (cpu.user + cpu.system) * 1000;

for (const it of items) {
  const locale = it.locale === "zh" ? "zh" : "en";
  const { findings } = grounding.groundingFindings(inputOf(it), locale);
  const predicted = findings.filter((f) => COUNTED.has(f.severity));
  for (const f of findings) if (!COUNTED.has(f.severity)) info.push(`${it.id} ${f.severity} ${f.rule} «${f.match}»`);
  const gold = it.spans.filter((s) => s.label === "UNSUPPORTED");
  const other = it.spans.filter((s) => s.label !== "UNSUPPORTED");
  const hasGold = gold.length > 0;
  const hasPred = predicted.length > 0;
  if (hasGold && hasPred) item.tp++;
  else if (hasPred) item.fp++;
  else if (hasGold) item.fn++;
  else item.tn++;
  if (hasPred && !it.violation) cleanItemsFlagged.push(it.id);

  span.gold += gold.length;
  for (const g of gold) {
    if (predicted.some((p) => overlaps(p, g))) span.goldHit++;
    else misses.push(`${it.id} «${it.text.slice(g.start, g.end)}» in ${it.text} | ${JSON.stringify(it.attributes)}`);
    if (predicted.some((p) => p.start === g.start && p.end === g.end)) span.exact++;
  }
  for (const p of predicted) {
    span.predicted++;
    if (gold.some((g) => overlaps(p, g))) span.predictedHit++;
    else if (other.some((g) => overlaps(p, g))) span.onOtherLabel++;
    else falseAlarms.push(`${it.id} ${p.rule} «${p.match}» ${p.message}`);
    if (verbose && gold.some((g) => overlaps(p, g) && (g.start !== p.start || g.end !== p.end))) {
      const g = gold.find((x) => overlaps(p, x));
      console.log(`  inexact ${it.id}: predicted «${p.match}», gold «${it.text.slice(g.start, g.end)}»`);
    }
  }
}

const itemP = ratio(item.tp, item.tp + item.fp);
const itemR = ratio(item.tp, item.tp + item.fn);
// Predictions on another label's phrase are left out of span precision (see the header).
const spanP = ratio(span.predictedHit, span.predicted - span.onOtherLabel);
const spanR = ratio(span.goldHit, span.gold);
const report = {
  items: items.length,
  item: { ...item, precision: itemP, recall: itemR, f1: f1(itemP, itemR) },
  span: { ...span, precision: spanP, recall: spanR, f1: f1(spanP, spanR), exactRecall: ratio(span.exact, span.gold) },
  cleanItemsFlagged: cleanItemsFlagged.length,
  microsecondsPerText: elapsed / 1000 / items.length,
};

if (args.includes("--json")) console.log(JSON.stringify(report));
else {
  const pct = (x) => (100 * x).toFixed(1);
  console.log(`grounding on ${path.basename(dataDir)} (${items.length} items), UNSUPPORTED label`);
  console.log(
    `item  P ${pct(itemP)}  R ${pct(itemR)}  F1 ${pct(report.item.f1)}   (tp ${item.tp} fp ${item.fp} fn ${item.fn} tn ${item.tn})`,
  );
  console.log(
    `span  P ${pct(spanP)}  R ${pct(spanR)}  F1 ${pct(report.span.f1)}   exact-offset recall ${pct(report.span.exactRecall)}  (gold ${span.gold}, predicted ${span.predicted}, on another label's phrase ${span.onOtherLabel})`,
  );
  console.log(
    `clean items with a finding: ${cleanItemsFlagged.length}${cleanItemsFlagged.length ? ` (${cleanItemsFlagged.join(", ")})` : ""}`,
  );
  console.log(`time: ${report.microsecondsPerText.toFixed(1)} µs of CPU per text (after warm-up)`);
  if (verbose) {
    console.log(`\nmissed gold spans:\n${misses.join("\n")}`);
    console.log(`\nfalse alarms:\n${falseAlarms.join("\n")}`);
    console.log(`\nINFO findings:\n${info.join("\n")}`);
  }
}
