#!/usr/bin/env node
// Language detection throughput: core's `detectLanguage` with the fastText lid.176 identifier (the
// production path) against the script-ratio heuristic alone (`detectLanguage` without an
// identifier), same texts, same run. Also shown: the identifier on every zh/en-dominant text (no
// fast path) and fastText's predict alone.
// Texts: title + description and the reviews of scaledCatalog(N) from the CLI's demo catalog
// (zh-CN and en-US), plus the project's other-language samples; each text is detected once per run.
// Runs alternate the order of the measurements; medians; the last line is the ratio.
//
//   pnpm --filter @truecopy/core build && pnpm --filter @truecopy/ml build && pnpm --filter @truecopy/cli build
//   node bench/language/language.bench.mjs [--docs 3000] [--runs 5]
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
  usage: "node bench/language/language.bench.mjs [--docs 3000] [--runs 5]",
  build: "pnpm --filter @truecopy/core build && pnpm --filter @truecopy/ml build && pnpm --filter @truecopy/cli build",
});
const docs = numberArg("--docs", 3000);
const runs = numberArg("--runs", 5);

const core = await import(pathToFileURL(files.core).href);
const ml = await import(pathToFileURL(files.ml).href);
const { scaledCatalog } = await import(pathToFileURL(files.seed).href);
const { OTHER_LANGUAGE_SAMPLES } = await import(
  pathToFileURL(join(root, "packages/ml/scripts/lib/language-samples.mjs")).href
);

const rows = scaledCatalog(docs, 5);
const texts = [
  ...rows.map((r) => `${r.title}\n${r.description ?? ""}`),
  ...rows.flatMap((r) => (r.reviews ?? []).map((v) => v.text)),
  ...OTHER_LANGUAGE_SAMPLES.map(([, t]) => t),
];
const chars = texts.reduce((a, t) => a + t.length, 0);
console.error(`language bench: ${texts.length} texts, ${(chars / 1e6).toFixed(2)} M chars, ${runs} runs`);

const loadStarted = performance.now();
const identify = await ml.loadLanguageIdentifier();
const loadMs = performance.now() - loadStarted;

const paths = {
  production: (t) => core.detectLanguage(t, { identify }),
  heuristic: (t) => core.detectLanguage(t),
  noFastPath: (t) => core.detectLanguage(t, { identify, fastPath: false }),
  fastTextOnly: (t) => identify(t)[0]?.code ?? "",
};
// Warm-up (JIT, wasm tiers) is not timed.
for (const fn of Object.values(paths)) for (const t of texts.slice(0, 500)) fn(t);

function measure(fn) {
  const started = performance.now();
  const counts = new Map();
  for (const t of texts) {
    const l = fn(t);
    counts.set(l, (counts.get(l) ?? 0) + 1);
  }
  return { perSecond: texts.length / ((performance.now() - started) / 1000), counts };
}

const samples = Object.fromEntries(Object.keys(paths).map((k) => [k, []]));
let lastCounts = null;
for (let run = 0; run < runs; run++) {
  const order = run % 2 ? Object.keys(paths).reverse() : Object.keys(paths);
  for (const name of order) {
    const m = measure(paths[name]);
    samples[name].push(m.perSecond);
    if (name === "production") lastCounts = m.counts;
  }
  console.error(
    `  run ${run + 1}: ${Object.entries(samples)
      .map(([k, v]) => `${k} ${v.at(-1).toFixed(0)}/s`)
      .join(", ")}`,
  );
}
const m = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)]));

// A fast bench must not be a broken one: the production path found every language it should.
if (!["zh", "en", "other"].every((l) => (lastCounts.get(l) ?? 0) > 0)) {
  console.error(`unexpected detections: ${JSON.stringify([...lastCounts])}`);
  process.exit(1);
}
const f = (x) => x.toFixed(0).padStart(9);
console.log(
  `language bench: ${texts.length} texts (avg ${(chars / texts.length).toFixed(0)} chars), identifier load ${loadMs.toFixed(0)} ms`,
);
console.log(`  detections: ${JSON.stringify(Object.fromEntries(lastCounts))}`);
console.log(`  heuristic alone (script shares)              ${f(m.heuristic)} detections/s`);
console.log(`  production (fastText, Han fast path)         ${f(m.production)} detections/s`);
console.log(`  fastText on every zh/en-dominant text        ${f(m.noFastPath)} detections/s`);
console.log(`  fastText predict alone                       ${f(m.fastTextOnly)} detections/s`);
console.log(
  `language: ${m.production.toFixed(0)} detections/s via detectLanguage+fastText vs ${m.heuristic.toFixed(0)} detections/s script heuristic = ${(m.production / m.heuristic).toFixed(2)}x (no goal)`,
);
