#!/usr/bin/env node
// Linter evaluation on labelled claims sets. By default three sets, reported separately:
//   dev   — ../shared/data/claims-dev (read here only; looked at while the packs were written),
//   tune  — the project's own set (src/lint/eval/claims-project.jsonl), the half whose errors we read,
//   check — the other half of it: only aggregate figures are printed, never its individual errors,
//           so it keeps measuring how the packs generalise.
// The halves are fixed by a hash of the item id (FNV-1a, even = tune), not by position.
//
// Item level: violation = verdict != pass (the CLI contract: INFO findings are not output and never
// change the verdict). Per category: an item's gold category is recalled when a finding of that
// category overlaps one of its gold spans of that category. Span level: overlap and exact match.
//
//   pnpm --filter @truecopy/core build && node packages/core/scripts/eval-lint.mjs [--errors] [--json]
//   node packages/core/scripts/eval-lint.mjs --set tune             (dev | tune | check | project)
//   node packages/core/scripts/eval-lint.mjs --data other.jsonl      (one file in the same format;
//                                                                     --halves splits it like the project set)
//   node packages/core/scripts/eval-lint.mjs --adlaw                 (also: share of the practitioner
//                                                                     list's terms the zh pack flags)
//   node packages/core/scripts/eval-lint.mjs --advertisegen          (also: wording findings on the
//                                                                     AdvertiseGen copy, a false-alarm check)
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
const DEV_FILE = join(root, "../shared/data/claims-dev/claims.jsonl");
const PROJECT_FILE = join(root, "packages/core/src/lint/eval/claims-project.jsonl");
const coreDir = resolve(opt("--core", join(root, "packages/core/dist")));
const coreFile = join(coreDir, "index.js");
if (!existsSync(coreFile)) {
  console.error(`missing ${coreFile}: build first (pnpm --filter @truecopy/core build)`);
  process.exit(1);
}
const { lint } = await import(pathToFileURL(coreFile).href);

const readJsonl = (file) =>
  readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));

/** FNV-1a over UTF-16 code units: the same half on every machine and in every language. */
export function fnv1a(s) {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}
const halfOf = (item) => (fnv1a(item.id) % 2 === 0 ? "tune" : "check");

// Which sets: { name, file, items, listErrors }. CHECK never lists errors.
function selectSets() {
  const data = opt("--data", null);
  if (data) {
    const file = resolve(data);
    if (!existsSync(file)) {
      console.error(`missing ${file}`);
      process.exit(1);
    }
    const items = readJsonl(file);
    if (!args.includes("--halves")) return [{ name: "data", file, items, listErrors: true }];
    return ["tune", "check"].map((h) => ({
      name: h,
      file,
      items: items.filter((i) => halfOf(i) === h),
      listErrors: h === "tune",
    }));
  }
  const which = opt("--set", "all");
  const sets = [];
  if (["all", "dev"].includes(which)) {
    if (existsSync(DEV_FILE)) sets.push({ name: "dev", file: DEV_FILE, items: readJsonl(DEV_FILE), listErrors: true });
    else if (which === "dev") {
      console.error(`missing ${DEV_FILE}`);
      process.exit(1);
    }
  }
  const project = readJsonl(PROJECT_FILE);
  if (["all", "project", "tune"].includes(which))
    sets.push({
      name: "tune",
      file: PROJECT_FILE,
      items: project.filter((i) => halfOf(i) === "tune"),
      listErrors: true,
    });
  if (["all", "project", "check"].includes(which))
    sets.push({
      name: "check",
      file: PROJECT_FILE,
      items: project.filter((i) => halfOf(i) === "check"),
      listErrors: false,
    });
  return sets;
}

// With --cli the CLI itself lints each file (once per file); otherwise lint() is called here and
// shaped exactly as `truecopy lint` prints it: INFO findings dropped, verdict pass iff nothing is left.
const cliOutputs = new Map();
function runCli(file) {
  if (cliOutputs.has(file)) return cliOutputs.get(file);
  const cli = join(root, "apps/cli/dist/main.js");
  if (!existsSync(cli)) {
    console.error(`missing ${cli}: build first (pnpm --filter @truecopy/cli... build)`);
    process.exit(1);
  }
  const out = execFileSync(process.execPath, [cli, "lint", "--in", file], { encoding: "utf8", maxBuffer: 1 << 28 });
  const byId = new Map();
  for (const line of out.split("\n").filter(Boolean)) {
    const o = JSON.parse(line);
    byId.set(o.id, o);
  }
  cliOutputs.set(file, byId);
  return byId;
}

