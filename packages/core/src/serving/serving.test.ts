import { describe, expect, it } from "vitest";
import {
  armPosteriors,
  betaCdf,
  betaQuantile,
  betaSample,
  chooseArm,
  credibleInterval,
  DEFAULT_SEGMENT,
  experimentReport,
  guardrail,
  mfLogLoss,
  parseEventBatch,
  predictCtr,
  probabilityLess,
  probabilityToBeBest,
  rateSummary,
  resolveSegment,
  seededRandom,
  simulate,
  stickyChoose,
  thompsonChoose,
  TokenBuckets,
  trainMatrixFactorization,
  variantFeatures,
  ZSegmentRules,
  type TMfExample,
} from "../index.js";

const binom = (n: number, k: number) => {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return r;
};
// For integer a, b: I_x(a, b) = P(Binomial(a + b − 1, x) ≥ a).
const cdfByBinomial = (x: number, a: number, b: number) => {
  const n = a + b - 1;
  let s = 0;
  for (let j = a; j <= n; j++) s += binom(n, j) * x ** j * (1 - x) ** (n - j);
  return s;
};

describe("Beta distribution", () => {
  it("CDF agrees with the binomial identity and the quantile inverts it", () => {
    for (const [a, b] of [
      [2, 3],
      [1, 1],
      [7, 40],
      [30, 5],
    ] as const) {
      for (const x of [0.01, 0.1, 0.3, 0.5, 0.77, 0.95]) {
        expect(betaCdf(x, a, b)).toBeCloseTo(cdfByBinomial(x, a, b), 10);
        const q = betaQuantile(betaCdf(x, a, b), a, b);
        if (betaCdf(x, a, b) > 1e-9 && betaCdf(x, a, b) < 1 - 1e-9) expect(q).toBeCloseTo(x, 7);
      }
    }
  });

  it("credible intervals hold their mass and narrow with evidence", () => {
    const wide = credibleInterval(1 + 5, 1 + 95);
    const narrow = credibleInterval(1 + 500, 1 + 9500);
    expect(betaCdf(wide.high, 6, 96) - betaCdf(wide.low, 6, 96)).toBeCloseTo(0.95, 8);
    expect(narrow.high - narrow.low).toBeLessThan((wide.high - wide.low) / 5);
    expect(narrow.low).toBeLessThan(0.05);
    expect(narrow.high).toBeGreaterThan(0.05);
  });

  it("P(X < Y) matches Monte Carlo, is complementary, and handles densities infinite at 0", () => {
    const rand = seededRandom(3);
    for (const [a1, b1, a2, b2] of [
      [3, 40, 5, 40],
      [0.5, 20, 0.7, 15],
      [120, 2400, 100, 2400],
      [1, 1, 1, 1],
    ] as const) {
      let less = 0;
      const n = 40_000;
      for (let i = 0; i < n; i++) if (betaSample(rand, a1, b1) < betaSample(rand, a2, b2)) less++;
      const p = probabilityLess(a1, b1, a2, b2);
      expect(Math.abs(p - less / n)).toBeLessThan(0.012);
      expect(p + probabilityLess(a2, b2, a1, b1)).toBeCloseTo(1, 2);
    }
    expect(probabilityLess(1, 1000, 500, 500)).toBe(1);
    expect(probabilityLess(500, 500, 1, 1000)).toBe(0);
  });

  it("summarises rates with intervals that contain them", () => {
    const s = rateSummary(30, 1000);
    expect(s.rate).toBe(0.03);
    expect(s.low).toBeLessThan(0.03);
    expect(s.high).toBeGreaterThan(0.03);
    expect(rateSummary(0, 0)).toMatchObject({ rate: 0 });
  });
});

