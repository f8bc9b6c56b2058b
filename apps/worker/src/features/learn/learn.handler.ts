import type { Redis } from "ioredis";
import {
  DEFAULT_GUARDRAIL,
  guardrail,
  MF_KIND,
  trainMatrixFactorization,
  type TGuardrailOptions,
} from "@truecopy/core";
import {
  aggregateEvents,
  guardrailCandidates,
  latestServingModel,
  pauseVariants,
  saveServingModel,
  servingTrainingExamples,
  type TDatabase,
} from "@truecopy/db";
import { servingInvalidationChannel, type TLearnPayload } from "@truecopy/jobs";
import type { TLogger } from "@truecopy/config";

// One turn of the learning loop: fold new events into counts, re-train the matrix factorisation when
// there is something new to learn from, pause variants the guardrail condemns, and tell the API
// processes which products changed. Every step is idempotent, so a retried or overlapping run is safe.

export type TLearnDeps = { db: TDatabase; redis: Redis; prefix: string; log: TLogger };

export type TLearnOptions = {
  /** Arrivals younger than this are left for the next run (inserts still in flight must commit). */
  lagSeconds: number;
  maxWindowSeconds: number;
  maxWindows: number;
  /** A new model at most this often (unless forced or none exists). */
  retrainEveryMs: number;
  trainingRows: number;
  keepModels: number;
  guardrail: TGuardrailOptions;
};
export const LEARN_DEFAULTS: TLearnOptions = {
  lagSeconds: 10,
  maxWindowSeconds: 3600,
  maxWindows: 24,
  retrainEveryMs: 5 * 60_000,
  trainingRows: 200_000,
  keepModels: 20,
  guardrail: DEFAULT_GUARDRAIL,
};

export type TLearnOutcome = { events: number; products: number; modelId: number | null; paused: number };

export async function learn(
  deps: TLearnDeps,
  payload: TLearnPayload,
  options: Partial<TLearnOptions> = {},
): Promise<TLearnOutcome> {
  const o = { ...LEARN_DEFAULTS, ...options };
  const touched = new Set<string>();
  let events = 0;
  for (let i = 0; i < o.maxWindows; i++) {
    const r = await aggregateEvents(deps.db.pool, { lagSeconds: o.lagSeconds, maxWindowSeconds: o.maxWindowSeconds });
    events += r.events;
    for (const p of r.products) touched.add(p);
    // A window shorter than the maximum reached the lag horizon: caught up.
    if (r.to.getTime() - r.from.getTime() < o.maxWindowSeconds * 1000) break;
  }

  let modelId: number | null = null;
  const last = await latestServingModel(deps.db.pool);
  const due = !last || Date.now() - last.trainedAt.getTime() >= o.retrainEveryMs;
  if (payload.forceTrain || (events > 0 && due) || (!last && touched.size)) {
    const examples = await servingTrainingExamples(deps.db.pool, { limit: o.trainingRows });
    if (examples.length) {
      const started = performance.now();
      const { model, loss, impressions } = trainMatrixFactorization(examples);
      modelId = await saveServingModel(deps.db.pool, {
        kind: MF_KIND,
        params: model,
        metrics: { loss, impressions, rows: examples.length, ms: Math.round(performance.now() - started) },
        keep: o.keepModels,
      });
    }
  }

  const candidates = await guardrailCandidates(deps.db.pool, {
    minImpressions: o.guardrail.minImpressions,
    productIds: payload.forceTrain ? null : [...touched],
  });
  const pauses = candidates.flatMap((c) => {
    const g = guardrail(
      { impressions: c.impressions, clicks: c.clicks },
      { impressions: c.originalImpressions, clicks: c.originalClicks },
      o.guardrail,
    );
    return g.pause
      ? [
          {
            productId: c.productId,
            segment: c.segment,
            variantId: c.variantId,
            probability: g.probabilityWorse,
            impressions: c.impressions,
            reason: `P(CTR < original) = ${g.probabilityWorse.toFixed(3)} ≥ ${o.guardrail.threshold} after ${c.impressions} impressions (original ${c.originalClicks}/${c.originalImpressions}, variant ${c.clicks}/${c.impressions})`,
          },
        ]
      : [];
  });
  const paused = await pauseVariants(deps.db.pool, pauses);
  for (const p of pauses) touched.add(p.productId);

  // New counts and pauses reach the API caches now rather than at their next refresh.
  if (touched.size && touched.size <= 10_000)
    await deps.redis
      .publish(servingInvalidationChannel(deps.prefix), JSON.stringify({ products: [...touched] }))
      .catch((e: Error) => deps.log.warn("could not publish serving invalidation", { error: e.message }));
  if (paused)
    deps.log.info("guardrail paused variants", { paused, variants: pauses.map((p) => `${p.variantId}@${p.segment}`) });
  return { events, products: touched.size, modelId, paused };
}
