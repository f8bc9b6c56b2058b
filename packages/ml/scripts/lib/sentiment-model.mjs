// The sentiment model in plain JS: a fastText-style bag over hashed feature ids.
//   pooled = Σ E[id] / √(number of non-padding ids)          E: (buckets+1) × width, last row 0
//   hidden > 0:  logits = relu(pooled + b1) · W2 + b2        (width = hidden)
//   hidden = 0:  logits = pooled + b                         (width = 2: logistic regression)
//   probabilities = softmax(logits)                           class 0 = negative, 1 = positive
// Dividing by √n (not n) keeps long reviews more confident than one-word ones without letting
// length dominate. Trained with Adam (lazy on the rows of E a batch touches), L2 on E and W2,
// and feature dropout; deterministic for a seed.
import { mulberry32, gaussian } from "./random.mjs";

export function forward(model, ids) {
  const { table, width, hidden, padId } = model;
  const pooled = new Float64Array(width);
  let n = 0;
  for (const id of ids) {
    if (id === padId) continue;
    n++;
    const base = id * width;
    for (let j = 0; j < width; j++) pooled[j] += table[base + j];
  }
  const scale = 1 / Math.sqrt(Math.max(n, 1));
  for (let j = 0; j < width; j++) pooled[j] *= scale;
  let logits;
  let h = null;
  if (hidden > 0) {
    h = new Float64Array(hidden);
    for (let j = 0; j < hidden; j++) h[j] = Math.max(0, pooled[j] + model.b1[j]);
    logits = [model.b2[0], model.b2[1]];
    for (let j = 0; j < hidden; j++) {
      logits[0] += h[j] * model.w2[j * 2];
      logits[1] += h[j] * model.w2[j * 2 + 1];
    }
  } else logits = [pooled[0] + model.b[0], pooled[1] + model.b[1]];
  const m = Math.max(logits[0], logits[1]);
  const e0 = Math.exp(logits[0] - m);
  const e1 = Math.exp(logits[1] - m);
  return { p1: e1 / (e0 + e1), scale, h, n };
}

function adamState(size) {
  return { m: new Float32Array(size), v: new Float32Array(size), t: new Int32Array(size) };
}

/**
 * docs: [{ ids: Int32Array, label: 0|1 }]. cfg: buckets, hidden, epochs, batch, lr, l2, dropout,
 * initStd, seed.
 */
