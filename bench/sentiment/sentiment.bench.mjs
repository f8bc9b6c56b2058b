#!/usr/bin/env node
// Review sentiment throughput: the default classifier (sentiment-v2: n-grams + lexicon features,
// which tokenise each review) against sentiment-v1 (the same n-gram table alone) on the same
// reviews, same run, both through `createSentimentClassifier().classify` in batches as the analyze
// job sends them. Also shown: `sentimentLexiconFeatures` alone, the part v2 adds.
// Reviews: those of scaledCatalog(N) from the CLI's demo catalog (zh-CN and en-US).
// Runs alternate the order of the measurements; medians; the last line is the ratio.
//
//   pnpm --filter @truecopy/core build && pnpm --filter @truecopy/ml build && pnpm --filter @truecopy/cli build
//   node bench/sentiment/sentiment.bench.mjs [--docs 1000] [--runs 5] [--batch 64]
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { numberArg, requireBuilt } from "../lib/built.mjs";
import { median } from "../lib/stats.mjs";

const root = join(dirname(new URL(import.meta.url).pathname), "../..");
const files = {
  core: join(root, "packages/core/dist/index.js"),
  ml: join(root, "packages/ml/dist/index.js"),
  seed: join(root, "apps/cli/dist/seed/demo-catalog.js"),
};
requireBuilt(Object.values(files), {
  usage: "node bench/sentiment/sentiment.bench.mjs [--docs 1000] [--runs 5] [--batch 64]",
  build: "pnpm --filter @truecopy/core build && pnpm --filter @truecopy/ml build && pnpm --filter @truecopy/cli build",
});
const docs = numberArg("--docs", 1000);
const runs = numberArg("--runs", 5);
const batch = numberArg("--batch", 64);

const core = await import(pathToFileURL(files.core).href);
const ml = await import(pathToFileURL(files.ml).href);
const { scaledCatalog } = await import(pathToFileURL(files.seed).href);

const reviews = scaledCatalog(docs, 7).flatMap((r) => (r.reviews ?? []).map((v) => v.text));
const chars = reviews.reduce((a, t) => a + t.length, 0);
console.error(`sentiment bench: ${reviews.length} reviews, ${(chars / 1e6).toFixed(2)} M chars, ${runs} runs`);

const v2 = ml.createSentimentClassifier();
const v1 = ml.createSentimentClassifier({ model: "sentiment-v1" });
const lexicon = ml.loadSentimentLexicon();
const classifyAll = async (classifier) => {
  let positive = 0;
  for (let i = 0; i < reviews.length; i += batch)
    for (const r of await classifier.classify(reviews.slice(i, i + batch))) if (r.label === "positive") positive++;
  return positive;
};
const paths = {
  v2: () => classifyAll(v2),
  v1: () => classifyAll(v1),
  lexiconFeatures: async () => {
    for (const t of reviews) core.sentimentLexiconFeatures(t, lexicon);
    return 0;
  },
};
// Warm-up (sessions, lexicon load, JIT) is not timed.
for (const fn of Object.values(paths)) await fn();

const samples = Object.fromEntries(Object.keys(paths).map((k) => [k, []]));
const positives = {};
for (let run = 0; run < runs; run++) {
  const order = run % 2 ? Object.keys(paths).reverse() : Object.keys(paths);
  for (const name of order) {
    const started = performance.now();
    positives[name] = await paths[name]();
    samples[name].push(reviews.length / ((performance.now() - started) / 1000));
  }
  console.error(
    `  run ${run + 1}: ${Object.entries(samples)
      .map(([k, v]) => `${k} ${v.at(-1).toFixed(0)}/s`)
      .join(", ")}`,
  );
}
await ml.releaseSentimentSessions();

const rate = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)]));
console.log(`| path | reviews/s |\n|---|---:|`);
console.log(`| sentimentLexiconFeatures alone | ${rate.lexiconFeatures.toFixed(0)} |`);
console.log(`| classify, sentiment-v1 (n-grams) | ${rate.v1.toFixed(0)} |`);
console.log(`| **classify, sentiment-v2 (default)** | **${rate.v2.toFixed(0)}** |`);
console.log(`positive labels: v2 ${positives.v2}, v1 ${positives.v1} of ${reviews.length}`);
console.log(
  `sentiment: ${rate.v2.toFixed(0)} reviews/s via classify (sentiment-v2, n-grams + lexicons) vs ${rate.v1.toFixed(0)} reviews/s sentiment-v1 (n-grams alone) = ${(rate.v2 / rate.v1).toFixed(2)}x (no goal set)`,
);
