import { probabilityLess } from "./beta.js";
import { probabilityToBeBest, rateSummary, type TRateSummary } from "./bandit.js";
import { betaSample, seededRandom } from "./random.js";

// Experiment analytics for one product: per audience and variant, CTR and CVR with credible
// intervals, lift over the original with its interval, probability to be best, probability of being
// below the original, and traffic share per day. Posteriors use uniform Beta(1, 1) priors: this
// reports evidence, not the serving model's beliefs. Monte Carlo parts are seeded (stable answers).

export type TExperimentArmInput = {
  segment: string;
  variantId: string;
  isOriginal: boolean;
  paused: boolean;
  impressions: number;
  clicks: number;
  addToCarts: number;
  purchases: number;
};
export type TExperimentDayInput = { day: string; segment: string; variantId: string; impressions: number };

export type TLift = { estimate: number; low: number; high: number };
export type TExperimentArm = TExperimentArmInput & {
  ctr: TRateSummary;
  /** Purchases per impression. */
  cvr: TRateSummary;
  addToCartRate: TRateSummary;
  /** Relative CTR lift over the original (0.2 = +20%); null for the original or without its data. */
  liftVsOriginal: TLift | null;
  probabilityToBeBest: number;
  probabilityBelowOriginal: number | null;
  trafficShare: number;
};
export type TExperimentAudience = { segment: string; impressions: number; clicks: number; arms: TExperimentArm[] };
export type TTrafficShare = TExperimentDayInput & { share: number };

const clamp = (n: number, k: number) => {
  const trials = Math.max(0, n);
  return { n: trials, k: Math.min(Math.max(0, k), trials) };
};

function quantile(sorted: number[], q: number): number {
  const i = (sorted.length - 1) * q;
  const lo = Math.floor(i);
  return sorted[lo]! + (sorted[Math.ceil(i)]! - sorted[lo]!) * (i - lo);
}

export function experimentReport(
  arms: readonly TExperimentArmInput[],
  days: readonly TExperimentDayInput[],
  o: { level?: number; draws?: number; seed?: number } = {},
): { audiences: TExperimentAudience[]; traffic: TTrafficShare[] } {
  const level = o.level ?? 0.95;
  const draws = o.draws ?? 10_000;
  const rand = seededRandom(o.seed ?? 1);
  const bySegment = new Map<string, TExperimentArmInput[]>();
  for (const a of arms) bySegment.set(a.segment, [...(bySegment.get(a.segment) ?? []), a]);
  const audiences = [...bySegment.entries()].map(([segment, list]) => {
    const posts = list.map((a) => {
      const { n, k } = clamp(a.impressions, a.clicks);
      return { id: a.variantId, alpha: 1 + k, beta: 1 + n - k };
    });
    const best = probabilityToBeBest(posts, rand, draws);
    const oi = list.findIndex((a) => a.isOriginal);
    const original = oi >= 0 ? posts[oi]! : null;
    const impressions = list.reduce((s, a) => s + a.impressions, 0);
    const liftDraws = Math.min(draws, 4_000);
    return {
      segment,
      impressions,
      clicks: list.reduce((s, a) => s + a.clicks, 0),
      arms: list.map((a, i): TExperimentArm => {
        const p = posts[i]!;
        let lift: TLift | null = null;
        let below: number | null = null;
        if (original && i !== oi && list[oi]!.impressions > 0) {
          const ratios: number[] = [];
          for (let d = 0; d < liftDraws; d++)
            ratios.push(betaSample(rand, p.alpha, p.beta) / betaSample(rand, original.alpha, original.beta) - 1);
          ratios.sort((x, y) => x - y);
          const oc = list[oi]!.clicks / list[oi]!.impressions;
          const vc = a.impressions ? a.clicks / a.impressions : 0;
          lift = {
            estimate: oc > 0 ? vc / oc - 1 : quantile(ratios, 0.5),
            low: quantile(ratios, (1 - level) / 2),
            high: quantile(ratios, 1 - (1 - level) / 2),
          };
          below = probabilityLess(p.alpha, p.beta, original.alpha, original.beta);
        }
        return {
          ...a,
          ctr: rateSummary(a.clicks, a.impressions, level),
          cvr: rateSummary(a.purchases, a.impressions, level),
          addToCartRate: rateSummary(a.addToCarts, a.impressions, level),
          liftVsOriginal: lift,
          probabilityToBeBest: best[i]!,
          probabilityBelowOriginal: below,
          trafficShare: impressions ? a.impressions / impressions : 0,
        };
      }),
    };
  });
  const totals = new Map<string, number>();
  for (const d of days) totals.set(`${d.day}|${d.segment}`, (totals.get(`${d.day}|${d.segment}`) ?? 0) + d.impressions);
  const traffic = days.map((d) => {
    const total = totals.get(`${d.day}|${d.segment}`) ?? 0;
    return { ...d, share: total ? d.impressions / total : 0 };
  });
  return { audiences, traffic };
}
