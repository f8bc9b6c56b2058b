#!/usr/bin/env node
// Trains the same-product matcher `matcher-v1`: gradient-boosted trees (depth 3, logistic loss) over
// the generic pair features of @truecopy/core (matcherFeatures), on the TRAIN splits of the shared
// Abt-Buy and Amazon-Google pairs together (one model: no data set indicator, no vocabulary).
// The decision threshold is chosen by 5-fold cross-validation on the same train pairs (best mean F1
// of the two data sets, out of fold, with the model-number rule applied); the valid splits are only
// measured, after everything is fixed. Writes packages/core/src/duplicates/models/matcher-v1.json.
//
//   pnpm --filter @truecopy/core build && pnpm --filter @truecopy/ml build
//   node packages/ml/scripts/train-matcher.mjs [--out FILE]
//
// Deterministic: the same data give a byte-identical file. Model card: docs/models/matcher-v1.md.
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { differsInModelNumber, MATCHER_FEATURES } from "@truecopy/core";
import prettier from "prettier";
import { bestF1Threshold, f1At, predictProbability, trainBoostedTrees } from "./lib/boosted-trees.mjs";
import { loadMatcherPairs, MATCHER_DATASETS, SHARED_DATA } from "./lib/matcher-data.mjs";
import { pairFeatureRows } from "./lib/matcher-features.mjs";

export const MATCHER_V1 = {
  name: "matcher-v1",
  version: "1.0.0",
  rounds: 300,
  depth: 3,
  learningRate: 0.1,
  lambda: 1,
  minChildWeight: 1,
  subsample: 0.8,
  bins: 64,
  seed: 20261128,
  folds: 5,
};

const here = dirname(fileURLToPath(import.meta.url));
const outIndex = process.argv.indexOf("--out");
const out =
  outIndex >= 0 ? resolve(process.argv[outIndex + 1]) : join(here, "../../core/src/duplicates/models/matcher-v1.json");

const datasets = Object.keys(MATCHER_DATASETS);
const pairs = datasets.flatMap((d) => loadMatcherPairs(d));
const sourceDigest = createHash("sha256");
for (const d of datasets)
  sourceDigest.update(readFileSync(join(SHARED_DATA, MATCHER_DATASETS[d].dir, "pairs_train_valid.csv")));
console.error(`features of ${pairs.length} pairs…`);
const X = await pairFeatureRows(pairs);
const y = pairs.map((p) => p.label);
const train = pairs.map((p, i) => i).filter((i) => pairs[i].split === "train");
const valid = pairs.map((p, i) => i).filter((i) => pairs[i].split === "valid");

const options = {
  rounds: MATCHER_V1.rounds,
  depth: MATCHER_V1.depth,
  learningRate: MATCHER_V1.learningRate,
  lambda: MATCHER_V1.lambda,
  minChildWeight: MATCHER_V1.minChildWeight,
  subsample: MATCHER_V1.subsample,
  bins: MATCHER_V1.bins,
  seed: MATCHER_V1.seed,
};
const score = (model, i) => (differsInModelNumber(X[i]) ? 0 : predictProbability(model, X[i]));

// Folds stratified by data set and label: every fold sees both data sets' matches.
const foldOf = new Map();
const counters = new Map();
for (const i of train) {
  const key = `${pairs[i].dataset}:${y[i]}`;
  const c = counters.get(key) ?? 0;
  counters.set(key, c + 1);
  foldOf.set(i, c % MATCHER_V1.folds);
}
const oof = new Map();
for (let k = 0; k < MATCHER_V1.folds; k++) {
  const fit = train.filter((i) => foldOf.get(i) !== k);
  const held = train.filter((i) => foldOf.get(i) === k);
  const model = trainBoostedTrees(
    fit.map((i) => X[i]),
    fit.map((i) => y[i]),
    options,
  );
  for (const i of held) oof.set(i, score(model, i));
  console.error(`fold ${k + 1}/${MATCHER_V1.folds}`);
}
// Threshold: best mean of the data sets' out-of-fold F1, over a grid.
let best = { threshold: 0.5, meanF1: -1 };
for (let t = 0.2; t <= 0.8001; t += 0.01) {
  const f1s = datasets.map((d) => {
    const idx = train.filter((i) => pairs[i].dataset === d);
    return f1At(
      idx.map((i) => oof.get(i)),
      idx.map((i) => y[i]),
      t,
    ).f1;
  });
  const mean = f1s.reduce((a, b) => a + b, 0) / f1s.length;
  if (mean > best.meanF1 + 1e-9) best = { threshold: Number(t.toFixed(2)), meanF1: mean };
}
const cv = Object.fromEntries(
  datasets.map((d) => {
    const idx = train.filter((i) => pairs[i].dataset === d);
    const r = f1At(
      idx.map((i) => oof.get(i)),
      idx.map((i) => y[i]),
      best.threshold,
    );
    return [d, round3(r)];
  }),
);

const model = trainBoostedTrees(
  train.map((i) => X[i]),
  train.map((i) => y[i]),
  options,
);
const validMetrics = Object.fromEntries(
  datasets.map((d) => {
    const idx = valid.filter((i) => pairs[i].dataset === d);
    const scores = idx.map((i) => score(model, i));
    const labels = idx.map((i) => y[i]);
    return [
      d,
      { ...round3(f1At(scores, labels, best.threshold)), bestThresholdF1: round3(bestF1Threshold(scores, labels)) },
    ];
  }),
);

function round3(r) {
  return Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === "number" ? Number(v.toFixed(3)) : v]));
}

const file = {
  name: MATCHER_V1.name,
  version: MATCHER_V1.version,
  kind: "gradient-boosted trees (logistic loss) over pair features",
  features: [...MATCHER_FEATURES],
  threshold: best.threshold,
  base: model.base,
  trees: model.trees,
  training: {
    data: datasets.map((d) => `${MATCHER_DATASETS[d].dir}/pairs_train_valid.csv (split = train)`),
    dataSha256: sourceDigest.digest("hex"),
    pairs: train.length,
    matches: train.filter((i) => y[i] === 1).length,
    hyperparameters: options,
    crossValidation: { folds: MATCHER_V1.folds, meanF1: Number(best.meanF1.toFixed(3)), ...cv },
  },
  valid: validMetrics,
};
mkdirSync(dirname(out), { recursive: true });
// Written as the repository's formatter writes it, so `prettier --write` leaves the file as trained.
const text = await prettier.format(JSON.stringify(file), { parser: "json" });
writeFileSync(out, text);
console.error(`wrote ${out} (${text.length} bytes), threshold ${best.threshold}`);
console.log(
  JSON.stringify(
    { threshold: best.threshold, crossValidation: file.training.crossValidation, valid: validMetrics },
    null,
    1,
  ),
);
