#!/usr/bin/env node
// Trains the `hashgram` text-embedding model and writes it as ONNX.
//
//   pnpm --filter @truecopy/core build        # the script hashes text with the built @truecopy/core
//   node packages/ml/scripts/train-hashgram.mjs [--out FILE] [--grid [--mixes 0,0.1] [--remove 0,1]]
//
// Features come from `hashedFeatureIds` of @truecopy/core — the very function the runtime embedder
// calls — so training and inference can never disagree on ids. Method (details in
// docs/models/hashgram-v1.md): feature × document counts → PPMI → truncated SVD (randomized, pure
// JS) → one vector per hash bucket, blended with a seeded random vector (so rare and unseen
// features still count as exact lexical evidence), scaled by IDF; a projection removes the
// component common to all documents. Deterministic for a given seed and data.
import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { hashedFeatureIds, FEATURE_SCHEME_VERSION } from "@truecopy/core";
import { loadTrainingDocuments } from "./lib/corpus.mjs";
import { embedBag } from "./lib/embedding-bag.mjs";
import { formatEvaluation, runEvaluation } from "./lib/eval-tasks.mjs";
import { encodeHashgramModel, decodeHashgramModel } from "./lib/onnx-model.mjs";
import { gaussian, mulberry32 } from "./lib/random.mjs";
import { csrFromTriplets, randomizedSvd, symmetricEigen } from "./lib/svd.mjs";

export const HASHGRAM_V1 = {
  name: "hashgram-v1",
  version: "1.0.0",
  buckets: 65536,
  dim: 256,
  maxFeatures: 4096,
  seed: 20261128,
  // Buckets seen fewer times than this get no SVD vector (their PPMI rows are noise).
  minCount: 2,
  oversample: 16,
  powerIterations: 3,
  // SVD vectors are U·Σ^singularPower before row normalisation.
  singularPower: 0.5,
  // Weight of the co-occurrence (SVD) vector against the random lexical vector in each row.
  mix: 0.5,
  // Top principal directions of the training documents removed by the projection.
  removeComponents: 1,
  epsilonNorm: 1e-4,
};

const log = (...a) => console.error(`[train ${(performance.now() / 1000).toFixed(1)}s]`, ...a);

export function featurize(texts, cfg) {
  return texts.map((t) => hashedFeatureIds(t, { buckets: cfg.buckets, maxFeatures: cfg.maxFeatures }));
}

/** PPMI(feature, document) → truncated SVD: per-bucket unit vectors (zero rows for rare buckets) + document frequencies. */
export function cooccurrenceVectors(idsDocs, cfg) {
  const B = cfg.buckets;
  const cf = new Float64Array(B);
  const df = new Float64Array(B);
  let total = 0;
  const tfs = idsDocs.map((ids) => {
    const tf = new Map();
    for (const id of ids) tf.set(id, (tf.get(id) ?? 0) + 1);
    for (const [id, c] of tf) {
      cf[id] += c;
      df[id] += 1;
    }
    total += ids.length;
    return tf;
  });
  const triplets = [];
  tfs.forEach((tf, d) => {
    const len = idsDocs[d].length;
    for (const [id, c] of tf) {
      if (cf[id] < cfg.minCount) continue;
      const pmi = Math.log((c * total) / (cf[id] * len));
      if (pmi > 0) triplets.push([id, d, pmi]);
    }
  });
  log(`PPMI matrix ${B} × ${idsDocs.length}, ${triplets.length} non-zeros`);
  const A = csrFromTriplets(B, idsDocs.length, triplets);
  const { U, sigma, k } = randomizedSvd(A, cfg.dim, {
    oversample: cfg.oversample,
    powerIterations: cfg.powerIterations,
    seed: cfg.seed,
    log,
  });
  log(`top singular values ${Array.from(sigma.slice(0, 5), (s) => s.toFixed(2)).join(", ")}`);
  const vectors = new Float32Array(B * cfg.dim);
  const scale = Float64Array.from(sigma, (s) => s ** cfg.singularPower);
  for (let b = 0; b < B; b++) {
    let norm = 0;
    for (let j = 0; j < k; j++) norm += (U[b * k + j] * scale[j]) ** 2;
    if (norm === 0) continue;
    norm = Math.sqrt(norm);
    for (let j = 0; j < k; j++) vectors[b * cfg.dim + j] = (U[b * k + j] * scale[j]) / norm;
  }
  return { vectors, df, documents: idsDocs.length };
}

