import { posterior, priorFromPrediction, stickyChoose, thompsonChoose, type TArmPosterior } from "./bandit.js";
import { predictCtr, type TMfModel } from "./matrix-factorization.js";
import type { TRandom } from "./random.js";

// The serving decision shared by the API and the simulator: per (product, audience) Beta posteriors
// whose priors are the matrix factorisation's predicted CTR as pseudo-counts, then Thompson sampling.

export type TServingArm = {
  variantId: string;
  features: readonly string[];
  impressions: number;
  clicks: number;
};

export type TPriorOptions = {
  /** Pseudo-impressions a prediction is worth once the model has seen plenty of this audience. */
  priorStrength: number;
  /** The model's support (impressions of the audience) at which a prediction gets full strength. */
  fullSupport: number;
  /** CTR assumed without a model. */
  fallbackCtr: number;
};
export const DEFAULT_PRIOR: TPriorOptions = { priorStrength: 200, fullSupport: 2_000, fallbackCtr: 0.05 };

/** Posterior per arm for one audience of one product. */
export function armPosteriors(
  arms: readonly TServingArm[],
  o: { model: TMfModel | null; audience: string; product?: string; prior?: Partial<TPriorOptions> },
): TArmPosterior[] {
  const p = { ...DEFAULT_PRIOR, ...o.prior };
  // A model that has seen little of an audience is a weak prior there, so it cannot lock arms out.
  const support = o.model?.audienceSupport[o.audience] ?? 0;
  const strength = o.model ? Math.max(2, p.priorStrength * Math.min(1, support / p.fullSupport)) : 2;
  return arms.map((a) => {
    const ctr = o.model ? predictCtr(o.model, o.audience, a.features, o.product) : p.fallbackCtr;
    return { id: a.variantId, ...posterior(priorFromPrediction(ctr, strength), a) };
  });
}

/** Thompson sampling; with `stickyKey` the draw is the shopper's own (see stickyChoose). */
export function chooseArm(
  posteriors: readonly TArmPosterior[],
  o: { rand: TRandom; stickyKey?: string | null },
): number {
  return o.stickyKey ? stickyChoose(posteriors, o.stickyKey) : thompsonChoose(posteriors, o.rand);
}
