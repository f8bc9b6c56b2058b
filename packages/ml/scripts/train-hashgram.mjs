#!/usr/bin/env node
// Trains the `hashgram` text-embedding model and writes it as ONNX.
//
//   pnpm --filter @truecopy/core build        # the script hashes text with the built @truecopy/core
//   node packages/ml/scripts/train-hashgram.mjs [--out FILE] [--grid [--sem-dims 64,96] [--sem-shares 0,0.3] [--lex-idf-powers 1,2]]
//
// Features come from `hashedFeatureIds` of @truecopy/core — the very function the runtime embedder
// calls — so training and inference can never disagree on ids. Method (details in
// docs/models/hashgram-v1.md): feature × document counts → PPMI → truncated SVD (randomized, pure
// JS) → one vector per hash bucket (semantic head), beside a seeded random vector per bucket
// (lexical head: rare and unseen features still count as exact evidence), both scaled by IDF; the
// semantic head drops the direction common to all documents. Deterministic for a seed and data.
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { hashedFeatureIds } from "@truecopy/core";
import { loadTrainingDocuments } from "./lib/corpus.mjs";
import { embedBag } from "./lib/embedding-bag.mjs";
import { formatEvaluation, runEvaluation } from "./lib/eval-tasks.mjs";
import { writeHashgramModel } from "./lib/onnx-model.mjs";
import { gaussian, mulberry32 } from "./lib/random.mjs";
import { csrFromTriplets, randomizedSvd, symmetricEigen } from "./lib/svd.mjs";

export const HASHGRAM_V1 = {
  name: "hashgram-v1",
  version: "1.0.0",
  buckets: 65536,
  dim: 256,
  maxFeatures: 4096,
  seed: 20261128,
  // Dimensions of the co-occurrence (semantic) head; the rest hold the random lexical head.
  semDims: 64,
  // Share of the cosine similarity that comes from the semantic head (its weight is √share).
  semShare: 0.3,
  // Buckets seen fewer times than this get no SVD vector (their PPMI rows are noise) ...
  minCount: 2,
  // ... and the others are trusted in proportion to count / (count + confidence).
  confidence: 5,
  oversample: 16,
  powerIterations: 3,
  // SVD vectors are U·Σ^singularPower before row normalisation.
  singularPower: 0.5,
  // Top principal directions of the training documents removed from the semantic head.
  removeComponents: 1,
  // Rows are scaled by IDF^power (higher favours rare, specific features such as model numbers).
  lexIdfPower: 2,
  semIdfPower: 1,
  epsilonNorm: 1e-4,
};

const log = (...a) => console.error(`[train ${(performance.now() / 1000).toFixed(1)}s]`, ...a);

export function featurize(texts, cfg) {
  return texts.map((t) => hashedFeatureIds(t, { buckets: cfg.buckets, maxFeatures: cfg.maxFeatures }));
}

/** PPMI(feature, document) → truncated SVD of rank `rank`: per-bucket U·Σ^p rows, counts and document frequencies. */
export function cooccurrenceVectors(idsDocs, cfg, rank = cfg.semDims) {
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
  const { U, sigma, k } = randomizedSvd(A, rank, {
    oversample: cfg.oversample,
    powerIterations: cfg.powerIterations,
    seed: cfg.seed,
    log,
  });
  log(`top singular values ${Array.from(sigma.slice(0, 5), (s) => s.toFixed(2)).join(", ")}`);
  const vectors = new Float32Array(B * k);
  for (let b = 0; b < B; b++) {
    if (cf[b] < cfg.minCount) continue;
    for (let j = 0; j < k; j++) vectors[b * k + j] = U[b * k + j] * sigma[j] ** cfg.singularPower;
  }
  return { vectors, rank: k, cf, df, documents: idsDocs.length };
}

/**
 * Final (buckets+1) × dim table; last row (padding) zero. Row b = [lexical | semantic]:
 * lexical = IDF × a seeded random unit vector (exact-feature evidence, like a random projection of
 * TF-IDF); semantic = IDF × count/(count+confidence) × the unit SVD vector (first semDims columns).
 */
export function buildTable({ vectors, rank, cf, df, documents }, cfg) {
  const { buckets: B, dim, semDims } = cfg;
  const lexDims = dim - semDims;
  if (semDims > rank) throw new Error(`semDims ${semDims} > SVD rank ${rank}`);
  const rand = mulberry32(cfg.seed ^ 0x5bd1e995);
  const table = new Float32Array((B + 1) * dim);
  const lex = new Float64Array(lexDims);
  for (let b = 0; b < B; b++) {
    const logIdf = Math.log((documents + 1) / (df[b] + 1)) + 1;
    let idf = logIdf ** cfg.lexIdfPower;
    let norm = 0;
    for (let j = 0; j < lexDims; j++) norm += (lex[j] = gaussian(rand)) ** 2;
    norm = Math.sqrt(norm);
    for (let j = 0; j < lexDims; j++) table[b * dim + j] = (idf * lex[j]) / norm;
    let semNorm = 0;
    for (let j = 0; j < semDims; j++) semNorm += vectors[b * rank + j] ** 2;
    if (semNorm === 0) continue;
    idf = logIdf ** cfg.semIdfPower;
    const w = (idf * (cf[b] / (cf[b] + cfg.confidence))) / Math.sqrt(semNorm);
    for (let j = 0; j < semDims; j++) table[b * dim + lexDims + j] = w * vectors[b * rank + j];
  }
  return table;
}

