#!/usr/bin/env node
// Trains superlative-v1, the paraphrased-superlative classifier of the linter: logistic regression
// over the hashed n-grams of `superlativeFeatures` (from the built @truecopy/core, so training and
// inference share one feature function), on sentences written for the project
// (scripts/lib/superlative-sentences.mjs) plus the clauses of the demo catalog without its seeded
// superlatives as ordinary copy. Never trained on ../shared/data (the evaluation sets).
//
// Deterministic: full-batch AdaGrad, fixed iteration count, no random initialisation; re-running
// writes a byte-identical src/lint/models/superlative-v1.json.
//
//   pnpm --filter @truecopy/core build && pnpm --filter @truecopy/cli build
//   node packages/core/scripts/train-superlative.mjs [--cv | --cv-family]   (cross-validation report first)
import { existsSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { superlativeSentences } from "./lib/superlative-sentences.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "../../..");
// The feature and clause modules only: the package index loads the current model, which refuses
// to load when its features are out of date — exactly when retraining is needed.
const featuresFile = join(root, "packages/core/dist/lint/superlative-features.js");
const clausesFile = join(root, "packages/core/dist/lint/clauses.js");
const seedFile = join(root, "apps/cli/dist/seed/demo-catalog.js");
for (const f of [featuresFile, clausesFile, seedFile]) {
  if (!existsSync(f)) {
    console.error(
      `missing ${f}: build first (pnpm --filter @truecopy/core build && pnpm --filter @truecopy/cli build)`,
    );
    process.exit(1);
  }
}
const { generateCatalog, DEMO_SEED } = await import(pathToFileURL(seedFile).href);
const { superlativeFeatures, SUPERLATIVE_BUCKETS, SUPERLATIVE_FEATURES_VERSION } = await import(
  pathToFileURL(featuresFile).href
);
const { clauseSpans } = await import(pathToFileURL(clausesFile).href);

const ITERATIONS = 1000;
const LEARNING_RATE = 0.5;
const L2 = 3e-5;
// A false alarm costs more than a miss (every clause of every text is scored), so ordinary clauses
// weigh twice the paraphrases in the loss.
const NEGATIVE_WEIGHT = 2;
const VERSION = "1.1.0";

// Ordinary copy: demo catalog clauses, with every sentence seeded as an "absolute" problem removed.
function demoClauses() {
  const { rows, labels } = generateCatalog({ count: 264, seed: DEMO_SEED });
  const out = [];
  for (const row of rows) {
    let text = `${row.title}。${row.description ?? ""}`;
    for (const issue of labels[row.sku] ?? []) if (issue.kind === "absolute") text = text.replace(issue.sentence, "");
    const lang = /\p{Script=Han}/u.test(row.title) ? "zh" : "en";
    for (const s of clauseSpans(text, lang))
      out.push({
        text: text.slice(s.start, s.end),
        label: 0,
        lang,
        group: `${lang}.neg.demo`,
        template: `demo.${out.length}`,
      });
  }
  return [...new Map(out.map((x) => [x.text, x])).values()];
}

const examples = [...superlativeSentences(), ...demoClauses()].map((e) => {
  const ids = superlativeFeatures(e.text);
  const counts = new Map();
  for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
  const norm = Math.sqrt(Math.max(ids.length, 1));
  return { ...e, x: [...counts].map(([id, c]) => [id, c / norm]) };
});

function train(data) {
  const pos = data.filter((e) => e.label === 1).length;
  const neg = data.length - pos;
  // Classes weigh the same in the loss however many sentences each has, then negatives NEGATIVE_WEIGHT times.
  const weightOf = (e) => (e.label === 1 ? data.length / (2 * pos) : (NEGATIVE_WEIGHT * data.length) / (2 * neg));
  const w = new Float64Array(SUPERLATIVE_BUCKETS);
  const g2 = new Float64Array(SUPERLATIVE_BUCKETS);
  let b = 0;
  let gb2 = 0;
  const used = [...new Set(data.flatMap((e) => e.x.map(([id]) => id)))];
  for (let it = 0; it < ITERATIONS; it++) {
    const grad = new Map();
    let gb = 0;
    for (const e of data) {
      let z = b;
      for (const [id, v] of e.x) z += w[id] * v;
      const p = 1 / (1 + Math.exp(-z));
      const d = (p - e.label) * weightOf(e);
      gb += d;
      for (const [id, v] of e.x) grad.set(id, (grad.get(id) ?? 0) + d * v);
    }
    for (const id of used) {
      const g = (grad.get(id) ?? 0) / data.length + L2 * w[id];
      g2[id] += g * g;
      w[id] -= (LEARNING_RATE * g) / (Math.sqrt(g2[id]) + 1e-8);
    }
    gb /= data.length;
    gb2 += gb * gb;
    b -= (LEARNING_RATE * gb) / (Math.sqrt(gb2) + 1e-8);
  }
  return { w, b };
}

const predict = (m, e) => {
  let z = m.b;
  for (const [id, v] of e.x) z += m.w[id] * v;
  return 1 / (1 + Math.exp(-z));
};

const THRESHOLD = 0.8;
function hash(s) {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}
const THRESHOLDS = [0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95];
const cvMode = process.argv.includes("--cv-family") ? "family" : process.argv.includes("--cv") ? "template" : null;
if (cvMode) {
  // "template": 5 folds over templates, so every sentence is scored by a model that never saw its
  // template (new wording of a known kind of claim). "family": leave one family of templates out
  // (a kind of claim never seen at all; a much harder test).
  const foldOf = (e) => (cvMode === "family" ? e.group : String(hash(e.template) % 5));
  const folds = [...new Set(examples.map(foldOf))];
  const scores = [];
  for (const g of folds) {
    const m = train(examples.filter((e) => foldOf(e) !== g));
    for (const e of examples.filter((x) => foldOf(x) === g))
      scores.push({ label: e.label, lang: e.lang, group: e.group, p: predict(m, e) });
    process.stderr.write(".");
  }
  process.stderr.write("\n");
  for (const lang of ["zh", "en"]) {
    for (const t of THRESHOLDS) {
      const pos = scores.filter((s) => s.lang === lang && s.label === 1);
      const neg = scores.filter((s) => s.lang === lang && s.label === 0);
      const recall = pos.filter((s) => s.p >= t).length / pos.length;
      const fpr = neg.filter((s) => s.p >= t).length / neg.length;
      console.log(
        `${lang} threshold ${t}: held-out recall ${recall.toFixed(3)} (${pos.length}), false-alarm rate ${fpr.toFixed(4)} (${neg.length})`,
      );
    }
  }
  const t = THRESHOLD;
  for (const g of [...new Set(examples.map((e) => e.group))]) {
    const s = scores.filter((x) => x.group === g);
    const hit = s.filter((x) => x.p >= t).length;
    console.log(`  ${g.padEnd(28)} ${hit}/${s.length} at ${t}`);
  }
}

const model = train(examples);
const weights = [];
for (let id = 0; id < SUPERLATIVE_BUCKETS; id++) {
  const v = Math.round(model.w[id] * 1e4) / 1e4;
  if (v !== 0) weights.push([id, v]);
}
const out = {
  name: "superlative-v1",
  version: VERSION,
  buckets: SUPERLATIVE_BUCKETS,
  features: SUPERLATIVE_FEATURES_VERSION,
  bias: Math.round(model.b * 1e4) / 1e4,
  threshold: THRESHOLD,
  trainedOn: {
    sentences: examples.length,
    positive: examples.filter((e) => e.label === 1).length,
    negative: examples.filter((e) => e.label === 0).length,
    demoCatalogClauses: examples.filter((e) => e.group.endsWith(".demo")).length,
  },
  weights,
};
const file = join(root, "packages/core/src/lint/models/superlative-v1.json");
writeFileSync(file, `${JSON.stringify(out)}\n`);
const train_acc = examples.filter((e) => (predict(model, e) >= THRESHOLD ? 1 : 0) === e.label).length / examples.length;
console.log(
  `wrote ${file}: ${weights.length} weights, ${examples.length} sentences, training accuracy ${train_acc.toFixed(4)}`,
);
