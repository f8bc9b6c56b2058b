// Beta distributions: the posterior of a click-through rate under a Beta prior and Bernoulli clicks.
// Exact CDF (regularised incomplete beta by continued fraction) and quantiles, so credible intervals
// and the guardrail's probabilities are deterministic numbers, not Monte Carlo estimates.

const LANCZOS = [
  676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
  -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

export function lnGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x);
  const z = x - 1;
  let s = 0.99999999999980993;
  for (let i = 0; i < LANCZOS.length; i++) s += LANCZOS[i]! / (z + i + 1);
  const t = z + LANCZOS.length - 0.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(s);
}

export const lnBeta = (a: number, b: number) => lnGamma(a) + lnGamma(b) - lnGamma(a + b);

/** Continued fraction of the incomplete beta (modified Lentz). */
function betaContinuedFraction(x: number, a: number, b: number): number {
  const TINY = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 1000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-13) break;
  }
  return h;
}

/** P(X ≤ x) for X ~ Beta(a, b): the regularised incomplete beta I_x(a, b). */
export function betaCdf(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(a * Math.log(x) + b * Math.log(1 - x) - lnBeta(a, b));
  // The fraction converges fast on the side of the mean; use symmetry on the other.
  if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(x, a, b)) / a;
  return 1 - (front * betaContinuedFraction(1 - x, b, a)) / b;
}

/** The p-quantile of Beta(a, b), by bisection on the CDF (monotone, so it cannot diverge). */
export function betaQuantile(p: number, a: number, b: number): number {
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  let lo = 0;
  let hi = 1;
  // Start near the answer: a normal approximation narrows the bracket for concentrated posteriors.
  const m = a / (a + b);
  const sd = Math.sqrt((a * b) / ((a + b) ** 2 * (a + b + 1)));
  const span = 12 * sd;
  if (m - span > 0 && betaCdf(m - span, a, b) < p) lo = m - span;
  if (m + span < 1 && betaCdf(m + span, a, b) > p) hi = m + span;
  for (let i = 0; i < 60 && hi - lo > 1e-12; i++) {
    const mid = (lo + hi) / 2;
    if (betaCdf(mid, a, b) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

export const betaMean = (a: number, b: number) => a / (a + b);

/** Equal-tailed credible interval of Beta(a, b) at `level` (0.95 → 2.5% and 97.5% quantiles). */
export function credibleInterval(a: number, b: number, level = 0.95): { low: number; high: number } {
  const tail = (1 - level) / 2;
  return { low: betaQuantile(tail, a, b), high: betaQuantile(1 - tail, a, b) };
}

/**
 * P(X < Y) for independent X ~ Beta(a1, b1), Y ~ Beta(a2, b2) = ∫ F_X dF_Y. Below X's range F_X is
 * 0 and above it 1, so only the overlap of both ranges needs a grid; there the sum uses exact CDF
 * differences of Y (a density that is infinite at 0 or 1 is fine) and F_X at each step's midpoint.
 */
export function probabilityLess(a1: number, b1: number, a2: number, b2: number, steps = 512): number {
  const range = (a: number, b: number) => {
    const m = a / (a + b);
    const sd = Math.sqrt((a * b) / ((a + b) ** 2 * (a + b + 1)));
    return [Math.max(0, m - 14 * sd), Math.min(1, m + 14 * sd)] as const;
  };
  const [l1, h1] = range(a1, b1);
  const [l2, h2] = range(a2, b2);
  const lo = Math.max(l1, l2);
  const hi = Math.min(h1, h2);
  if (hi <= lo) return h1 <= l2 ? 1 : 0;
  // Y's mass above the overlap: there F_X is 1 (or, when Y's range ends first, that mass is ~0).
  let total = 1 - betaCdf(hi, a2, b2);
  let prev = betaCdf(lo, a2, b2);
  for (let i = 1; i <= steps; i++) {
    const cur = betaCdf(lo + ((hi - lo) * i) / steps, a2, b2);
    total += (cur - prev) * betaCdf(lo + ((hi - lo) * (i - 0.5)) / steps, a1, b1);
    prev = cur;
  }
  return Math.min(1, Math.max(0, total));
}
