import { credibleInterval, probabilityLess } from "./beta.js";
import { betaSample, hash32, seededRandom, type TRandom } from "./random.js";

// Beta–Bernoulli Thompson sampling: each arm's click-through rate has a Beta(alpha, beta) posterior
// (prior pseudo-counts + clicks, prior + impressions − clicks); the arm with the highest draw is shown.

export type TArmPosterior = { id: string; alpha: number; beta: number };
export type TArmCounts = { impressions: number; clicks: number };

/** Prior pseudo-counts centred on a predicted CTR: `strength` pseudo-impressions of evidence. */
export function priorFromPrediction(ctr: number, strength: number): { alpha: number; beta: number } {
  const p = Math.min(0.999, Math.max(0.001, Number.isFinite(ctr) ? ctr : 0.5));
  const m = Math.max(0.1, strength);
  return { alpha: p * m, beta: (1 - p) * m };
}

/** Prior + observed counts; clicks beyond impressions (duplicates, lost impressions) are capped. */
export function posterior(prior: { alpha: number; beta: number }, counts: TArmCounts): { alpha: number; beta: number } {
  const n = Math.max(0, counts.impressions);
  const k = Math.min(Math.max(0, counts.clicks), n);
  return { alpha: prior.alpha + k, beta: prior.beta + n - k };
}

/** Index of the arm with the highest posterior draw; -1 without arms. */
export function thompsonChoose(arms: readonly TArmPosterior[], rand: TRandom): number {
  let best = -1;
  let bestDraw = -1;
  for (let i = 0; i < arms.length; i++) {
    const a = arms[i]!;
    const draw = betaSample(rand, a.alpha, a.beta);
    if (draw > bestDraw) {
      bestDraw = draw;
      best = i;
    }
  }
  return best;
}

/**
 * Thompson sampling with a shopper's own random numbers: arm i's draw comes from a generator seeded
 * by a hash of (key, arm id). The same shopper therefore sees the same arm on every view while the
 * arms and their posteriors stay as they are; adding or removing another arm only moves shoppers
 * whose draw for that arm is the highest; across shoppers the arms are chosen as often as Thompson
 * sampling would choose them.
 */
export function stickyChoose(arms: readonly TArmPosterior[], key: string): number {
  let best = -1;
  let bestDraw = -1;
  for (let i = 0; i < arms.length; i++) {
    const a = arms[i]!;
    const draw = betaSample(seededRandom(hash32(`${key}\u0000${a.id}`)), a.alpha, a.beta);
    if (draw > bestDraw) {
      bestDraw = draw;
      best = i;
    }
  }
  return best;
}

/** Monte Carlo estimate of P(arm i has the highest rate), for every arm. */
export function probabilityToBeBest(arms: readonly TArmPosterior[], rand: TRandom, draws = 10_000): number[] {
  const wins = new Array<number>(arms.length).fill(0);
  if (!arms.length) return wins;
  for (let d = 0; d < draws; d++) {
    let best = 0;
    let bestDraw = -1;
    for (let i = 0; i < arms.length; i++) {
      const a = arms[i]!;
      const draw = betaSample(rand, a.alpha, a.beta);
      if (draw > bestDraw) {
        bestDraw = draw;
        best = i;
      }
    }
    wins[best]! += 1;
  }
  return wins.map((w) => w / draws);
}

export type TGuardrailOptions = {
  /** Impressions the variant must have before it can be paused. */
  minImpressions: number;
  /** Pause when P(CTR_variant < CTR_original) reaches this. */
  threshold: number;
};
export const DEFAULT_GUARDRAIL: TGuardrailOptions = { minImpressions: 500, threshold: 0.95 };

/**
 * The guardrail: P(CTR_variant < CTR_original) under uniform Beta(1, 1) priors (evidence only, not
 * the model's belief), and whether that is enough to take the variant out of rotation.
 */
export function guardrail(
  variant: TArmCounts,
  original: TArmCounts,
  o: TGuardrailOptions = DEFAULT_GUARDRAIL,
): { probabilityWorse: number; pause: boolean } {
  const v = posterior({ alpha: 1, beta: 1 }, variant);
  const c = posterior({ alpha: 1, beta: 1 }, original);
  const probabilityWorse = probabilityLess(v.alpha, v.beta, c.alpha, c.beta);
  return {
    probabilityWorse,
    pause: variant.impressions >= o.minImpressions && probabilityWorse >= o.threshold,
  };
}

export type TRateSummary = { rate: number; low: number; high: number };

/** Observed rate with an equal-tailed credible interval from a Beta(1, 1) prior. */
export function rateSummary(successes: number, trials: number, level = 0.95): TRateSummary {
  const n = Math.max(0, trials);
  const k = Math.min(Math.max(0, successes), n);
  const { low, high } = credibleInterval(1 + k, 1 + n - k, level);
  return { rate: n ? k / n : 0, low, high };
}