/** Final (buckets+1) × dim table: IDF × normalize(mix·svd + (1−mix)·random); last row (padding) zero. */
export function buildTable({ vectors, df, documents }, cfg) {
  const { buckets: B, dim } = cfg;
  const rand = mulberry32(cfg.seed ^ 0x5bd1e995);
  const table = new Float32Array((B + 1) * dim);
  const row = new Float64Array(dim);
  for (let b = 0; b < B; b++) {
    const idf = Math.log((documents + 1) / (df[b] + 1)) + 1;
    let norm = 0;
    for (let j = 0; j < dim; j++) {
      // Always draw, so a bucket's random vector does not depend on the mix.
      const r = gaussian(rand) / Math.sqrt(dim);
      row[j] = cfg.mix * vectors[b * dim + j] + (1 - cfg.mix) * r;
      norm += row[j] * row[j];
    }
    norm = Math.sqrt(norm);
    for (let j = 0; j < dim; j++) table[b * dim + j] = (idf * row[j]) / norm;
  }
  return table;
}

/** I − Σ uuᵀ over the top principal directions (uncentred) of the normalised training bags; plus ε. */
export function buildProjection(table, idsDocs, cfg) {
  const { dim } = cfg;
  const identity = new Float32Array(dim * dim);
  for (let i = 0; i < dim; i++) identity[i * dim + i] = 1;
  const rand = mulberry32(cfg.seed ^ 0x2545f491);
  const epsilon = Float32Array.from({ length: dim }, () => gaussian(rand));
  const en = Math.hypot(...epsilon);
  for (let j = 0; j < dim; j++) epsilon[j] *= cfg.epsilonNorm / en;
  if (cfg.removeComponents === 0) return { projection: identity, epsilon };

  const gram = new Float64Array(dim * dim);
  const zero = new Float32Array(dim);
  for (const ids of idsDocs) {
    if (ids.length === 0) continue;
    const v = embedBag(ids, { table, dim, projection: identity, epsilon: zero });
    for (let i = 0; i < dim; i++) for (let j = 0; j < dim; j++) gram[i * dim + j] += v[i] * v[j];
  }
  const { vectors } = symmetricEigen(gram, dim);
  const projection = Float32Array.from(identity);
  for (let c = 0; c < cfg.removeComponents; c++) {
    for (let i = 0; i < dim; i++) {
      for (let j = 0; j < dim; j++) projection[i * dim + j] -= vectors[i * dim + c] * vectors[j * dim + c];
    }
  }
  return { projection, epsilon };
}

function jsEmbedder(weights, cfg) {
  const cache = new Map();
  return async (texts) =>
    texts.map((t) => {
      let ids = cache.get(t);
      if (!ids) cache.set(t, (ids = hashedFeatureIds(t, { buckets: cfg.buckets, maxFeatures: cfg.maxFeatures })));
      return embedBag(ids, weights);
    });
}

async function main() {
  const args = process.argv.slice(2);
  const here = dirname(fileURLToPath(import.meta.url));
  const outIndex = args.indexOf("--out");
  const out = outIndex >= 0 ? resolve(args[outIndex + 1]) : resolve(here, "../models/hashgram-v1.onnx");
  const cfg = HASHGRAM_V1;

  const docs = loadTrainingDocuments();
  log(`${docs.length} training documents`);
  const idsDocs = featurize(docs, cfg);
  const co = cooccurrenceVectors(idsDocs, cfg);

  if (args.includes("--grid")) {
    // Ablation over the blend and the projection, evaluated with the JS embedding bag.
    const list = (flag, dflt) => {
      const i = args.indexOf(flag);
      return i >= 0 ? args[i + 1].split(",").map(Number) : dflt;
    };
    for (const mix of list("--mixes", [0, 0.1, 0.3, 0.5, 1])) {
      for (const removeComponents of list("--remove", [0, 1])) {
        const c = { ...cfg, mix, removeComponents };
        const table = buildTable(co, c);
        const { projection, epsilon } = buildProjection(table, idsDocs, c);
        const r = await runEvaluation(jsEmbedder({ table, dim: c.dim, projection, epsilon }, c));
        console.log(`\n# mix=${mix} removeComponents=${removeComponents}\n${formatEvaluation(r)}`);
      }
    }
    return;
  }

  const table = buildTable(co, cfg);
  const { projection, epsilon } = buildProjection(table, idsDocs, cfg);
  const bytes = encodeHashgramModel({
    table,
    buckets: cfg.buckets,
    dim: cfg.dim,
    projection,
    epsilon,
    metadata: {
      name: cfg.name,
      version: cfg.version,
      dim: cfg.dim,
      buckets: cfg.buckets,
      padId: cfg.buckets,
      maxFeatures: cfg.maxFeatures,
      featureScheme: FEATURE_SCHEME_VERSION,
      seed: cfg.seed,
      mix: cfg.mix,
      removeComponents: cfg.removeComponents,
    },
  });
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, bytes);
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  log(`wrote ${out}: ${(bytes.length / 1e6).toFixed(2)} MB, sha256 ${sha256}`);
  // Evaluate what was written (dequantised), so the numbers describe the shipped weights.
  const decoded = decodeHashgramModel(bytes);
  console.log(formatEvaluation(await runEvaluation(jsEmbedder(decoded, cfg))));
  console.log(JSON.stringify({ file: out, bytes: bytes.length, sha256 }));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
