#!/usr/bin/env node
// Linter evaluation on the labelled claims set (../shared/data/claims-dev, read here only).
// Item level: violation = verdict != pass (the CLI contract: INFO findings are not output and never
// change the verdict). Per category: an item's gold category is recalled when a finding of that
// category overlaps one of its gold spans of that category. Span level: overlap and exact match.
//
//   pnpm --filter @truecopy/core build && node packages/core/scripts/eval-lint.mjs [--errors] [--json]
//   node packages/core/scripts/eval-lint.mjs --data other.jsonl      (same format)
//   node packages/core/scripts/eval-lint.mjs --adlaw                 (also: share of the practitioner
//                                                                     list's terms the zh pack flags)
//   node packages/core/scripts/eval-lint.mjs --cli                   (through `truecopy lint --in`, the
//                                                                     stable contract; needs the CLI built)
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "../../..");
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const dataFile = resolve(opt("--data", join(root, "../shared/data/claims-dev/claims.jsonl")));
const coreDir = resolve(opt("--core", join(root, "packages/core/dist")));
const coreFile = join(coreDir, "index.js");
if (!existsSync(coreFile)) {
  console.error(`missing ${coreFile}: build first (pnpm --filter @truecopy/core build)`);
  process.exit(1);
}
if (!existsSync(dataFile)) {
  console.error(`missing ${dataFile}`);
  process.exit(1);
}
const { lint } = await import(pathToFileURL(coreFile).href);

const items = readFileSync(dataFile, "utf8")
  .split("\n")
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l));

// With --cli the CLI itself lints the file; otherwise lint() is called here and shaped exactly as
// `truecopy lint` prints it: INFO findings dropped, verdict pass iff nothing is left.
const viaCli = args.includes("--cli") ? runCli() : null;

function runCli() {
  const cli = join(root, "apps/cli/dist/main.js");
  if (!existsSync(cli)) {
    console.error(`missing ${cli}: build first (pnpm --filter @truecopy/cli... build)`);
    process.exit(1);
  }
  const out = execFileSync(process.execPath, [cli, "lint", "--in", dataFile], { encoding: "utf8", maxBuffer: 1 << 28 });
  const byId = new Map();
  for (const line of out.split("\n").filter(Boolean)) {
    const o = JSON.parse(line);
    byId.set(o.id, o);
  }
  return byId;
}

function cliView(item) {
  if (viaCli) {
    const o = viaCli.get(item.id);
    if (!o) throw new Error(`the CLI printed nothing for ${item.id}`);
    return { verdict: o.verdict, findings: o.findings.map((f) => ({ ...f, match: item.text.slice(f.start, f.end) })) };
  }
  const r = lint({ text: item.text, locale: item.locale, attributes: item.attributes });
  const findings = r.findings.filter((f) => f.severity !== "INFO");
  return { verdict: findings.length ? r.verdict : "pass", findings };
}

const overlaps = (a, b) => a.start < b.end && b.start < a.end;
const f1 = (p, r) => (p + r ? (2 * p * r) / (p + r) : 0);
const ratio = (a, b) => (b ? a / b : 0);
const CATEGORIES = ["ABSOLUTE", "MEDICAL", "GUARANTEE", "AUTHORITY", "UNSUPPORTED", "URGENCY"];

let tp = 0,
  fp = 0,
  fn = 0,
  tn = 0;
const perCat = Object.fromEntries(CATEGORIES.map((c) => [c, { items: 0, recalled: 0, predicted: 0, correctPred: 0 }]));
let spanPred = 0,
  spanPredOk = 0,
  spanGold = 0,
  spanGoldHit = 0,
  exactHit = 0;
