// Gradient-boosted decision trees for binary classification (logistic loss), in plain JS.
// Features are binned once into at most `bins` quantile buckets; each round fits one tree of depth
// `depth` to the gradients with second-order leaf values (XGBoost-style gain with L2 `lambda`).
// Output format: packages/core/src/duplicates/boosted-trees.ts ([f, t, left, right] | [value]).
import { mulberry32 } from "./random.mjs";

const sigmoid = (z) => 1 / (1 + Math.exp(-z));

/** Per feature: sorted split thresholds (midpoints between quantile values). */
function thresholdsOf(X, f, bins) {
  const values = Float64Array.from(X, (x) => x[f]).sort();
  const distinct = [];
  for (let i = 0; i < values.length; i++) if (i === 0 || values[i] !== values[i - 1]) distinct.push(values[i]);
  if (distinct.length <= bins) {
    const t = [];
    for (let i = 0; i + 1 < distinct.length; i++) t.push((distinct[i] + distinct[i + 1]) / 2);
    return t;
  }
  const t = new Set();
  for (let q = 1; q < bins; q++) {
    const v = values[Math.floor((q * values.length) / bins)];
    const i = distinct.findIndex((d) => d >= v);
    if (i > 0) t.add((distinct[i - 1] + distinct[i]) / 2);
  }
  return [...t].sort((a, b) => a - b);
}

function binIndex(thresholds, v) {
  let lo = 0;
  let hi = thresholds.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (v <= thresholds[mid]) hi = mid;
    else lo = mid + 1;
  }
  return lo; // bin k means thresholds[k-1] < v <= thresholds[k]
}

/**
 * Trains on rows X (arrays of numbers) with labels y (0/1).
 * Options: rounds, depth, learningRate, lambda, minChildWeight, subsample, seed, bins.
 */
export function trainBoostedTrees(X, y, o = {}) {
  const rounds = o.rounds ?? 200;
  const depth = o.depth ?? 3;
  const lr = o.learningRate ?? 0.1;
  const lambda = o.lambda ?? 1;
  const minChild = o.minChildWeight ?? 1;
  const subsample = o.subsample ?? 0.8;
  const rand = mulberry32(o.seed ?? 1);
  const n = X.length;
  const F = X[0].length;
  const thresholds = Array.from({ length: F }, (_, f) => thresholdsOf(X, f, o.bins ?? 64));
  const binned = Array.from({ length: F }, (_, f) => Uint8Array.from(X, (x) => binIndex(thresholds[f], x[f])));
  const pos = y.reduce((a, b) => a + b, 0);
  const base = Math.log((pos + 1) / (n - pos + 1));
  const margin = new Float64Array(n).fill(base);
  const g = new Float64Array(n);
  const h = new Float64Array(n);
  const trees = [];

  function buildNode(tree, rows, level) {
    let G = 0;
    let H = 0;
    for (const i of rows) {
      G += g[i];
      H += h[i];
    }
    const leaf = () => {
      tree.push([Number(((-G / (H + lambda)) * lr).toFixed(6))]);
      return tree.length - 1;
    };
    if (level >= depth || rows.length < 2) return leaf();
    const parentScore = (G * G) / (H + lambda);
    let best = { gain: 1e-9, f: -1, bin: -1 };
    for (let f = 0; f < F; f++) {
      const k = thresholds[f].length;
      if (!k) continue;
      const hg = new Float64Array(k + 1);
      const hh = new Float64Array(k + 1);
      const b = binned[f];
      for (const i of rows) {
        hg[b[i]] += g[i];
        hh[b[i]] += h[i];
      }
      let GL = 0;
      let HL = 0;
      for (let s = 0; s < k; s++) {
        GL += hg[s];
        HL += hh[s];
        const GR = G - GL;
        const HR = H - HL;
        if (HL < minChild || HR < minChild) continue;
        const gain = (GL * GL) / (HL + lambda) + (GR * GR) / (HR + lambda) - parentScore;
        if (gain > best.gain) best = { gain, f, bin: s };
      }
    }
    if (best.f < 0) return leaf();
    const left = [];
    const right = [];
    for (const i of rows) (binned[best.f][i] <= best.bin ? left : right).push(i);
    const at = tree.length;
    tree.push(null);
    const l = buildNode(tree, left, level + 1);
    const r = buildNode(tree, right, level + 1);
    tree[at] = [best.f, Number(thresholds[best.f][best.bin].toPrecision(8)), l, r];
    return at;
  }

  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < n; i++) {
      const p = sigmoid(margin[i]);
      g[i] = p - y[i];
      h[i] = Math.max(p * (1 - p), 1e-6);
    }
    const rows = [];
    for (let i = 0; i < n; i++) if (rand() < subsample) rows.push(i);
    const tree = [];
    buildNode(tree, rows, 0);
    trees.push(tree);
    for (let i = 0; i < n; i++) margin[i] += predictTree(tree, X[i]);
  }
  return { base: Number(base.toFixed(6)), trees };
}

export function predictTree(tree, x) {
  let node = tree[0];
  while (node.length === 4) node = tree[x[node[0]] <= node[1] ? node[2] : node[3]];
  return node[0];
}

export function predictProbability(model, x) {
  let m = model.base;
  for (const t of model.trees) m += predictTree(t, x);
  return sigmoid(m);
}

/** Precision, recall and F1 of `scores >= threshold` against 0/1 labels. */
export function f1At(scores, labels, threshold) {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (let i = 0; i < scores.length; i++) {
    const p = scores[i] >= threshold;
    if (p && labels[i]) tp++;
    else if (p) fp++;
    else if (labels[i]) fn++;
  }
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = tp + fn ? tp / (tp + fn) : 0;
  return {
    precision,
    recall,
    f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0,
    tp,
    fp,
    fn,
  };
}

/** The threshold (among the scores) with the best F1. */
export function bestF1Threshold(scores, labels) {
  const candidates = [...new Set(scores.map((s) => Number(s.toFixed(3))))].sort((a, b) => a - b);
  let best = { threshold: 0.5, f1: -1 };
  for (const t of candidates) {
    const r = f1At(scores, labels, t);
    if (r.f1 > best.f1) best = { threshold: t, f1: r.f1 };
  }
  return best;
}
