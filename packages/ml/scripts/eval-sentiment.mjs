#!/usr/bin/env node
// Evaluates the shipped sentiment model through the production classifier (onnxruntime-node) on
// the held-out splits of lib/sentiment-data.mjs: 20% of the shared Chinese reviews (stratified by
// category × label) and 20% of the project's own English lines.
//
//   pnpm --filter @truecopy/core build && pnpm --filter @truecopy/ml build
//   node packages/ml/scripts/eval-sentiment.mjs [model-name] [--json]
//
// Accuracy and per-class precision/recall/F1 are for the two-way decision (P(positive) ≥ 0.5).
// "Labels" is what callers get from the default classifier (`truecopy analyze`, the analyze job):
// the share of texts whose label equals the gold one, a "neutral" counting as wrong. An abstaining
// caller's view is reported for larger neutral thresholds as coverage (share of texts given a polar
// label) and accuracy on the covered texts. TRUECOPY_DATA_DIR overrides the data folder.
import { loadBuiltMl } from "./lib/built-ml.mjs";
import { loadEnglishSplit, loadReviewSplit } from "./lib/sentiment-data.mjs";
import { classificationReport } from "./lib/sentiment-model.mjs";

const ml = await loadBuiltMl();

const args = process.argv.slice(2);
const name = args.find((a) => !a.startsWith("--")) ?? ml.DEFAULT_SENTIMENT_MODEL;
// Threshold 0.5: every text the model reads gets a polar label, so the score is P(label) and
// P(positive) is recoverable. `labels` is the default classifier, as the product uses it.
const classifier = ml.createSentimentClassifier({ model: name, neutralThreshold: 0.5 });
const labels = ml.createSentimentClassifier({ model: name });
const ABSTAIN_AT = [0.55, 0.65];

async function evaluate(items) {
  const texts = items.map((i) => i.text);
  const results = await classifier.classify(texts);
  const p1 = results.map((r) => (r.label === "positive" ? r.score : 1 - r.score));
  const gold = items.map((i) => i.label);
  const report = classificationReport(p1, gold);
  const given = await labels.classify(texts);
  const wanted = (l) => (l === 1 ? "positive" : "negative");
  const defaultLabels = {
    threshold: ml.DEFAULT_NEUTRAL_THRESHOLD,
    accuracy: given.filter((r, i) => r.label === wanted(gold[i])).length / items.length,
    neutral: given.filter((r) => r.label === "neutral").length / items.length,
  };
  const abstaining = ABSTAIN_AT.map((threshold) => {
    const covered = p1.map((p, i) => [p, gold[i]]).filter(([p]) => Math.max(p, 1 - p) >= threshold);
    const coveredCorrect = covered.filter(([p, l]) => (p >= 0.5 ? 1 : 0) === l).length;
    return {
      threshold,
      coverage: covered.length / items.length,
      accuracyCovered: covered.length ? coveredCorrect / covered.length : 0,
      labelAccuracy: coveredCorrect / items.length,
    };
  });
  return { ...report, defaultLabels, abstaining };
}

const started = performance.now();
const zh = loadReviewSplit();
const en = loadEnglishSplit();
const result = {
  model: classifier.model,
  zhReviewsHeldOut: await evaluate(zh.heldOut),
  englishHeldOut: await evaluate(en.heldOut),
  perCategory: {},
};
for (const cat of [...new Set(zh.heldOut.map((r) => r.category))].sort()) {
  const r = await evaluate(zh.heldOut.filter((x) => x.category === cat));
  result.perCategory[cat] = { n: r.n, accuracy: r.accuracy };
}
await ml.releaseSentimentSessions();
const seconds = (performance.now() - started) / 1000;

const f = (x) => x.toFixed(4);
const block = (title, r) =>
  [
    `${title}: n=${r.n}  accuracy ${f(r.accuracy)}`,
    `  negative  precision ${f(r.negative.precision)}  recall ${f(r.negative.recall)}  F1 ${f(r.negative.f1)}  (support ${r.negative.support})`,
    `  positive  precision ${f(r.positive.precision)}  recall ${f(r.positive.recall)}  F1 ${f(r.positive.f1)}  (support ${r.positive.support})`,
    `  labels of the default classifier (neutral below ${r.defaultLabels.threshold}; neutral counts as wrong): accuracy ${f(r.defaultLabels.accuracy)}, neutral ${f(r.defaultLabels.neutral)}`,
    ...r.abstaining.map(
      (a) =>
        `  abstaining below ${a.threshold}: coverage ${f(a.coverage)}, accuracy on covered ${f(a.accuracyCovered)}, labels right ${f(a.labelAccuracy)}`,
    ),
  ].join("\n");

if (args.includes("--json")) console.log(JSON.stringify(result, null, 2));
else
  console.log(
    [
      `${result.model.name}@${result.model.version}, ${seconds.toFixed(1)} s`,
      block("Chinese reviews, held-out 20% (online_shopping_10_cats sample)", result.zhReviewsHeldOut),
      block("English lines written for the project, held-out 20% (small!)", result.englishHeldOut),
      "Chinese accuracy per category: " +
        Object.entries(result.perCategory)
          .map(([c, r]) => `${c} ${f(r.accuracy)} (${r.n})`)
          .join(", "),
    ].join("\n"),
  );
