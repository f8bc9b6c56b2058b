import { normal, seededRandom } from "./random.js";

// Logistic matrix factorisation of click-through over (audience × variant features). A variant is
// the set of its features (emphasis tags, style, field, origin); its vector is the normalised sum of
// their vectors, so a new variant with known tags gets a prediction before its first impression.
//
//   logit p(a, v) = μ + b_a + b_product + Σ_f x_f b_f + u_a · Σ_f x_f V_f,   x_f = 1/√|F_v|
//
// Trained on aggregated (audience, variant, impressions n, clicks k) rows by maximising
// Σ k·log p + (n − k)·log(1 − p) — the Bernoulli log-likelihood Σ r·log p + (1 − r)·log(1 − p)
// over every impression — minus an L2 penalty, with full-batch Adam.

export const MF_KIND = "logistic-mf-v1";

export type TMfExample = {
  audience: string;
  features: readonly string[];
  /** Optional: lets products with different base rates share what they teach about audiences. */
  product?: string;
  impressions: number;
  clicks: number;
};

export type TMfModel = {
  kind: typeof MF_KIND;
  dim: number;
  mu: number;
  audienceBias: Record<string, number>;
  audienceFactors: Record<string, number[]>;
  featureBias: Record<string, number>;
  featureFactors: Record<string, number[]>;
  productBias: Record<string, number>;
  /** Impressions seen per audience: how much the model knows about it. */
  audienceSupport: Record<string, number>;
};

export type TMfOptions = {
  dim: number;
  epochs: number;
  learningRate: number;
  /** L2 penalty per impression of training data (so its weight does not depend on data size). */
  l2: number;
  seed: number;
};
export const DEFAULT_MF_OPTIONS: TMfOptions = { dim: 8, epochs: 300, learningRate: 0.05, l2: 1e-4, seed: 7 };

/**
 * Features of a variant as the model sees them. With its id the variant is also a feature of its
 * own: what makes it better or worse than its tags say is learned once, from every audience.
 */
export function variantFeatures(v: {
  id?: string;
  field: string;
  origin: string;
  style?: string | null;
  emphasis?: readonly string[] | null;
}): string[] {
  const out = [`field:${v.field}`, `origin:${v.origin}`];
  if (v.style?.trim()) out.push(`style:${v.style.trim().toLowerCase()}`);
  for (const e of new Set((v.emphasis ?? []).map((t) => t.trim().toLowerCase()).filter(Boolean)))
    out.push(`emphasis:${e}`);
  if (v.id) out.push(`variant:${v.id}`);
  return out;
}

const sigmoid = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));
const logit = (p: number) => Math.log(p / (1 - p));

type TParam = { value: Float64Array; grad: Float64Array; m: Float64Array; v: Float64Array };
const param = (n: number): TParam => ({
  value: new Float64Array(n),
  grad: new Float64Array(n),
  m: new Float64Array(n),
  v: new Float64Array(n),
});

/** Mean negative log-likelihood per impression of `examples` under `model` (lower is better). */
export function mfLogLoss(model: TMfModel, examples: readonly TMfExample[]): number {
  let loss = 0;
  let n = 0;
  for (const e of examples) {
    const p = Math.min(1 - 1e-12, Math.max(1e-12, predictCtr(model, e.audience, e.features, e.product)));
    const k = Math.min(e.clicks, e.impressions);
    loss -= k * Math.log(p) + (e.impressions - k) * Math.log(1 - p);
    n += e.impressions;
  }
  return n ? loss / n : 0;
}

