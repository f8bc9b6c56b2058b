#!/usr/bin/env node
// Trains the `hashgram-v2` text embedding contrastively and writes it as ONNX (same graph as v1).
//
//   pnpm --filter @truecopy/core build
//   node packages/ml/scripts/train-hashgram-v2.mjs [--out FILE] [--epochs N] [--lr X] [--tau X] [--grid]
//
// Start: hashgram-v1's table (dequantised) with its semantic projection folded into the rows, so
// step 0 is v1 exactly. Objective: symmetric InfoNCE with in-batch negatives (temperature 0.05) on
// positive pairs — matched offers of the entity-matching benchmarks (train entities only, see
// lib/em-split.mjs), Abt-Buy name ↔ description of one offer, AdvertiseGen attribute string ↔ its
// ad copy, and two feature-dropout views of one catalog/review/ad text. Each batch draws from one
// task, so its negatives are of the same kind (other offers of the same shops, other reviews).
// Only rows of features seen in training move; features never seen keep v1's lexical vectors, so
// exact shared model numbers still count for unseen products. Sparse Adam with a step size relative
// to each row's initial scale (v1's rows span two orders of magnitude through IDF weighting), and an
// L2 pull towards the initial rows. Plain JS on Float32Arrays; deterministic for a seed and data.
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { hashedFeatureIds } from "@truecopy/core";
import { loadAdvertiseGen, loadReviews } from "./lib/corpus.mjs";
import { embedBag } from "./lib/embedding-bag.mjs";
import { EM_DATASETS, loadEntityMatching, matchedPairs, retrievalMetrics, retrievalTask } from "./lib/em-split.mjs";
import { retrieval, nearestNeighbourAccuracy } from "./lib/metrics.mjs";
import { decodeHashgramModel, writeHashgramModel } from "./lib/onnx-model.mjs";
import { mulberry32 } from "./lib/random.mjs";

export const HASHGRAM_V2 = {
  name: "hashgram-v2",
  version: "2.0.0",
  buckets: 65536,
  dim: 256,
  maxFeatures: 4096,
  seed: 20261128,
  init: "hashgram-v1.onnx",
  // v1's head layout: dimensions [0, lexDims) and [lexDims, dim), each normalised, weighted √(1−s), √s.
  lexDims: 192,
  semShare: 0.3,
  tau: 0.05,
  batch: 64,
  // Chosen on the dev entities (mean MRR of both benchmarks: epochs 2–6 gave 0.866, 0.878, 0.874, 0.872, 0.861).
  epochs: 3,
  // Adam step per coordinate, as a fraction of the row's initial RMS within its head.
  lr: 0.02,
  beta1: 0.9,
  beta2: 0.999,
  // L2 pull of every touched row towards its initial value (relative units, per step).
  pull: 0.001,
  // Share of feature ids dropped in each view of a text.
  dropout: 0.15,
  // At most this many dropout-view pairs per source per epoch (the matched pairs are the signal).
  maxViewPairs: 1500,
  // Add one of the benchmark's non-matches of each query as a negative column.
  hardNegatives: 1,
};

const log = (...a) => console.error(`[train-v2 ${(performance.now() / 1000).toFixed(1)}s]`, ...a);

const featurize = (text, cfg) => hashedFeatureIds(text, { buckets: cfg.buckets, maxFeatures: cfg.maxFeatures });

/** v1's table with each head's projection applied to the rows (both are linear before normalisation). */
export function foldedV1(bytes, cfg) {
  const { table, rows, dim, heads } = decodeHashgramModel(bytes);
  if (dim !== cfg.dim || rows !== cfg.buckets + 1)
    throw new Error(`init model is ${rows}×${dim}, expected ${cfg.buckets + 1}×${cfg.dim}`);
  const out = new Float32Array(rows * dim);
  const tmp = new Float64Array(dim);
  // Sparse form of the projections (v1's are blocks of the identity and one 64×64 block).
  const entries = heads.map((h) => {
    const e = [];
    for (let i = 0; i < dim; i++)
      for (let j = 0; j < dim; j++) if (h.projection[i * dim + j] !== 0) e.push([i, j, h.projection[i * dim + j]]);
    return e;
  });
  for (let r = 0; r < rows; r++) {
    tmp.fill(0);
    for (const e of entries) for (const [i, j, p] of e) tmp[j] += table[r * dim + i] * p;
    for (let j = 0; j < dim; j++) out[r * dim + j] = tmp[j];
  }
  return { table: out, epsilons: heads.map((h) => h.epsilon) };
}

