#!/usr/bin/env node
// Precision, recall and F1 of the shipped same-product matcher (`matcher-v1`, @truecopy/core's
// scoreListingPair with name embeddings of MATCHER_MODEL.embeddingModel, hashgram-v1 — what
// `truecopy match` runs) on the shared pairs: every split present in the file (train, valid, and
// test when a file has it).
//
//   pnpm --filter @truecopy/core build && pnpm --filter @truecopy/ml build
//   node packages/ml/scripts/eval-matcher.mjs                       # both shared data sets
//   node packages/ml/scripts/eval-matcher.mjs --dataset abt-buy --file /path/to/pairs_test.csv
//
// A file given with --file must have the columns of the shared file (split, left_*, right_*, label).
import { basename } from "node:path";
import { listingProfile, MATCHER_MODEL, scoreListingPair } from "@truecopy/core";
import { f1At } from "./lib/boosted-trees.mjs";
import { loadBuiltMl } from "./lib/built-ml.mjs";
import { loadMatcherPairs, MATCHER_DATASETS } from "./lib/matcher-data.mjs";

const arg = (flag) => {
  const i = process.argv.indexOf(flag);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const only = arg("--dataset");
const file = arg("--file");
if (file && !only) {
  console.error("--file needs --dataset (abt-buy or amazon-google): it says which columns the file has");
  process.exit(2);
}
const datasets = only ? [only] : Object.keys(MATCHER_DATASETS);
for (const d of datasets)
  if (!MATCHER_DATASETS[d]) {
    console.error(`unknown data set ${d}: ${Object.keys(MATCHER_DATASETS).join(", ")}`);
    process.exit(2);
  }

const { createTextEmbedder } = await loadBuiltMl();
const embedder = createTextEmbedder(MATCHER_MODEL.embeddingModel);
const dot = (a, b) => a.reduce((s, v, i) => s + v * b[i], 0);

console.log(`${MATCHER_MODEL.name} ${MATCHER_MODEL.version}, threshold ${MATCHER_MODEL.threshold}`);
console.log("data set        split   pairs  matches  precision  recall  F1     (model-number rule fired)");
for (const d of datasets) {
  const pairs = file ? loadMatcherPairs(d, file) : loadMatcherPairs(d);
  const names = [...new Set(pairs.flatMap((p) => [p.left.name, p.right.name]))];
  const vectors = new Map((await embedder.embed(names)).map((v, i) => [names[i], v]));
  const results = pairs.map((p) =>
    scoreListingPair(listingProfile(p.left), listingProfile(p.right), {
      embeddingCosine: dot(vectors.get(p.left.name), vectors.get(p.right.name)),
    }),
  );
  for (const split of [...new Set(pairs.map((p) => p.split))]) {
    const idx = pairs.map((p, i) => i).filter((i) => pairs[i].split === split);
    const r = f1At(
      idx.map((i) => (results[i].match ? 1 : 0)),
      idx.map((i) => pairs[i].label),
      0.5,
    );
    const rule = idx.filter((i) => results[i].reason === "model_number_differs").length;
    const label = file ? `${d} (${basename(file)})` : d;
    console.log(
      `${label.padEnd(15)} ${split.padEnd(7)} ${String(idx.length).padStart(5)}  ${String(idx.filter((i) => pairs[i].label).length).padStart(7)}  ${r.precision.toFixed(3).padStart(9)}  ${r.recall.toFixed(3).padStart(6)}  ${r.f1.toFixed(3)}  (${rule})`,
    );
  }
}
