import { DEFAULT_SEGMENT } from "./segments.js";
import { trainMatrixFactorization, variantFeatures, type TMfModel, type TMfOptions } from "./matrix-factorization.js";
import { armPosteriors, chooseArm, type TPriorOptions } from "./policy.js";
import { normal, seededRandom, type TRandom } from "./random.js";

// Offline simulator of the serving loop. Synthetic shoppers belong to audiences whose true
// preferences (a click probability per audience × variant, made of hidden weights per emphasis tag
// and style plus per-variant noise no feature explains) the policies never see: they only get the
// audience key, each variant's features and, with a delay, the clicks they caused. Every policy
// faces the same shopper stream and the same click coin flips (common random numbers).

export const SIM_SEGMENTS = ["运动", "健康", "时尚", "价格", DEFAULT_SEGMENT] as const;
const SEGMENT_SHARE = [0.25, 0.2, 0.2, 0.2, 0.15];
const TAGS = ["运动", "健康", "时尚", "价格", "品质", "舒适"];
const STYLES = ["简洁", "活泼", "专业"];

export type TSimOptions = {
  impressions: number;
  seed: number;
  products: number;
  /** Generated variants per product besides the original. */
  variantsPerProduct: number;
  /** Logit bonus of a variant that emphasises what its audience cares about. */
  matchBonus: number;
  /** Feedback delay: policies see clicks in batches of this many impressions (the learning job). */
  syncEvery: number;
  /** The matrix factorisation is re-trained every this many impressions. */
  retrainEvery: number;
  epsilon: number;
  points: number;
  prior?: Partial<TPriorOptions>;
  mf?: Partial<TMfOptions>;
};
export const DEFAULT_SIM: TSimOptions = {
  impressions: 200_000,
  seed: 1,
  products: 40,
  variantsPerProduct: 4,
  matchBonus: 0.6,
  syncEvery: 1_000,
  retrainEvery: 10_000,
  epsilon: 0.1,
  points: 100,
};

type TSimVariant = { id: string; features: string[]; trueCtr: number[] };
type TSimProduct = { id: string; variants: TSimVariant[] };

export type TSimPolicyResult = {
  name: string;
  impressions: number;
  clicks: number;
  /** Realised clicks / impressions over the whole run. */
  ctr: number;
  /** Mean true click probability of what was shown (the CTR without coin-flip noise). */
  expectedCtr: number;
  /** The same over the last fifth of the run, when learning has had its chance. */
  finalExpectedCtr: number;
  /** Σ (oracle's click probability − this policy's), the expected clicks lost. */
  regret: number;
  /** Cumulative regret at each point of `points`. */
  curve: number[];
  /** Mean true click probability of what was shown between consecutive points. */
  ctrCurve: number[];
};
export type TSimResult = {
  options: TSimOptions;
  points: number[];
  policies: TSimPolicyResult[];
  world: { products: number; arms: number; segments: readonly string[]; meanCtr: number };
};

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

export function createWorld(o: TSimOptions, rand: TRandom): TSimProduct[] {
  // Hidden preferences: logit weight of each emphasis tag and style per audience.
  const pref = SIM_SEGMENTS.map((s): Record<string, number> =>
    Object.fromEntries([
      ...TAGS.map((t): [string, number] => [`emphasis:${t}`, (t === s ? o.matchBonus : 0) + 0.15 * normal(rand)]),
      ...STYLES.map((st): [string, number] => [`style:${st}`, 0.1 * normal(rand)]),
    ]),
  );
  const products: TSimProduct[] = [];
  for (let p = 0; p < o.products; p++) {
    const base = Math.log(0.02 + 0.06 * rand()) - Math.log(1 - 0.05);
    const variants: TSimVariant[] = [];
    for (let v = 0; v <= o.variantsPerProduct; v++) {
      const original = v === 0;
      const tags = original
        ? []
        : [
            ...new Set([
              TAGS[Math.floor(rand() * TAGS.length)]!,
              ...(rand() < 0.4 ? [TAGS[Math.floor(rand() * TAGS.length)]!] : []),
            ]),
          ];
      const style = original ? null : STYLES[Math.floor(rand() * STYLES.length)]!;
      const features = variantFeatures({
        id: `p${products.length}v${v}`,
        field: "DESCRIPTION",
        origin: original ? "ORIGINAL" : "GENERATED",
        style,
        emphasis: tags,
      });
      const idio = 0.1 * normal(rand);
      const trueCtr = SIM_SEGMENTS.map((_, s) => {
        let z = base + idio + 0.05 * normal(rand);
        for (const f of features) z += pref[s]![f] ?? 0;
        return sigmoid(z);
      });
      variants.push({ id: `p${p}v${v}`, features, trueCtr });
    }
    products.push({ id: `p${p}`, variants });
  }
  return products;
}