/** Identity projections over the two head ranges, with v1's ε and weights. */
export function identityHeads(cfg, epsilons) {
  const ranges = [
    [0, cfg.lexDims, Math.sqrt(1 - cfg.semShare)],
    [cfg.lexDims, cfg.dim, Math.sqrt(cfg.semShare)],
  ];
  return ranges.map(([from, to, weight], h) => {
    const projection = new Float32Array(cfg.dim * cfg.dim);
    for (let i = from; i < to; i++) projection[i * cfg.dim + i] = 1;
    return { projection, epsilon: epsilons[h], weight };
  });
}

/** Positive pairs by task, from training data only. */
export function trainingTasks(cfg, dataDir) {
  const tasks = [];
  const views = [];
  for (const dataset of Object.keys(EM_DATASETS)) {
    const em = loadEntityMatching(dataset, dataDir);
    // The benchmark's non-matches of a left record (blocking output: same brand, similar product)
    // are its hard negatives, added to the in-batch ones; both records must be training entities.
    const nonMatches = new Map();
    for (const p of em.pairs) {
      if (p.label !== 0 || em.records.get(p.left).split !== "train" || em.records.get(p.right).split !== "train")
        continue;
      nonMatches.set(p.left, [...(nonMatches.get(p.left) ?? []), em.records.get(p.right).text]);
    }
    const matches = matchedPairs(em, "train");
    tasks.push({
      name: `${dataset} matches`,
      pairs: matches.map((p) => [em.records.get(p.left).text, em.records.get(p.right).text]),
      negatives: matches.map((p) => nonMatches.get(p.left) ?? []),
      dropout: true,
    });
    const train = [...em.records.values()].filter((r) => r.split === "train");
    const titled = train.filter((r) => r.title && r.description);
    if (titled.length)
      tasks.push({ name: `${dataset} name ↔ description`, pairs: titled.map((r) => [r.title, r.description]) });
    views.push({ name: `${dataset} offers`, texts: train.map((r) => r.text) });
  }
  const groups = loadAdvertiseGen(dataDir).filter((g) => !g.heldOut);
  tasks.push({
    name: "advertisegen attributes ↔ copy",
    pairs: groups.flatMap((g) => g.summaries.map((s) => [g.content, s])),
  });
  views.push({ name: "advertisegen copy", texts: groups.flatMap((g) => g.summaries) });
  views.push({
    name: "reviews",
    texts: loadReviews(dataDir)
      .filter((r) => !r.heldOut)
      .map((r) => r.text),
  });
  for (const v of views)
    tasks.push({ name: `${v.name} (dropout views)`, pairs: v.texts.map((t) => [t, t]), dropout: true, views: true });
  return tasks.map((t) => ({
    ...t,
    ids: t.pairs.map(([a, b]) => [featurize(a, cfg), featurize(b, cfg)]),
    negativeIds: t.negatives?.map((n) => n.map((x) => featurize(x, cfg))),
  }));
}