export function trainMatrixFactorization(
  examples: readonly TMfExample[],
  options: Partial<TMfOptions> = {},
): { model: TMfModel; loss: number; impressions: number } {
  const o = { ...DEFAULT_MF_OPTIONS, ...options };
  const rows = examples.filter((e) => e.impressions > 0);
  const audiences = new Map<string, number>();
  const features = new Map<string, number>();
  const products = new Map<string, number>();
  const support: Record<string, number> = {};
  let totalN = 0;
  let totalK = 0;
  const encoded = rows.map((e) => {
    if (!audiences.has(e.audience)) audiences.set(e.audience, audiences.size);
    const f = [...new Set(e.features)].map((name) => {
      if (!features.has(name)) features.set(name, features.size);
      return features.get(name)!;
    });
    if (e.product !== undefined && !products.has(e.product)) products.set(e.product, products.size);
    const k = Math.min(Math.max(0, e.clicks), e.impressions);
    totalN += e.impressions;
    totalK += k;
    support[e.audience] = (support[e.audience] ?? 0) + e.impressions;
    return {
      a: audiences.get(e.audience)!,
      f,
      x: f.length ? 1 / Math.sqrt(f.length) : 0,
      p: e.product === undefined ? -1 : products.get(e.product)!,
      n: e.impressions,
      k,
    };
  });
  const d = o.dim;
  const rand = seededRandom(o.seed);
  const mu = param(1);
  const bA = param(audiences.size);
  const U = param(audiences.size * d);
  const bF = param(features.size);
  const V = param(features.size * d);
  const bP = param(products.size);
  const params = [mu, bA, U, bF, V, bP];
  mu.value[0] = totalN ? logit(Math.min(0.999, Math.max(0.001, (totalK + 0.5) / (totalN + 1)))) : 0;
  for (const t of [U, V]) for (let i = 0; i < t.value.length; i++) t.value[i] = 0.1 * normal(rand);

  const lambda = o.l2 * totalN;
  const scale = totalN ? 1 / totalN : 0;
  const vsum = new Float64Array(d);
  const beta1 = 0.9;
  const beta2 = 0.999;
  let loss = 0;
  for (let epoch = 1; epoch <= o.epochs; epoch++) {
    for (const p of params) p.grad.fill(0);
    loss = 0;
    for (const r of encoded) {
      vsum.fill(0);
      let z = mu.value[0] + bA.value[r.a]! + (r.p >= 0 ? bP.value[r.p]! : 0);
      for (const f of r.f) {
        z += r.x * bF.value[f]!;
        for (let j = 0; j < d; j++) vsum[j]! += r.x * V.value[f * d + j]!;
      }
      for (let j = 0; j < d; j++) z += U.value[r.a * d + j]! * vsum[j]!;
      const p = sigmoid(z);
      loss -= r.k * Math.log(Math.max(p, 1e-12)) + (r.n - r.k) * Math.log(Math.max(1 - p, 1e-12));
      // d(−loglik)/dz for n trials and k successes.
      const g = (r.n * p - r.k) * scale;
      mu.grad[0]! += g;
      bA.grad[r.a]! += g;
      if (r.p >= 0) bP.grad[r.p]! += g;
      for (const f of r.f) {
        bF.grad[f]! += g * r.x;
        for (let j = 0; j < d; j++) V.grad[f * d + j]! += g * r.x * U.value[r.a * d + j]!;
      }
      for (let j = 0; j < d; j++) U.grad[r.a * d + j]! += g * vsum[j]!;
    }
    // L2 on everything but the global intercept.
    for (const p of [bA, U, bF, V, bP])
      for (let i = 0; i < p.value.length; i++) p.grad[i]! += lambda * scale * 2 * p.value[i]!;
    const lr = o.learningRate;
    const c1 = 1 - beta1 ** epoch;
    const c2 = 1 - beta2 ** epoch;
    for (const p of params) {
      for (let i = 0; i < p.value.length; i++) {
        const g = p.grad[i]!;
        p.m[i] = beta1 * p.m[i]! + (1 - beta1) * g;
        p.v[i] = beta2 * p.v[i]! + (1 - beta2) * g * g;
        p.value[i]! -= (lr * (p.m[i]! / c1)) / (Math.sqrt(p.v[i]! / c2) + 1e-8);
      }
    }
  }
  const vec = (t: TParam, i: number) => Array.from(t.value.subarray(i * d, (i + 1) * d));
  const model: TMfModel = {
    kind: MF_KIND,
    dim: d,
    mu: mu.value[0],
    audienceBias: Object.fromEntries([...audiences].map(([k, i]) => [k, bA.value[i]!])),
    audienceFactors: Object.fromEntries([...audiences].map(([k, i]) => [k, vec(U, i)])),
    featureBias: Object.fromEntries([...features].map(([k, i]) => [k, bF.value[i]!])),
    featureFactors: Object.fromEntries([...features].map(([k, i]) => [k, vec(V, i)])),
    productBias: Object.fromEntries([...products].map(([k, i]) => [k, bP.value[i]!])),
    audienceSupport: support,
  };
  return { model, loss: totalN ? loss / totalN : 0, impressions: totalN };
}

/** Predicted CTR; unknown audiences, features and products contribute nothing beyond the intercept. */
export function predictCtr(model: TMfModel, audience: string, features: readonly string[], product?: string): number {
  const u = model.audienceFactors[audience];
  const fs = [...new Set(features)];
  const x = fs.length ? 1 / Math.sqrt(fs.length) : 0;
  let z = model.mu + (model.audienceBias[audience] ?? 0) + (product ? (model.productBias[product] ?? 0) : 0);
  for (const f of fs) {
    z += x * (model.featureBias[f] ?? 0);
    const v = model.featureFactors[f];
    if (u && v) for (let j = 0; j < model.dim; j++) z += x * u[j]! * v[j]!;
  }
  return sigmoid(z);
}

/** A stored model (JSON) if it has our shape; anything else is refused. */
export function parseMfModel(value: unknown): TMfModel | null {
  const m = value as Partial<TMfModel> | null;
  if (!m || m.kind !== MF_KIND || typeof m.dim !== "number" || typeof m.mu !== "number") return null;
  for (const k of ["audienceBias", "audienceFactors", "featureBias", "featureFactors", "productBias"] as const)
    if (!m[k] || typeof m[k] !== "object") return null;
  return { audienceSupport: {}, ...m } as TMfModel;
}