type TCounts = Map<string, { n: number; k: number }>;
const countKey = (p: string, s: number, v: string) => `${p}|${s}|${v}`;

type TPolicy = { name: string; choose(p: TSimProduct, s: number, rand: TRandom): number };
type TLearner = TPolicy & { record(p: TSimProduct, s: number, v: number, click: boolean): void; sync(): void };

export function simulate(options: Partial<TSimOptions> = {}): TSimResult {
  const o = { ...DEFAULT_SIM, ...options };
  const worldRand = seededRandom(o.seed);
  const products = createWorld(o, worldRand);
  // Popular products get more traffic (Zipf-like), audiences have their shares.
  const weights = products.map((_, i) => 1 / (i + 1) ** 0.8);
  const cumulative = (w: number[]) => {
    const total = w.reduce((a, b) => a + b, 0);
    let acc = 0;
    return w.map((x) => (acc += x / total));
  };
  const productCdf = cumulative(weights);
  const segmentCdf = cumulative(SEGMENT_SHARE);
  const pick = (cdf: number[], u: number) => {
    const i = cdf.findIndex((c) => u < c);
    return i < 0 ? cdf.length - 1 : i;
  };

  // Each learning policy keeps live counts and sees a copy synced every `syncEvery` impressions.
  const learner = (
    name: string,
    choose: (seen: TCounts, p: TSimProduct, s: number, rand: TRandom) => number,
    onSync?: (seen: TCounts) => void,
  ) => {
    const live: TCounts = new Map();
    let seen: TCounts = new Map();
    const policy: TLearner = {
      name,
      choose: (p, s, rand) => choose(seen, p, s, rand),
      record(p, s, v, click) {
        const key = countKey(p.id, s, p.variants[v]!.id);
        const c = live.get(key) ?? { n: 0, k: 0 };
        c.n += 1;
        if (click) c.k += 1;
        live.set(key, c);
      },
      sync() {
        seen = new Map([...live].map(([k, c]) => [k, { ...c }]));
        onSync?.(seen);
      },
    };
    return policy;
  };
  const arms = (seen: TCounts, p: TSimProduct, s: number) =>
    p.variants.map((v) => {
      const c = seen.get(countKey(p.id, s, v.id));
      return { variantId: v.id, features: v.features, impressions: c?.n ?? 0, clicks: c?.k ?? 0 };
    });

  let model: TMfModel | null = null;
  let lastTrainedAt = -Infinity;
  let now = 0;
  const thompsonMf = learner(
    "thompson+mf",
    (seen, p, s, rand) =>
      chooseArm(
        armPosteriors(arms(seen, p, s), {
          model,
          audience: SIM_SEGMENTS[s]!,
          product: p.id,
          ...(o.prior ? { prior: o.prior } : {}),
        }),
        { rand },
      ),
    (seen) => {
      if (now - lastTrainedAt < o.retrainEvery) return;
      lastTrainedAt = now;
      const examples = products.flatMap((p) =>
        SIM_SEGMENTS.flatMap((segment, s) =>
          p.variants.map((v) => {
            const c = seen.get(countKey(p.id, s, v.id));
            return {
              audience: segment,
              features: v.features,
              product: p.id,
              impressions: c?.n ?? 0,
              clicks: c?.k ?? 0,
            };
          }),
        ),
      );
      model = trainMatrixFactorization(examples, o.mf ?? {}).model;
    },
  );
  const thompson = learner("thompson", (seen, p, s, rand) =>
    chooseArm(
      armPosteriors(arms(seen, p, s), {
        model: null,
        audience: SIM_SEGMENTS[s]!,
        ...(o.prior ? { prior: o.prior } : {}),
      }),
      { rand },
    ),
  );
  const epsilonGreedy = learner(`epsilon-greedy (ε=${o.epsilon})`, (seen, p, s, rand) => {
    if (rand() < o.epsilon) return Math.floor(rand() * p.variants.length);
    let best = 0;
    let bestRate = -1;
    arms(seen, p, s).forEach((a, i) => {
      // Untried arms first, then the best observed rate.
      const rate = a.impressions ? a.clicks / a.impressions : 2;
      if (rate > bestRate) {
        bestRate = rate;
        best = i;
      }
    });
    return best;
  });
  const uniform: TPolicy = { name: "uniform", choose: (p, _s, rand) => Math.floor(rand() * p.variants.length) };
  const oracle: TPolicy = {
    name: "oracle",
    choose: (p, s) => {
      let best = 0;
      p.variants.forEach((v, i) => {
        if (v.trueCtr[s]! > p.variants[best]!.trueCtr[s]!) best = i;
      });
      return best;
    },
  };
  const learners = [thompsonMf, thompson, epsilonGreedy];
  const policies: TPolicy[] = [thompsonMf, thompson, epsilonGreedy, uniform, oracle];
  const state = policies.map(() => ({
    clicks: 0,
    expected: 0,
    finalExpected: 0,
    regret: 0,
    curve: [] as number[],
    ctrCurve: [] as number[],
    window: 0,
    windowN: 0,
  }));
  const rands = policies.map((_, i) => seededRandom(o.seed * 7919 + i + 1));
  const streamRand = seededRandom(o.seed * 104729 + 13);
  const step = Math.max(1, Math.floor(o.impressions / o.points));
  const points: number[] = [];
  const finalFrom = Math.floor(o.impressions * 0.8);

  for (const l of learners) l.sync();
  for (let t = 0; t < o.impressions; t++) {
    now = t;
    const p = products[pick(productCdf, streamRand())]!;
    const s = pick(segmentCdf, streamRand());
    const coin = streamRand();
    const best = Math.max(...p.variants.map((v) => v.trueCtr[s]!));
    policies.forEach((policy, i) => {
      const v = policy.choose(p, s, rands[i]!);
      const ctr = p.variants[v]!.trueCtr[s]!;
      const click = coin < ctr;
      const st = state[i]!;
      if (click) st.clicks += 1;
      st.expected += ctr;
      st.window += ctr;
      st.windowN += 1;
      if (t >= finalFrom) st.finalExpected += ctr;
      st.regret += best - ctr;
      if ("record" in policy) (policy as TLearner).record(p, s, v, click);
    });
    if ((t + 1) % o.syncEvery === 0) for (const l of learners) l.sync();
    if ((t + 1) % step === 0 || t + 1 === o.impressions) {
      points.push(t + 1);
      state.forEach((st) => {
        st.curve.push(st.regret);
        st.ctrCurve.push(st.windowN ? st.window / st.windowN : 0);
        st.window = 0;
        st.windowN = 0;
      });
    }
  }
  const meanCtr =
    products.reduce((a, p) => a + p.variants.reduce((b, v) => b + v.trueCtr.reduce((c, x) => c + x, 0), 0), 0) /
    products.reduce((a, p) => a + p.variants.length * SIM_SEGMENTS.length, 0);
  return {
    options: o,
    points,
    world: {
      products: products.length,
      arms: products.reduce((a, p) => a + p.variants.length, 0),
      segments: SIM_SEGMENTS,
      meanCtr,
    },
    policies: policies.map((policy, i) => {
      const st = state[i]!;
      return {
        name: policy.name,
        impressions: o.impressions,
        clicks: st.clicks,
        ctr: st.clicks / o.impressions,
        expectedCtr: st.expected / o.impressions,
        finalExpectedCtr: st.finalExpected / (o.impressions - finalFrom),
        regret: st.regret,
        curve: st.curve,
        ctrCurve: st.ctrCurve,
      };
    }),
  };
}
