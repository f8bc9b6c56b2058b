// Rates are small (a CTR of 3.4 %): one decimal below 10 %, whole percent above.
export function ratePercent(rate: number): string {
  const p = rate * 100;
  return `${p < 10 ? p.toFixed(1) : Math.round(p).toString()}%`;
}

/** A relative lift (0.2 = +20 %) with its sign. */
export function liftPercent(lift: number): string {
  const p = Math.round(lift * 100);
  return `${p > 0 ? "+" : p < 0 ? "−" : "±"}${Math.abs(p)}%`;
}
