// Summary statistics and timing shared by the benches.

/** Linear-interpolated quantile (q in [0, 1]); NaN for no values. */
export function quantile(xs, q) {
  const s = [...xs].sort((a, b) => a - b);
  if (!s.length) return NaN;
  const i = (s.length - 1) * q;
  const lo = Math.floor(i);
  return s[lo] + (s[Math.min(lo + 1, s.length - 1)] - s[lo]) * (i - lo);
}

/** The middle value, the mean of the two middle ones for an even count; NaN for no values. */
export const median = (xs) => quantile(xs, 0.5);

export const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** Runs `fn` once: its wall time in milliseconds and its result. */
export async function time(fn) {
  const t = performance.now();
  const r = await fn();
  return { ms: performance.now() - t, r };
}