function shuffle(a, rand) {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

function dropFeatures(ids, p, rand) {
  const kept = ids.filter(() => rand() >= p);
  return kept.length ? Int32Array.from(kept) : ids;
}

/**
 * Trains in place. The forward pass is the ONNX graph's arithmetic: bag = Σ rows; per head
 * u = (bag_h + ε_h)/‖·‖; z = [w_lex·u_lex, w_sem·u_sem] (unit norm, so the final normalisation is
 * the identity). Backward: ∂bag_h = w_h (g_h − u_h⟨u_h, g_h⟩)/‖bag_h + ε_h‖, added to each row used.
 */
export function train({ table, heads, tasks, cfg, onEpoch }) {
  const { dim, lexDims } = cfg;
  const rows = cfg.buckets + 1;
  const ranges = [
    [0, lexDims],
    [lexDims, dim],
  ];
  const weights = heads.map((h) => h.weight);
  const eps = heads.map((h) => h.epsilon);
  const init = Float32Array.from(table);
  // Per row and head: the step unit (initial RMS; rows without a semantic vector use the median).
  const unit = new Float32Array(rows * 2);
  for (let h = 0; h < 2; h++) {
    const [from, to] = ranges[h];
    const rms = [];
    for (let r = 0; r < rows; r++) {
      let s = 0;
      for (let j = from; j < to; j++) s += table[r * dim + j] ** 2;
      unit[r * 2 + h] = Math.sqrt(s / (to - from));
      if (unit[r * 2 + h] > 0) rms.push(unit[r * 2 + h]);
    }
    rms.sort((a, b) => a - b);
    const median = rms[rms.length >> 1] ?? 1;
    for (let r = 0; r < rows; r++) if (unit[r * 2 + h] === 0) unit[r * 2 + h] = median;
  }
  const grad = new Float32Array(rows * dim);
  const m = new Float32Array(rows * dim);
  const v = new Float32Array(rows * dim);
  const touched = new Uint8Array(rows);
  const rand = mulberry32(cfg.seed ^ 0x6a09e667);
  let step = 0;

  const forward = (ids) => {
    const bag = new Float64Array(dim);
    for (const id of ids) {
      const o = id * dim;
      for (let j = 0; j < dim; j++) bag[j] += table[o + j];
    }
    const z = new Float64Array(dim);
    const norms = [0, 0];
    for (let h = 0; h < 2; h++) {
      const [from, to] = ranges[h];
      let n = 0;
      for (let j = from; j < to; j++) n += (bag[j] + eps[h][j]) ** 2;
      n = Math.sqrt(n);
      norms[h] = n;
      for (let j = from; j < to; j++) z[j] = (weights[h] * (bag[j] + eps[h][j])) / n;
    }
    return { ids, z, norms };
  };

  const backward = (f, g) => {
    const dbag = new Float32Array(dim);
    for (let h = 0; h < 2; h++) {
      const [from, to] = ranges[h];
      const w = weights[h];
      let ug = 0;
      for (let j = from; j < to; j++) ug += (f.z[j] / w) * g[j];
      for (let j = from; j < to; j++) dbag[j] = (w * (g[j] - (f.z[j] / w) * ug)) / f.norms[h];
    }
    for (const id of f.ids) {
      touched[id] = 1;
      const o = id * dim;
      for (let j = 0; j < dim; j++) grad[o + j] += dbag[j];
    }
  };

  const update = () => {
    step++;
    const c1 = 1 - cfg.beta1 ** step;
    const c2 = 1 - cfg.beta2 ** step;
    for (let r = 0; r < rows; r++) {
      if (!touched[r]) continue;
      touched[r] = 0;
      const o = r * dim;
      for (let j = 0; j < dim; j++) {
        const s = unit[r * 2 + (j < lexDims ? 0 : 1)];
        const gj = grad[o + j];
        grad[o + j] = 0;
        m[o + j] = cfg.beta1 * m[o + j] + (1 - cfg.beta1) * gj;
        v[o + j] = cfg.beta2 * v[o + j] + (1 - cfg.beta2) * gj * gj;
        table[o + j] -= (cfg.lr * s * (m[o + j] / c1)) / (Math.sqrt(v[o + j] / c2) + 1e-12);
        // Decoupled pull towards the start (as AdamW's decay): the same share for rare and common rows.
        table[o + j] -= cfg.pull * (table[o + j] - init[o + j]);
      }
    }
  };

  for (let epoch = 1; epoch <= cfg.epochs; epoch++) {
    const batches = [];
    for (const t of tasks) {
      const order = shuffle(
        t.ids.map((_, i) => i),
        rand,
      ).slice(0, t.views ? cfg.maxViewPairs : undefined);
      for (let i = 0; i + 1 < order.length; i += cfg.batch)
        batches.push({ task: t, idx: order.slice(i, i + cfg.batch) });
    }
    shuffle(batches, rand);
    let lossSum = 0;
    let n = 0;
    for (const { task, idx } of batches) {
      const a = [];
      const b = [];
      // Columns of the a→b softmax: the batch's positives, then hard negatives (one per pair, drawn).
      const extra = [];
      for (const i of idx) {
        let [x, y] = task.ids[i];
        if (task.dropout) {
          x = dropFeatures(x, cfg.dropout, rand);
          y = dropFeatures(y, cfg.dropout, rand);
        }
        a.push(forward(x));
        b.push(forward(y));
        const negatives = cfg.hardNegatives ? task.negativeIds?.[i] : undefined;
        if (negatives?.length) extra.push(forward(negatives[Math.floor(rand() * negatives.length)]));
      }
      const B = idx.length;
      const cols = [...b, ...extra];
      const C = cols.length;
      const S = new Float64Array(B * C);
      for (let i = 0; i < B; i++)
        for (let j = 0; j < C; j++) {
          let s = 0;
          const za = a[i].z;
          const zc = cols[j].z;
          for (let k = 0; k < dim; k++) s += za[k] * zc[k];
          S[i * C + j] = s / cfg.tau;
        }
      // ∂L/∂S of the symmetric cross-entropy: rows (a → every column), and columns j < B (b → a).
      const dS = new Float64Array(B * C);
      for (let i = 0; i < B; i++) {
        let max = -Infinity;
        for (let j = 0; j < C; j++) max = Math.max(max, S[i * C + j]);
        let sum = 0;
        for (let j = 0; j < C; j++) sum += Math.exp(S[i * C + j] - max);
        lossSum += (Math.log(sum) + max - S[i * C + i]) / 2;
        for (let j = 0; j < C; j++) dS[i * C + j] += (Math.exp(S[i * C + j] - max) / sum - (i === j ? 1 : 0)) / (2 * B);
      }
      for (let j = 0; j < B; j++) {
        let max = -Infinity;
        for (let i = 0; i < B; i++) max = Math.max(max, S[i * C + j]);
        let sum = 0;
        for (let i = 0; i < B; i++) sum += Math.exp(S[i * C + j] - max);
        lossSum += (Math.log(sum) + max - S[j * C + j]) / 2;
        for (let i = 0; i < B; i++) dS[i * C + j] += (Math.exp(S[i * C + j] - max) / sum - (i === j ? 1 : 0)) / (2 * B);
      }
      n += B;
      for (let i = 0; i < B; i++) {
        const ga = new Float64Array(dim);
        for (let j = 0; j < C; j++) {
          const w = dS[i * C + j] / cfg.tau;
          const zc = cols[j].z;
          for (let k = 0; k < dim; k++) ga[k] += w * zc[k];
        }
        backward(a[i], ga);
      }
      for (let j = 0; j < C; j++) {
        const gc = new Float64Array(dim);
        for (let i = 0; i < B; i++) {
          const w = dS[i * C + j] / cfg.tau;
          const za = a[i].z;
          for (let k = 0; k < dim; k++) gc[k] += w * za[k];
        }
        backward(cols[j], gc);
      }
      update();
    }
    log(`epoch ${epoch}: ${batches.length} batches, mean loss ${(lossSum / n).toFixed(4)}`);
    onEpoch?.(epoch);
  }
  return table;
}

function jsEmbedder(weights, cfg) {
  const cache = new Map();
  return (texts) =>
    texts.map((t) => {
      let ids = cache.get(t);
      if (!ids) cache.set(t, (ids = featurize(t, cfg)));
      return embedBag(ids, weights);
    });
}

/** Model selection numbers: dev-entity retrieval on both benchmarks, plus v1's held-out side tasks. */
export function developmentMetrics(embed, dataDir) {
  const out = {};
  for (const dataset of Object.keys(EM_DATASETS)) {
    // Training offers as extra distractors: the dev split alone is too small to tell models apart.
    const task = retrievalTask(loadEntityMatching(dataset, dataDir), "dev", ["train"]);
    out[dataset] = retrievalMetrics(embed(task.queries.map((q) => q.text)), embed(task.candidates), task);
  }
  const groups = loadAdvertiseGen(dataDir).filter((g) => g.heldOut);
  out.advertisegen = retrieval(embed(groups.map((g) => g.content)), embed(groups.map((g) => g.summaries[0])));
  const reviews = loadReviews(dataDir).filter((r) => r.heldOut);
  out.reviews1nn = nearestNeighbourAccuracy(
    embed(reviews.map((r) => r.text)),
    reviews.map((r) => r.category),
  );
  return out;
}

export function formatDevelopment(d) {
  const f = (x) => x.toFixed(4);
  return [
    ...Object.keys(EM_DATASETS).map(
      (k) =>
        `${k} dev entities (${d[k].queries} queries, ${d[k].candidates} candidates): R@1 ${f(d[k].recallAt1)} R@5 ${f(d[k].recallAt5)} R@10 ${f(d[k].recallAt10)} MRR ${f(d[k].mrr)}`,
    ),
    `advertisegen held-out attribute → copy: R@1 ${f(d.advertisegen.recallAt1)} MRR ${f(d.advertisegen.mrr)}`,
    `reviews held-out 1-NN category accuracy ${f(d.reviews1nn)}`,
  ].join("\n");
}

async function main() {
  const args = process.argv.slice(2);
  const here = dirname(fileURLToPath(import.meta.url));
  const opt = (flag) => {
    const i = args.indexOf(flag);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const out = resolve(opt("--out") ?? resolve(here, "../models/hashgram-v2.onnx"));
  const cfg = { ...HASHGRAM_V2 };
  for (const k of ["epochs", "lr", "tau", "pull", "dropout", "batch", "semShare", "maxViewPairs", "hardNegatives"]) {
    if (opt(`--${k}`) !== undefined) cfg[k] = Number(opt(`--${k}`));
  }
  const only = opt("--tasks")?.split(",");
  const evalEvery = args.includes("--eval-every-epoch");
  // Writes the model after these epochs as well (FILE with .eN before .onnx): the same bytes as a
  // run with --epochs N, since epochs before N draw the same batches.
  const snapshots = new Set((opt("--snapshots") ?? "").split(",").filter(Boolean).map(Number));

  const v1 = readFileSync(resolve(here, "../models", cfg.init));
  const { table, epsilons } = foldedV1(v1, cfg);
  const heads = identityHeads(cfg, epsilons);
  let tasks = trainingTasks(cfg);
  if (only) tasks = tasks.filter((t) => only.some((o) => t.name.startsWith(o)));
  for (const t of tasks) log(`task ${t.name}: ${t.pairs.length} pairs`);
  const weights = { table, dim: cfg.dim, heads };
  if (evalEvery) console.log(`# epoch 0 (v1)\n${formatDevelopment(developmentMetrics(jsEmbedder(weights, cfg)))}`);
  train({
    table,
    heads,
    tasks,
    cfg,
    onEpoch: (e) => {
      if (snapshots.has(e) && e < cfg.epochs) {
        console.log(`# epoch ${e} (written)`);
        writeModel(table, heads, { ...cfg, epochs: e }, out.replace(/\.onnx$/, `.e${e}.onnx`));
      } else if (evalEvery)
        console.log(`# epoch ${e}\n${formatDevelopment(developmentMetrics(jsEmbedder(weights, cfg)))}`);
    },
  });
  if (!args.includes("--no-write")) writeModel(table, heads, cfg, out);
}

function writeModel(table, heads, cfg, out) {
  const { bytes, sha256, decoded } = writeHashgramModel(
    out,
    {
      table,
      heads,
      cfg,
      details: {
        init: cfg.init,
        objective: `symmetric InfoNCE, in-batch and hard negatives, tau ${cfg.tau}`,
        epochs: cfg.epochs,
        lr: cfg.lr,
        pull: cfg.pull,
        dropout: cfg.dropout,
        hardNegatives: cfg.hardNegatives,
        semShare: cfg.semShare,
      },
    },
    log,
  );
  // Development numbers of what was written: the shipped weights, not the float ones.
  console.log(formatDevelopment(developmentMetrics(jsEmbedder(decoded, cfg))));
  console.log(JSON.stringify({ file: out, bytes: bytes.length, sha256 }));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
