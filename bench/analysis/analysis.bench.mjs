#!/usr/bin/env node
// Throughput of the text-analysis pipeline against segmentation alone, same texts, same run:
//   analysis — tokenize (jieba + product dictionary, English lemmas, offsets) + extractKeyphrases
//              (TF-IDF with catalog document frequencies + TextRank) + extractAttributes;
//   baseline — jieba `cut` (HMM on) with the default dictionary, nothing else.
// Texts: title + description of scaledCatalog(N) from the CLI's demo catalog (zh-CN and en-US).
// Runs alternate the order of the two measurements; medians; the last line is the ratio.
//
//   pnpm --filter @truecopy/core build && pnpm --filter @truecopy/cli build
//   node bench/analysis/analysis.bench.mjs [--docs 3000] [--runs 5]
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { numberArg, requireBuilt } from "../lib/built.mjs";
import { median } from "../lib/stats.mjs";

const root = join(dirname(new URL(import.meta.url).pathname), "../..");
const coreDir = join(root, "packages/core");
const seedFile = join(root, "apps/cli/dist/seed/demo-catalog.js");
const coreFile = join(coreDir, "dist/index.js");
requireBuilt([coreFile, seedFile], {
  usage: "node bench/analysis/analysis.bench.mjs [--docs 3000] [--runs 5]",
  build: "pnpm --filter @truecopy/core build && pnpm --filter @truecopy/cli build",
});
const docs = numberArg("--docs", 3000);
const runs = numberArg("--runs", 5);

const core = await import(pathToFileURL(coreFile).href);
const { scaledCatalog } = await import(pathToFileURL(seedFile).href);
const requireFromCore = createRequire(join(coreDir, "package.json"));
const { Jieba } = requireFromCore("@node-rs/jieba");
const { dict } = requireFromCore("@node-rs/jieba/dict");

const texts = scaledCatalog(docs, 3).map((r) => `${r.title}\n${r.description ?? ""}`);
const chars = texts.reduce((a, t) => a + t.length, 0);
console.error(`analysis bench: ${texts.length} texts, ${(chars / 1e6).toFixed(2)} M chars, ${runs} runs`);

// Document frequencies are learned once from the same catalog, as the worker would.
const { df, docCount } = core.buildDocumentFrequencies(texts);
const jieba = Jieba.withDict(dict);

function analyse() {
  let tokens = 0;
  let phrases = 0;
  let facts = 0;
  for (const text of texts) {
    const t = core.tokenize(text);
    tokens += t.length;
    phrases += core.extractKeyphrases(t, { k: 10, df, docCount }).length;
    facts += core.extractAttributes(text).length;
  }
  return { tokens, phrases, facts };
}
function segment() {
  let words = 0;
  for (const text of texts) words += jieba.cut(text, true).length;
  return { words };
}
const timed = (fn) => {
  const started = process.hrtime.bigint();
  const out = fn();
  return { out, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
};

// Warm-up (JIT, the analysis' own jieba instance and dictionary load).
const check = analyse();
segment();
if (check.tokens === 0 || check.phrases === 0 || check.facts === 0) {
  console.error(`analysis produced nothing: ${JSON.stringify(check)}`);
  process.exit(1);
}

const rates = { analysis: [], baseline: [] };
for (let r = 0; r < runs; r++) {
  const order = r % 2 === 0 ? ["analysis", "baseline"] : ["baseline", "analysis"];
  for (const which of order) {
    const { seconds } = timed(which === "analysis" ? analyse : segment);
    rates[which].push(texts.length / seconds);
  }
  console.error(`run ${r + 1}: analysis ${rates.analysis.at(-1).toFixed(0)} docs/s, jieba cut ${rates.baseline.at(-1).toFixed(0)} docs/s`);
}
const a = median(rates.analysis);
const b = median(rates.baseline);
console.log(`per run: ${JSON.stringify(check)} (tokens, keyphrases, attribute facts over ${texts.length} texts)`);
console.log(`analysis: ${(a * (chars / texts.length) / 1e6).toFixed(2)} M chars/s; jieba cut: ${(b * (chars / texts.length) / 1e6).toFixed(2)} M chars/s`);
console.log(`analysis: ${a.toFixed(0)} docs/s via tokenize+extractKeyphrases+extractAttributes vs ${b.toFixed(0)} docs/s jieba cut alone = ${(a / b).toFixed(2)}x (no goal set)`);