function unitEpsilon(rand, from, to, dim, norm) {
  const e = new Float32Array(dim);
  for (let j = from; j < to; j++) e[j] = gaussian(rand);
  const n = Math.hypot(...e);
  for (let j = from; j < to; j++) e[j] *= norm / n;
  return e;
}

/**
 * The two heads: lexical (identity on the first dims) and semantic (its dims with the top
 * principal directions of the training documents' semantic bags removed), weighted so that
 * cos = (1−semShare)·cos_lexical + semShare·cos_semantic.
 */
export function buildHeads(table, idsDocs, cfg) {
  const { dim, semDims } = cfg;
  const lexDims = dim - semDims;
  const rand = mulberry32(cfg.seed ^ 0x2545f491);
  const lexP = new Float32Array(dim * dim);
  for (let i = 0; i < lexDims; i++) lexP[i * dim + i] = 1;
  const lexical = {
    projection: lexP,
    epsilon: unitEpsilon(rand, 0, lexDims, dim, cfg.epsilonNorm),
    weight: Math.sqrt(1 - cfg.semShare),
  };
  if (semDims === 0) return [lexical];

  const semP = new Float32Array(dim * dim);
  for (let i = lexDims; i < dim; i++) semP[i * dim + i] = 1;
  const probe = [{ projection: semP, epsilon: new Float32Array(dim), weight: 1 }];
  const gram = new Float64Array(semDims * semDims);
  for (const ids of idsDocs) {
    const v = embedBag(ids, { table, dim, heads: probe });
    if (!Number.isFinite(v[lexDims])) continue; // no semantic evidence at all
    for (let i = 0; i < semDims; i++) {
      for (let j = 0; j < semDims; j++) gram[i * semDims + j] += v[lexDims + i] * v[lexDims + j];
    }
  }
  const { vectors } = symmetricEigen(gram, semDims);
  for (let c = 0; c < cfg.removeComponents; c++) {
    for (let i = 0; i < semDims; i++) {
      for (let j = 0; j < semDims; j++) {
        semP[(lexDims + i) * dim + lexDims + j] -= vectors[i * semDims + c] * vectors[j * semDims + c];
      }
    }
  }
  const semantic = {
    projection: semP,
    epsilon: unitEpsilon(rand, lexDims, dim, dim, cfg.epsilonNorm),
    weight: Math.sqrt(cfg.semShare),
  };
  return [lexical, semantic];
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
  const list = (flag, dflt) => {
    const i = args.indexOf(flag);
    return i >= 0 ? args[i + 1].split(",").map(Number) : dflt;
  };
  const grid = args.includes("--grid");
  const semDimsList = list("--sem-dims", [cfg.semDims]);
  const co = cooccurrenceVectors(idsDocs, cfg, grid ? Math.max(...semDimsList) : cfg.semDims);

  if (grid) {
    // Ablation over the blend and the projection, evaluated with the JS embedding bag.
    for (const semDims of semDimsList) {
      for (const semShare of list("--sem-shares", [0, 0.2, 0.3, 0.5])) {
        for (const lexIdfPower of list("--lex-idf-powers", [cfg.lexIdfPower])) {
          const { removeComponents, semIdfPower } = cfg;
          const c = { ...cfg, semDims, semShare, lexIdfPower };
          const table = buildTable(co, c);
          const heads = buildHeads(table, idsDocs, c);
          const r = await runEvaluation(jsEmbedder({ table, dim: c.dim, heads }, c));
          console.log(
            `\n# semDims=${semDims} semShare=${semShare} lexIdfPower=${lexIdfPower} semIdfPower=${semIdfPower} removeComponents=${removeComponents}\n${formatEvaluation(r)}`,
          );
        }
      }
    }
    return;
  }

  const table = buildTable(co, cfg);
  const heads = buildHeads(table, idsDocs, cfg);
  const { bytes, sha256, decoded } = writeHashgramModel(
    out,
    {
      table,
      heads,
      cfg,
      details: {
        semDims: cfg.semDims,
        semShare: cfg.semShare,
        removeComponents: cfg.removeComponents,
        lexIdfPower: cfg.lexIdfPower,
        semIdfPower: cfg.semIdfPower,
      },
    },
    log,
  );
  console.log(formatEvaluation(await runEvaluation(jsEmbedder(decoded, cfg))));
  console.log(JSON.stringify({ file: out, bytes: bytes.length, sha256 }));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