const errors = [];
// Clean items flagged, by the categories of the findings that flagged them.
const falseAlarmsBy = {};
const started = process.hrtime.bigint();
for (const item of items) {
  const out = cliView(item);
  const predicted = out.verdict !== "pass";
  const gold = item.violation;
  if (predicted && gold) tp++;
  else if (predicted) {
    fp++;
    for (const c of new Set(out.findings.map((f) => f.category))) falseAlarmsBy[c] = (falseAlarmsBy[c] ?? 0) + 1;
  } else if (gold) fn++;
  else tn++;
  for (const c of CATEGORIES) {
    const goldSpans = item.spans.filter((s) => s.label === c);
    const predSpans = out.findings.filter((f) => f.category === c);
    if (predSpans.length) {
      perCat[c].predicted++;
      if (goldSpans.length) perCat[c].correctPred++;
    }
    if (!goldSpans.length) continue;
    perCat[c].items++;
    if (predSpans.some((p) => goldSpans.some((g) => overlaps(p, g)))) perCat[c].recalled++;
  }
  for (const p of out.findings) {
    spanPred++;
    if (item.spans.some((g) => g.label === p.category && overlaps(p, g))) spanPredOk++;
  }
  for (const g of item.spans) {
    spanGold++;
    if (out.findings.some((p) => p.category === g.label && overlaps(p, g))) spanGoldHit++;
    if (out.findings.some((p) => p.category === g.label && p.start === g.start && p.end === g.end)) exactHit++;
  }
  const missed = item.spans.filter((g) => !out.findings.some((p) => p.category === g.label && overlaps(p, g)));
  const extra = out.findings.filter((p) => !item.spans.some((g) => g.label === p.category && overlaps(p, g)));
  if (missed.length || extra.length)
    errors.push({
      id: item.id,
      text: item.text,
      missed: missed.map((g) => `${g.label}:${item.text.slice(g.start, g.end)}`),
      extra: extra.map((p) => `${p.category}:${p.match} (${p.rule})`),
    });
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9;

const precision = ratio(tp, tp + fp);
const recall = ratio(tp, tp + fn);
const result = {
  data: dataFile,
  items: items.length,
  item: { tp, fp, fn, tn, precision, recall, f1: f1(precision, recall), falseAlarmsBy },
  categories: Object.fromEntries(
    CATEGORIES.map((c) => [
      c,
      {
        items: perCat[c].items,
        recall: ratio(perCat[c].recalled, perCat[c].items),
        flaggedItems: perCat[c].predicted,
        flaggedItemsWithLabel: perCat[c].correctPred,
      },
    ]),
  ),
  span: {
    overlap: {
      precision: ratio(spanPredOk, spanPred),
      recall: ratio(spanGoldHit, spanGold),
      f1: f1(ratio(spanPredOk, spanPred), ratio(spanGoldHit, spanGold)),
    },
    exactRecall: ratio(exactHit, spanGold),
    predicted: spanPred,
    gold: spanGold,
  },
  msPerItem: (seconds * 1000) / items.length,
};

if (args.includes("--adlaw")) result.adlaw = await adlawCoverage();

if (args.includes("--json")) {
  console.log(JSON.stringify(result, null, 2));
} else {
  const pct = (x) => x.toFixed(3);
  console.log(`linter on ${items.length} items (${dataFile})${viaCli ? " via truecopy lint" : ""}`);
  console.log(
    `item level: P ${pct(precision)}  R ${pct(recall)}  F1 ${pct(result.item.f1)}  (tp ${tp}, fp ${fp}, fn ${fn}, tn ${tn})`,
  );
  console.log(`clean items flagged, by the categories that flagged them: ${JSON.stringify(falseAlarmsBy)}`);
  console.log(`category recall (finding of the category overlapping a gold span of it):`);
  for (const c of CATEGORIES) {
    const r = result.categories[c];
    console.log(
      `  ${c.padEnd(12)} ${pct(r.recall)}  (${perCat[c].recalled}/${r.items} items; flagged on ${r.flaggedItems} items, ${r.flaggedItemsWithLabel} of them carry the label)`,
    );
  }
  const s = result.span;
  console.log(
    `span level (same category, overlapping): P ${pct(s.overlap.precision)}  R ${pct(s.overlap.recall)}  F1 ${pct(s.overlap.f1)}; exact-span recall ${pct(s.exactRecall)} (${s.predicted} predicted, ${s.gold} gold)`,
  );
  if (result.adlaw) {
    console.log(
      `practitioner list (adlaw_words, ${result.adlaw.terms} literal terms in 这款产品<term>。): ${pct(result.adlaw.flagged / result.adlaw.terms)} flagged`,
    );
    for (const [cat, v] of Object.entries(result.adlaw.byCategory))
      console.log(`  ${cat.padEnd(16)} ${v.flagged}/${v.terms}`);
  }
  console.log(`${result.msPerItem.toFixed(3)} ms per item`);
  if (args.includes("--errors")) {
    console.log("\nerrors (missed gold spans / findings with no gold span of their category):");
    for (const e of errors)
      console.log(
        `  ${e.id} ${e.text}\n      missed: ${e.missed.join(" | ") || "-"}\n      extra:  ${e.extra.join(" | ") || "-"}`,
      );
  }
}

// The practitioner list has no licence: it is read here to measure coverage, never copied.
async function adlawCoverage() {
  const file = join(root, "../shared/data/adlaw_words/jd_dr_adlaw_forbidden.csv");
  const rows = readFileSync(file, "utf8")
    .trim()
    .split("\n")
    .slice(1)
    .map((l) => l.split(","));
  const byCategory = {};
  let terms = 0,
    flagged = 0;
  for (const [category, term, isRegex] of rows) {
    if (isRegex === "1" || !term) continue;
    // The pack's wording findings only: grounding may call a bare term an unsupported claim.
    const hit = lint({ text: `这款产品${term}。`, locale: "zh" }).findings.some(
      (f) => f.severity !== "INFO" && f.category !== "UNSUPPORTED",
    );
    terms++;
    if (hit) flagged++;
    byCategory[category] ??= { terms: 0, flagged: 0 };
    byCategory[category].terms++;
    if (hit) byCategory[category].flagged++;
  }
  return { terms, flagged, byCategory };
}