describe("Thompson sampling", () => {
  const arms = [
    { id: "a", alpha: 1 + 50, beta: 1 + 950 },
    { id: "b", alpha: 1 + 80, beta: 1 + 920 },
    { id: "c", alpha: 1 + 2, beta: 1 + 18 },
  ];

  it("picks arms in proportion to their chance of being best, reproducibly per seed", () => {
    const pick = (seed: number) => {
      const rand = seededRandom(seed);
      const counts = [0, 0, 0];
      for (let i = 0; i < 5000; i++) counts[thompsonChoose(arms, rand)]! += 1;
      return counts;
    };
    const counts = pick(11);
    expect(pick(11)).toEqual(counts);
    const best = probabilityToBeBest(arms, seededRandom(5), 20_000);
    expect(best.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
    best.forEach((p, i) => expect(Math.abs(counts[i]! / 5000 - p)).toBeLessThan(0.03));
    expect(best[1]).toBeGreaterThan(best[0]!);
    expect(thompsonChoose([], seededRandom(1))).toBe(-1);
  });

  it("sticky choices are stable per shopper, spread over shoppers, and a new arm moves only its winners", () => {
    const first = stickyChoose(arms, "shopper-1|p");
    expect(stickyChoose(arms, "shopper-1|p")).toBe(first);
    const shares = [0, 0, 0];
    const before: number[] = [];
    for (let i = 0; i < 4000; i++) {
      const c = stickyChoose(arms, `s${i}|p`);
      before.push(c);
      shares[c]! += 1;
    }
    const best = probabilityToBeBest(arms, seededRandom(9), 20_000);
    shares.forEach((s, i) => expect(Math.abs(s / 4000 - best[i]!)).toBeLessThan(0.03));
    const more = [...arms, { id: "d", alpha: 1 + 9, beta: 1 + 91 }];
    for (let i = 0; i < 4000; i++) {
      const c = stickyChoose(more, `s${i}|p`);
      if (c !== 3) expect(c).toBe(before[i]);
    }
  });

  it("the guardrail pauses a clearly worse variant only after enough impressions", () => {
    const original = { impressions: 4000, clicks: 240 };
    expect(guardrail({ impressions: 300, clicks: 6 }, original).pause).toBe(false);
    const worse = guardrail({ impressions: 3000, clicks: 90 }, original);
    expect(worse.probabilityWorse).toBeGreaterThan(0.99);
    expect(worse.pause).toBe(true);
    const similar = guardrail({ impressions: 3000, clicks: 175 }, original);
    expect(similar.pause).toBe(false);
  });
});

describe("logistic matrix factorisation", () => {
  // Audience "sport" clicks sporty copy, "price" clicks price copy; hidden truth, learned from counts.
  const truth = (aud: string, tags: string[]) =>
    0.03 * (tags.includes(aud) ? 2.5 : 1) * (tags.includes("noisy") ? 0.8 : 1);
  const rand = seededRandom(1);
  const examples: TMfExample[] = [];
  for (const aud of ["sport", "price", "health"])
    for (let p = 0; p < 10; p++)
      for (const tags of [["sport"], ["price"], ["health"], ["sport", "noisy"], []]) {
        const n = 400;
        let k = 0;
        for (let i = 0; i < n; i++) if (rand() < truth(aud, tags)) k++;
        examples.push({
          audience: aud,
          product: `p${p}`,
          features: variantFeatures({
            field: "DESCRIPTION",
            origin: tags.length ? "GENERATED" : "ORIGINAL",
            emphasis: tags,
          }),
          impressions: n,
          clicks: k,
        });
      }

  it("learns which emphasis each audience prefers and beats a constant model", () => {
    const { model } = trainMatrixFactorization(examples, { epochs: 300 });
    const f = (tags: string[]) => variantFeatures({ field: "DESCRIPTION", origin: "GENERATED", emphasis: tags });
    for (const aud of ["sport", "price", "health"]) {
      const own = predictCtr(model, aud, f([aud]));
      for (const other of ["sport", "price", "health"].filter((x) => x !== aud))
        expect(own).toBeGreaterThan(predictCtr(model, aud, f([other])) * 1.5);
      expect(Math.abs(own - 0.075)).toBeLessThan(0.015);
    }
    const total = examples.reduce((a, e) => a + e.clicks, 0) / examples.reduce((a, e) => a + e.impressions, 0);
    const constant = trainMatrixFactorization(
      examples.map((e) => ({ ...e, audience: "all", features: [] })),
      { epochs: 50 },
    ).model;
    expect(predictCtr(constant, "all", [])).toBeCloseTo(total, 3);
    expect(mfLogLoss(model, examples)).toBeLessThan(mfLogLoss(constant, examples) - 0.003);
  });

  it("turns predictions into priors that steer Thompson sampling before any impression", () => {
    const { model } = trainMatrixFactorization(examples, { epochs: 300 });
    const arms = ["sport", "price", "health"].map((t) => ({
      variantId: t,
      features: variantFeatures({ field: "DESCRIPTION", origin: "GENERATED", emphasis: [t] }),
      impressions: 0,
      clicks: 0,
    }));
    const rand = seededRandom(2);
    let sporty = 0;
    const posteriors = armPosteriors(arms, { model, audience: "sport" });
    for (let i = 0; i < 1000; i++) if (chooseArm(posteriors, { rand }) === 0) sporty++;
    expect(sporty).toBeGreaterThan(800);
    // Without a model every arm starts alike.
    const flat = armPosteriors(arms, { model: null, audience: "sport" });
    expect(new Set(flat.map((p) => p.alpha)).size).toBe(1);
  });
});

describe("segments", () => {
  const segments = [
    {
      key: "运动",
      rules: ZSegmentRules.parse({ any: [{ interest: "运动" }, { attribute: "sport", op: "eq", value: true }] }),
    },
    { key: "价格", rules: ZSegmentRules.parse({ all: [{ interest: "价格" }], priority: 5 }) },
    {
      key: "seniors",
      rules: ZSegmentRules.parse({ all: [{ attribute: "age", op: "gte", value: 60 }], none: [{ interest: "运动" }] }),
    },
    { key: "explicit-only", rules: ZSegmentRules.parse({}) },
  ];
  it("matches interests and attributes, by priority, else the default audience", () => {
    expect(resolveSegment(segments, { attributes: {}, interests: ["运动"] })).toBe("运动");
    expect(resolveSegment(segments, { attributes: {}, interests: ["运动", "价格"] })).toBe("价格");
    expect(resolveSegment(segments, { attributes: { age: "64" }, interests: [] })).toBe("seniors");
    expect(resolveSegment(segments, { attributes: { age: 64 }, interests: ["运动"] })).toBe("运动");
    expect(resolveSegment(segments, { attributes: { sport: true }, interests: [] })).toBe("运动");
    expect(resolveSegment(segments, { attributes: {}, interests: [] })).toBe(DEFAULT_SEGMENT);
  });
  it("refuses malformed rules", () => {
    expect(ZSegmentRules.safeParse({ all: [{ attribute: "age", op: "between", value: 3 }] }).success).toBe(false);
    expect(ZSegmentRules.safeParse({ anyOf: [] }).success).toBe(false);
  });
});

describe("event batches", () => {
  const p = "0b7c2f3e-8a4d-4a43-9a55-2e5cfa0f7c10";
  const v = "9d6f8f5b-0f2c-4f5e-8b1a-3c2d1e0f9a8b";
  it("validates event by event, keeps the good ones and names the bad ones", () => {
    const now = Date.parse("2026-11-28T10:00:00Z");
    const r = parseEventBatch(
      {
        events: [
          {
            id: "e1",
            type: "impression",
            productId: p,
            variantId: v,
            segment: "运动",
            shopper: "u1",
            at: "2026-11-28T09:59:00Z",
          },
          { id: "e2", type: "hover", productId: p, variantId: v },
          { id: "e3", type: "click", productId: p },
          { id: "e4", type: "purchase", productId: "nope" },
          { id: "e1", type: "impression", productId: p, variantId: v },
          { id: "e5", type: "add_to_cart", productId: p, at: now + 3 * 24 * 3600_000 },
          { id: "e6", type: "purchase", productId: p.toUpperCase(), at: now - 1000 },
        ],
      },
      now,
    );
    if ("error" in r) throw new Error(r.error);
    expect(r.events.map((e) => e.id)).toEqual(["e1", "e6"]);
    expect(r.indexes).toEqual([0, 6]);
    expect(r.events[0]).toMatchObject({ type: "IMPRESSION", segment: "运动", shopperId: "u1" });
    expect(r.events[1]!.productId).toBe(p);
    expect(r.rejected.map((x) => x.index)).toEqual([1, 2, 3, 5]);
    expect(r.rejected[0]!.error).toMatch(/type must be one of/);
    expect(r.rejected[1]!.error).toMatch(/variantId/);
    expect(parseEventBatch({ events: new Array(10_001).fill({}) })).toHaveProperty("error");
    expect(parseEventBatch([])).toHaveProperty("error");
  });
});

describe("token buckets", () => {
  it("allow a burst, then refill at the rate and say when to retry", () => {
    const b = new TokenBuckets({ ratePerSecond: 2, burst: 3 });
    expect([1, 2, 3].map(() => b.take("k", 0).ok)).toEqual([true, true, true]);
    expect(b.take("k", 0)).toEqual({ ok: false, retryAfterSeconds: 1 });
    expect(b.take("other", 0).ok).toBe(true);
    expect(b.take("k", 500).ok).toBe(true);
    expect(b.take("k", 500).ok).toBe(false);
  });
});

describe("simulator", () => {
  it("is reproducible and Thompson sampling with the model beats uniform serving", () => {
    const o = { impressions: 20_000, products: 10, points: 10, seed: 4 };
    const r = simulate(o);
    expect(simulate(o).policies.map((p) => p.clicks)).toEqual(r.policies.map((p) => p.clicks));
    const by = Object.fromEntries(r.policies.map((p) => [p.name, p]));
    expect(by["oracle"]!.regret).toBe(0);
    expect(by["thompson+mf"]!.expectedCtr).toBeGreaterThan(by["uniform"]!.expectedCtr * 1.1);
    expect(by["thompson+mf"]!.regret).toBeLessThan(by["uniform"]!.regret * 0.6);
    expect(r.points).toHaveLength(10);
    expect(by["uniform"]!.curve.at(-1)).toBe(by["uniform"]!.regret);
  });
});

describe("experiment report", () => {
  it("gives rates with intervals, lift over the original, chance to be best and daily traffic shares", () => {
    const arm = (variantId: string, impressions: number, clicks: number, isOriginal = false) => ({
      segment: "运动",
      variantId,
      isOriginal,
      paused: false,
      impressions,
      clicks,
      addToCarts: Math.floor(clicks / 2),
      purchases: Math.floor(clicks / 5),
    });
    const r = experimentReport(
      [arm("o", 5000, 250, true), arm("a", 5000, 400), arm("b", 5000, 240)],
      [
        { day: "2026-11-27", segment: "运动", variantId: "o", impressions: 30 },
        { day: "2026-11-27", segment: "运动", variantId: "a", impressions: 10 },
      ],
    );
    const [aud] = r.audiences;
    expect(aud!.impressions).toBe(15_000);
    const [o, a, b] = aud!.arms;
    expect(o!.liftVsOriginal).toBeNull();
    expect(a!.liftVsOriginal!.estimate).toBeCloseTo(0.6, 10);
    expect(a!.liftVsOriginal!.low).toBeGreaterThan(0.3);
    expect(a!.liftVsOriginal!.high).toBeLessThan(0.95);
    expect(a!.probabilityToBeBest).toBeGreaterThan(0.99);
    expect(b!.probabilityBelowOriginal).toBeGreaterThan(0.5);
    expect(a!.ctr.rate).toBe(0.08);
    expect(a!.cvr.rate).toBe(80 / 5000);
    expect(a!.trafficShare).toBeCloseTo(1 / 3, 10);
    expect(r.traffic.map((t) => t.share)).toEqual([0.75, 0.25]);
  });
});
