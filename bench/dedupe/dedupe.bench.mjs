#!/usr/bin/env node
// Copy reuse at catalog scale: synthetic product descriptions (half Chinese, half English) with
// planted near-copies whose sources the bench knows, deduplicated in one process by the code behind
// `truecopy dedupe` (CopyDedupeBatch of @truecopy/core: SimHash blocks + MinHash LSH, verified,
// clustered). Next to it, in the same run and on the same texts, the usual cheap baseline: exact
// dedupe by a hash of the normalised text (NFKC, lower case, whitespace collapsed).
//
// Printed: throughput of both (descriptions/s, text generation excluded), their ratio; recall of
// the planted copies (a copy is found when it lands in its source's cluster) by kind of edit, for
// both; precision of the pairs found; LSH/SimHash candidate pairs against all n(n-1)/2 pairs; peak
// RSS. The last line is the figure.
//
//   pnpm --filter @truecopy/core build
//   node --max-old-space-size=4096 bench/dedupe/dedupe.bench.mjs [--docs 1000000] [--copies 0.1] [--seed 7]
import { createHash } from "node:crypto";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { numberArg, requireBuilt } from "../lib/built.mjs";

const root = join(dirname(new URL(import.meta.url).pathname), "../..");
const coreFile = join(root, "packages/core/dist/index.js");
requireBuilt([coreFile], {
  usage: "node bench/dedupe/dedupe.bench.mjs [--docs 1000000] [--copies 0.1] [--seed 7]",
  build: "pnpm --filter @truecopy/core build",
});
const DOCS = numberArg("--docs", 1_000_000);
const COPY_SHARE = numberArg("--copies", 0.1);
const SEED = numberArg("--seed", 7);
const GOAL = 0.05;
const { CopyDedupeBatch, normalizeText } = await import(pathToFileURL(coreFile).href);