const viaCli = args.includes("--cli");
function cliView(item, file) {
  if (viaCli) {
    const o = runCli(file).get(item.id);
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

function evaluate({ items, file }) {
  let tp = 0,
    fp = 0,
    fn = 0,
    tn = 0;
  const perCat = Object.fromEntries(
    CATEGORIES.map((c) => [c, { items: 0, recalled: 0, predicted: 0, correctPred: 0 }]),
  );
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
    const out = cliView(item, file);
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
    data: file,
    items: items.length,
    item: { tp, fp, fn, tn, precision, recall, f1: f1(precision, recall), falseAlarmsBy },
    categories: Object.fromEntries(
      CATEGORIES.map((c) => [
        c,
        {
          items: perCat[c].items,
          recalled: perCat[c].recalled,
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
    msPerItem: (seconds * 1000) / Math.max(items.length, 1),
  };
  return { result, errors };
}

const LABELS = {
  dev: "claims-dev (development set: read while the packs were written)",
  tune: "project set, TUNE half (its errors are read to improve the packs)",
  check: "project set, CHECK half (aggregate figures only; its errors are never listed)",
  data: "",
};

const sets = selectSets();
const report = { sets: {} };
for (const set of sets) {
  const { result, errors } = evaluate(set);
  report.sets[set.name] = result;
  set.errors = errors;
}
if (args.includes("--adlaw")) report.adlaw = adlawCoverage();
if (args.includes("--advertisegen")) report.advertisegen = advertiseGenCheck();

if (args.includes("--json")) {
  console.log(JSON.stringify(report, null, 2));
} else {
  const pct = (x) => x.toFixed(3);
  for (const set of sets) {
    const r = report.sets[set.name];
    const { tp, fp, fn, tn } = r.item;
    console.log(`\n== ${set.name}: ${LABELS[set.name] || set.file}`);
    console.log(`linter on ${r.items} items (${set.file})${viaCli ? " via truecopy lint" : ""}`);
    console.log(
      `item level: P ${pct(r.item.precision)}  R ${pct(r.item.recall)}  F1 ${pct(r.item.f1)}  (tp ${tp}, fp ${fp}, fn ${fn}, tn ${tn})`,
    );
    console.log(`clean items flagged, by the categories that flagged them: ${JSON.stringify(r.item.falseAlarmsBy)}`);
    console.log(`category recall (finding of the category overlapping a gold span of it):`);
    for (const c of CATEGORIES) {
      const x = r.categories[c];
      console.log(
        `  ${c.padEnd(12)} ${pct(x.recall)}  (${x.recalled}/${x.items} items; flagged on ${x.flaggedItems} items, ${x.flaggedItemsWithLabel} of them carry the label)`,
      );
    }
    const s = r.span;
    console.log(
      `span level (same category, overlapping): P ${pct(s.overlap.precision)}  R ${pct(s.overlap.recall)}  F1 ${pct(s.overlap.f1)}; exact-span recall ${pct(s.exactRecall)} (${s.predicted} predicted, ${s.gold} gold)`,
    );
    console.log(`${r.msPerItem.toFixed(3)} ms per item`);
    if (args.includes("--errors")) {
      if (!set.listErrors) {
        console.log(
          `errors: ${set.errors.length} items with a miss or a false alarm (not listed: this half stays unread)`,
        );
        continue;
      }
      console.log("errors (missed gold spans / findings with no gold span of their category):");
      for (const e of set.errors)
        console.log(
          `  ${e.id} ${e.text}\n      missed: ${e.missed.join(" | ") || "-"}\n      extra:  ${e.extra.join(" | ") || "-"}`,
        );
    }
  }
  if (report.adlaw) {
    const a = report.adlaw;
    console.log(
      `\npractitioner list (adlaw_words, ${a.terms} literal terms in 这款产品<term>。): ${pct(a.flagged / a.terms)} flagged`,
    );
    for (const [cat, v] of Object.entries(a.byCategory)) console.log(`  ${cat.padEnd(16)} ${v.flagged}/${v.terms}`);
  }
  if (report.advertisegen) {
    const a = report.advertisegen;
    console.log(
      `\nAdvertiseGen copy (${a.texts} texts): ${a.flagged} with a wording finding (LOW or above, not UNSUPPORTED/QUALITY); by rule: ${JSON.stringify(a.byRule)}`,
    );
    if (args.includes("--errors")) for (const x of a.examples) console.log(`  ${x.rule}: ${x.match}  … ${x.context}`);
  }
}

// The practitioner list has no licence: it is read here to measure coverage, never copied.
function adlawCoverage() {
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

// AdvertiseGen (unlicensed, evaluation only): Chinese clothing copy written by merchants' copywriters.
// It is ordinary, mostly compliant ad copy, so every wording finding on it is a candidate false alarm
// to read (a few are real: the copy does say 最 now and then).
function advertiseGenCheck() {
  const file = join(root, "../shared/data/advertisegen/dev_sample.jsonl");
  const rows = readJsonl(file);
  const byRule = {};
  const examples = [];
  let flagged = 0;
  for (const row of rows) {
    const attributes = {};
    for (const kv of row.content.split("*")) {
      const [k, v] = kv.split("#");
      if (k && v) attributes[k] = attributes[k] ? `${attributes[k]}、${v}` : v;
    }
    const findings = lint({ text: row.summary, locale: "zh", attributes }).findings.filter(
      (f) => f.severity !== "INFO" && f.category !== "UNSUPPORTED" && f.category !== "QUALITY",
    );
    if (!findings.length) continue;
    flagged++;
    for (const f of findings) {
      byRule[f.rule] = (byRule[f.rule] ?? 0) + 1;
      examples.push({
        rule: f.rule,
        match: f.match,
        context: row.summary.slice(Math.max(0, f.start - 12), f.end + 12),
      });
    }
  }
  return { texts: rows.length, flagged, byRule, examples };
}