export function trainSentiment(docs, cfg, log = () => {}) {
  const rand = mulberry32(cfg.seed);
  const width = cfg.hidden > 0 ? cfg.hidden : 2;
  const rows = cfg.buckets + 1;
  const padId = cfg.buckets;
  const table = new Float32Array(rows * width);
  if (cfg.hidden > 0) for (let i = 0; i < cfg.buckets * width; i++) table[i] = gaussian(rand) * cfg.initStd;
  const model = {
    table,
    width,
    hidden: cfg.hidden,
    padId,
    buckets: cfg.buckets,
    b: new Float32Array(2),
    b1: new Float32Array(cfg.hidden),
    w2: new Float32Array(cfg.hidden * 2),
    b2: new Float32Array(2),
  };
  for (let i = 0; i < model.w2.length; i++) model.w2[i] = gaussian(rand) * Math.sqrt(2 / cfg.hidden);
  const sE = adamState(rows); // one step counter per row (lazy Adam)
  const mE = new Float32Array(rows * width);
  const vE = new Float32Array(rows * width);
  const dense = [model.b, model.b1, model.w2, model.b2].map((p) => ({
    p,
    ...adamState(p.length),
    g: new Float64Array(p.length),
  }));
  const { lr, l2 } = cfg;
  const b1c = 0.9;
  const b2c = 0.999;
  const eps = 1e-8;
  let step = 0;
  const order = docs.map((_, i) => i);
  const gE = new Map();

  for (let epoch = 0; epoch < cfg.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    let loss = 0;
    for (let start = 0; start < order.length; start += cfg.batch) {
      const batch = order.slice(start, start + cfg.batch);
      gE.clear();
      for (const d of dense) d.g.fill(0);
      for (const di of batch) {
        const doc = docs[di];
        const ids = cfg.dropout > 0 ? doc.ids.filter(() => rand() >= cfg.dropout) : doc.ids;
        const { p1, scale, h } = forward(model, ids);
        loss -= Math.log(doc.label === 1 ? p1 : 1 - p1) || 0;
        const dl1 = (p1 - doc.label) / batch.length; // d loss / d logit1; d/d logit0 = −dl1
        let dPooled;
        if (cfg.hidden > 0) {
          dPooled = new Float64Array(width);
          const [gb1, gw2, gb2] = [dense[1].g, dense[2].g, dense[3].g];
          gb2[0] -= dl1;
          gb2[1] += dl1;
          for (let j = 0; j < width; j++) {
            gw2[j * 2] -= h[j] * dl1;
            gw2[j * 2 + 1] += h[j] * dl1;
            if (h[j] > 0) {
              const g = (model.w2[j * 2 + 1] - model.w2[j * 2]) * dl1;
              dPooled[j] = g;
              gb1[j] += g;
            }
          }
        } else {
          dense[0].g[0] -= dl1;
          dense[0].g[1] += dl1;
          dPooled = [-dl1, dl1];
        }
        for (const id of ids) {
          if (id === padId) continue;
          let g = gE.get(id);
          if (!g) {
            g = new Float64Array(width);
            gE.set(id, g);
          }
          for (let j = 0; j < width; j++) g[j] += dPooled[j] * scale;
        }
      }
      step++;
      for (const d of dense) {
        if (d.p.length === 0) continue;
        const decay = d.p === model.w2 ? l2 : 0;
        for (let i = 0; i < d.p.length; i++) {
          const g = d.g[i] + decay * d.p[i];
          d.m[i] = b1c * d.m[i] + (1 - b1c) * g;
          d.v[i] = b2c * d.v[i] + (1 - b2c) * g * g;
          const mh = d.m[i] / (1 - b1c ** step);
          const vh = d.v[i] / (1 - b2c ** step);
          d.p[i] -= (lr * mh) / (Math.sqrt(vh) + eps);
        }
      }
      for (const [id, g] of gE) {
        const t = ++sE.t[id];
        const base = id * width;
        for (let j = 0; j < width; j++) {
          const gj = g[j] + l2 * table[base + j];
          const k = base + j;
          mE[k] = b1c * mE[k] + (1 - b1c) * gj;
          vE[k] = b2c * vE[k] + (1 - b2c) * gj * gj;
          table[k] -= (lr * (mE[k] / (1 - b1c ** t))) / (Math.sqrt(vE[k] / (1 - b2c ** t)) + eps);
        }
      }
    }
    log(`epoch ${epoch + 1}/${cfg.epochs} loss ${(loss / docs.length).toFixed(4)}`);
  }
  return model;
}

/** Accuracy and per-class precision/recall/F1 of p1 scores against 0/1 labels at 0.5. */
export function classificationReport(p1s, labels) {
  const stats = [0, 1].map((c) => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    p1s.forEach((p, i) => {
      const pred = p >= 0.5 ? 1 : 0;
      if (pred === c && labels[i] === c) tp++;
      else if (pred === c) fp++;
      else if (labels[i] === c) fn++;
    });
    const precision = tp + fp ? tp / (tp + fp) : 0;
    const recall = tp + fn ? tp / (tp + fn) : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    return { precision, recall, f1, support: tp + fn };
  });
  const correct = p1s.filter((p, i) => (p >= 0.5 ? 1 : 0) === labels[i]).length;
  return { n: labels.length, accuracy: correct / labels.length, negative: stats[0], positive: stats[1] };
}