// ---- synthetic catalog, regenerated from (seed, index) so nothing but signatures is kept ----
function fmix(h) {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const SYLLABLES = "ka ri to na mo se lu pa vi do ne ga sho ten bor lin mar qui zen fa ro de sa ti lo".split(" ");
const vocab = (() => {
  const r = rng(SEED * 7919);
  const words = new Set();
  while (words.size < 6000) {
    const n = 1 + Math.floor(r() * 3);
    let w = "";
    for (let k = 0; k < n; k++) w += SYLLABLES[Math.floor(r() * SYLLABLES.length)];
    words.add(w);
  }
  return [...words];
})();
// Common characters first: a Zipf-like draw (u²) makes some words and characters frequent, as in
// real copy, so unrelated descriptions share words but rarely runs of them.
const han = Array.from({ length: 3000 }, (_, i) => String.fromCodePoint(0x4e00 + ((i * 7) % 20902)));
const zipf = (r, n) => Math.floor(r() * r() * n);
// Draws for document i: a hash of (i, draw number), not a seeded stream — streams of nearby seeds
// of a counter-based generator are shifted copies of one another, which would plant copies the
// ground truth does not know about.
function draws(i) {
  const h = fmix(Math.imul(i + 1, 0x9e3779b1) ^ fmix(SEED + 0x7f4a7c15));
  let k = 0;
  return () => fmix(Math.imul(h ^ fmix(++k), 0x85ebca6b) + k) / 4294967296;
}
function baseText(i) {
  const r = draws(i);
  const zh = r() < 0.5;
  const n = 40 + Math.floor(r() * 40);
  const parts = [];
  for (let k = 0; k < n; k++) {
    parts.push(zh ? han[zipf(r, han.length)] : vocab[zipf(r, vocab.length)]);
    if (k % 12 === 11) parts.push(zh ? "。" : ".");
  }
  return { zh, parts };
}
const render = ({ zh, parts }) => (zh ? parts.join("") : parts.join(" ").replace(/ \./g, "."));

// Planted copies: a share of the documents copy an earlier original, with one of five edits.
const EDITS = ["verbatim", "reformatted", "light edit", "5% rewritten", "boilerplate added"];
function plan(i) {
  const h = fmix(i * 2654435761 + SEED);
  if (i < 100 || h / 4294967296 >= COPY_SHARE) return null;
  let source = fmix(h) % i;
  while (plan(source)) source = fmix(source + 1) % source; // originals only
  return { source, edit: fmix(h ^ 0x9e3779b9) % EDITS.length };
}
function textOf(i) {
  const p = plan(i);
  if (!p) return render(baseText(i));
  const doc = baseText(p.source);
  const r = draws(i + 0x40000000);
  const parts = [...doc.parts];
  const word = () => (doc.zh ? han[Math.floor(r() * han.length)] : vocab[Math.floor(r() * vocab.length)]);
  switch (p.edit) {
    case 0:
      return render(doc);
    case 1: {
      // Same words: case, full-width digits, other punctuation, an emoji.
      const s = render({ zh: doc.zh, parts });
      return `✨ ${s.toUpperCase().replaceAll("。", "！").replaceAll(".", "!!")} ✨`;
    }
    case 2:
      for (let k = 0; k < 2; k++) parts[Math.floor(r() * parts.length)] = word();
      return render({ zh: doc.zh, parts });
    case 3:
      for (let k = 0; k < Math.ceil(parts.length * 0.05); k++) parts[Math.floor(r() * parts.length)] = word();
      return render({ zh: doc.zh, parts });
    default: {
      const tail = doc.zh
        ? "全场包邮，七天无理由退换，欢迎选购。"
        : "Free shipping, 30 day returns, satisfaction guaranteed.";
      parts[Math.floor(r() * parts.length)] = word();
      return `${render({ zh: doc.zh, parts })}${doc.zh ? "" : " "}${tail}`;
    }
  }
}

// ---- the two dedupers ----
const now = () => process.hrtime.bigint();
const secs = (ns) => Number(ns) / 1e9;

function exactBaseline() {
  const groups = new Map();
  const root = new Int32Array(DOCS);
  let spent = 0n;
  for (let i = 0; i < DOCS; i++) {
    const text = textOf(i);
    const t = now();
    const key = createHash("sha1").update(normalizeText(text).toLowerCase()).digest("base64");
    const first = groups.get(key);
    if (first === undefined) {
      groups.set(key, i);
      root[i] = i;
    } else root[i] = first;
    spent += now() - t;
  }
  return { seconds: secs(spent), sameGroup: (a, b) => root[a] === root[b] };
}

function lshDedupe() {
  const batch = new CopyDedupeBatch();
  let spent = 0n;
  for (let i = 0; i < DOCS; i++) {
    const text = textOf(i);
    const t = now();
    batch.add(text);
    spent += now() - t;
    if (i % 100_000 === 99_999) console.error(`  signed ${i + 1} descriptions`);
  }
  const t = now();
  const stats = batch.findPairs();
  const clusters = batch.clusters();
  spent += now() - t;
  const cluster = new Int32Array(DOCS).fill(-1);
  clusters.forEach((c, k) => {
    for (const m of c.members) cluster[m] = k;
  });
  let wrongPairs = 0;
  for (const p of batch.pairs()) {
    const fa = plan(p.a)?.source ?? p.a;
    const fb = plan(p.b)?.source ?? p.b;
    if (fa !== fb) wrongPairs++;
  }
  return {
    seconds: secs(spent),
    stats,
    clusters: clusters.length,
    precision: stats.pairs ? 1 - wrongPairs / stats.pairs : 1,
    sameGroup: (a, b) => cluster[a] !== -1 && cluster[a] === cluster[b],
  };
}

function recall(sameGroup) {
  const found = EDITS.map(() => 0);
  const total = EDITS.map(() => 0);
  for (let i = 0; i < DOCS; i++) {
    const p = plan(i);
    if (!p) continue;
    total[p.edit]++;
    if (sameGroup(i, p.source)) found[p.edit]++;
  }
  const all =
    found.reduce((a, b) => a + b, 0) /
    Math.max(
      1,
      total.reduce((a, b) => a + b, 0),
    );
  return {
    all,
    byEdit: EDITS.map((e, k) => ({ edit: e, planted: total[k], recall: total[k] ? found[k] / total[k] : 0 })),
  };
}

console.error(`dedupe bench: ${DOCS} descriptions, ${(COPY_SHARE * 100).toFixed(0)}% planted copies, seed ${SEED}`);
const rssBefore = process.memoryUsage().rss;
console.error("exact-hash baseline…");
const base = exactBaseline();
const rssBase = process.resourceUsage().maxRSS * 1024;
console.error("SimHash + MinHash LSH…");
const ours = lshDedupe();
const peak = process.resourceUsage().maxRSS * 1024;
const rBase = recall(base.sameGroup);
const rOurs = recall(ours.sameGroup);
if (rOurs.byEdit.every((e) => e.planted === 0)) {
  console.error("no copies were planted: raise --docs or --copies");
  process.exit(1);
}
const rateOurs = DOCS / ours.seconds;
const rateBase = DOCS / base.seconds;
const candidates = ours.stats.simhashCandidates + ours.stats.lshCandidates;
const mb = (b) => `${(b / 1048576).toFixed(0)} MB`;
console.log(`recall of planted copies by edit (LSH vs exact hash):`);
for (const [k, e] of rOurs.byEdit.entries())
  console.log(
    `  ${e.edit.padEnd(18)} ${String(e.planted).padStart(7)} planted  ${e.recall.toFixed(3)} vs ${rBase.byEdit[k].recall.toFixed(3)}`,
  );
console.log(
  `pairs found ${ours.stats.pairs} (precision ${ours.precision.toFixed(4)}), clusters ${ours.clusters}; candidates ${candidates} (SimHash ${ours.stats.simhashCandidates}, LSH ${ours.stats.lshCandidates}) = ${(candidates / ours.stats.allPairs).toExponential(2)} of all ${ours.stats.allPairs.toExponential(2)} pairs; large buckets chained ${ours.stats.largeBuckets}`,
);
console.log(
  `memory: RSS ${mb(rssBefore)} at start, ${mb(rssBase)} peak after the baseline, ${mb(peak)} peak after LSH (${((peak - rssBase) / DOCS || 0).toFixed(0)} bytes a description above the baseline's peak)`,
);
console.log(
  `dedupe: ${rateOurs.toFixed(0)} descriptions/s via SimHash + MinHash LSH vs ${rateBase.toFixed(0)} descriptions/s exact-hash dedupe = ${(rateOurs / rateBase).toFixed(3)}x; recall ${rOurs.all.toFixed(3)} vs ${rBase.all.toFixed(3)}; ${DOCS} descriptions, peak RSS ${mb(peak)} (goal >= ${GOAL}x: ${rateOurs / rateBase >= GOAL ? "met" : "missed"})`,
);
