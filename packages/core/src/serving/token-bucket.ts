// Per-key rate limiting: a bucket of `burst` tokens refilled at `ratePerSecond`; a request takes one.
// Pure (the caller passes the clock), so it is tested without timers.

export type TTokenBucketOptions = { ratePerSecond: number; burst: number };
export type TTake = { ok: true } | { ok: false; retryAfterSeconds: number };

export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  constructor(
    private readonly o: TTokenBucketOptions,
    private readonly maxKeys = 100_000,
  ) {}

  take(key: string, nowMs: number, cost = 1): TTake {
    let b = this.buckets.get(key);
    if (!b) {
      if (this.buckets.size >= this.maxKeys) this.buckets.delete(this.buckets.keys().next().value!);
      b = { tokens: this.o.burst, at: nowMs };
      this.buckets.set(key, b);
    }
    b.tokens = Math.min(this.o.burst, b.tokens + ((nowMs - b.at) / 1000) * this.o.ratePerSecond);
    b.at = nowMs;
    if (b.tokens >= cost) {
      b.tokens -= cost;
      return { ok: true };
    }
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((cost - b.tokens) / this.o.ratePerSecond)) };
  }
}
