import type { Redis } from "ioredis";
import {
  armPosteriors,
  DEFAULT_SEGMENT,
  parseMfModel,
  parseSegmentRules,
  resolveSegment,
  variantFeatures,
  type TArmPosterior,
  type TMfModel,
  type TSegmentRules,
  type TShopperProfile,
} from "@truecopy/core";
import {
  findShopper,
  latestServingModel,
  latestServingModelId,
  listSegments,
  loadServingProduct,
  type TDatabase,
  type TServingArmRow,
} from "@truecopy/db";
import { servingInvalidationChannel } from "@truecopy/jobs";
import type { TLogger } from "@truecopy/config";

// The serving path's memory: per product its servable arms, per-audience counts and pauses; the live
// matrix factorisation model; audiences per merchant; shoppers' audiences. Requests never wait for
// the database except on a cold product. Entries older than `refreshMs` are served while a reload
// runs in the background (the learning job moves counts on that time scale); review decisions drop
// their products at once, in every API process, through a Redis channel.

export type TServingSlot = {
  field: string;
  locale: string;
  arms: TServingArmRow[];
  posteriors: TArmPosterior[];
  /** The model the priors came from (null: none yet). */
  modelId: number | null;
};

type TEntry = {
  productId: string;
  merchantId: string;
  locale: string | null;
  loadedAt: number;
  arms: TServingArmRow[];
  stats: Map<string, Map<string, { impressions: number; clicks: number }>>;
  paused: Set<string>;
  slots: Map<string, TServingSlot>;
};

export type TServingCacheOptions = { refreshMs: number; maxProducts: number; shopperTtlMs: number };
const MISSING_TTL_MS = 2_000;
const DEFAULTS: TServingCacheOptions = { refreshMs: 30_000, maxProducts: 50_000, shopperTtlMs: 60_000 };

export class ServingCache {
  private readonly o: TServingCacheOptions;
  private readonly products = new Map<string, TEntry>();
  private readonly loading = new Map<string, Promise<TEntry | null>>();
  private readonly missing = new Map<string, number>();
  private readonly segments = new Map<string, { at: number; list: { key: string; rules: TSegmentRules }[] }>();
  private readonly shoppers = new Map<string, { at: number; segment: string }>();
  private model: TMfModel | null = null;
  private modelId: number | null = null;
  private generation = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: TDatabase,
    private readonly log: TLogger,
    options: Partial<TServingCacheOptions> = {},
  ) {
    this.o = { ...DEFAULTS, ...options };
  }

  /** Loads the model and starts the periodic model check. */
  async start(): Promise<void> {
    await this.refreshModel().catch((e: Error) => this.log.warn("serving model not loaded", { error: e.message }));
    this.timer = setInterval(() => {
      this.refreshModel().catch((e: Error) => this.log.warn("serving model refresh failed", { error: e.message }));
    }, this.o.refreshMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  get currentModelId(): number | null {
    return this.modelId;
  }

  private async refreshModel(): Promise<void> {
    const id = await latestServingModelId(this.db.pool);
    if (id === this.modelId) return;
    const row = id === null ? null : await latestServingModel(this.db.pool);
    const model = row ? parseMfModel(row.params) : null;
    if (row && !model) this.log.warn("stored serving model has an unknown shape; serving without it", { id: row.id });
    this.model = model;
    this.modelId = model ? row!.id : null;
    // Priors change with the model: every slot recomputes its posteriors on next use.
    for (const e of this.products.values()) e.slots.clear();
  }

  /** Forgets products (or everything) so the next request reads them afresh. */
  invalidate(productIds: readonly string[] | "*"): void {
    this.generation += 1;
    if (productIds === "*") {
      this.products.clear();
      this.missing.clear();
      this.segments.clear();
      this.shoppers.clear();
      return;
    }
    for (const id of productIds) {
      this.products.delete(id);
      this.missing.delete(id);
    }
  }

  async product(productId: string): Promise<TEntry | null> {
    // Unknown ids are remembered briefly, so a client guessing ids cannot make every request a query.
    const missing = this.missing.get(productId);
    if (missing !== undefined && Date.now() - missing < MISSING_TTL_MS) return null;
    const e = this.products.get(productId);
    if (e) {
      if (Date.now() - e.loadedAt > this.o.refreshMs && !this.loading.has(productId))
        void this.load(productId).catch((err: Error) =>
          this.log.warn("serving refresh failed", { productId, error: err.message }),
        );
      return e;
    }
    return this.load(productId);
  }

  private load(productId: string): Promise<TEntry | null> {
    const pending = this.loading.get(productId);
    if (pending) return pending;
    const generation = this.generation;
    const p = loadServingProduct(this.db.pool, productId)
      .then((row) => {
        if (!row) {
          if (this.missing.size >= this.o.maxProducts) this.missing.clear();
          this.missing.set(productId, Date.now());
          return null;
        }
        this.missing.delete(productId);
        const stats = new Map<string, Map<string, { impressions: number; clicks: number }>>();
        for (const s of row.stats) {
          const m = stats.get(s.segment) ?? new Map<string, { impressions: number; clicks: number }>();
          m.set(s.variantId, { impressions: s.impressions, clicks: s.clicks });
          stats.set(s.segment, m);
        }
        const entry: TEntry = {
          productId,
          merchantId: row.merchantId,
          locale: row.locale,
          loadedAt: Date.now(),
          arms: row.arms,
          stats,
          paused: new Set(row.pauses.map((x) => `${x.variantId}|${x.segment}`)),
          slots: new Map(),
        };
        // An invalidation that arrived while we read must not be overwritten by what we read.
        if (generation === this.generation) {
          if (this.products.size >= this.o.maxProducts) this.products.delete(this.products.keys().next().value!);
          this.products.set(productId, entry);
        }
        return entry;
      })
      .finally(() => this.loading.delete(productId));
    this.loading.set(productId, p);
    return p;
  }

  /** The arms and posteriors of one field/locale for one audience (memoised until the entry changes). */
  slot(e: TEntry, o: { field: string; locale: string | null; segment: string }): TServingSlot | null {
    const locale =
      o.locale ??
      (e.arms.some((a) => a.field === o.field && a.locale === e.locale) ? e.locale : null) ??
      e.arms.find((a) => a.field === o.field && a.origin === "ORIGINAL")?.locale ??
      e.arms.find((a) => a.field === o.field)?.locale;
    if (!locale) return null;
    const key = `${o.field}|${locale}|${o.segment}`;
    const cached = e.slots.get(key);
    if (cached && cached.modelId === this.modelId) return cached;
    // The original is always an arm; other variants only where the guardrail has not paused them.
    const arms = e.arms.filter(
      (a) =>
        a.field === o.field &&
        a.locale === locale &&
        (a.origin === "ORIGINAL" || !e.paused.has(`${a.variantId}|${o.segment}`)),
    );
    if (!arms.length) return null;
    const counts = e.stats.get(o.segment);
    const posteriors = armPosteriors(
      arms.map((a) => ({
        variantId: a.variantId,
        features: variantFeatures({
          id: a.variantId,
          field: a.field,
          origin: a.origin,
          style: a.style,
          emphasis: a.emphasis,
        }),
        impressions: counts?.get(a.variantId)?.impressions ?? 0,
        clicks: counts?.get(a.variantId)?.clicks ?? 0,
      })),
      { model: this.model, audience: o.segment, product: e.productId },
    );
    const slot = { field: o.field, locale, arms, posteriors, modelId: this.modelId };
    e.slots.set(key, slot);
    return slot;
  }

  /** The audience of a known shopper (by the merchant's rules), else DEFAULT_SEGMENT; cached briefly. */
  async shopperSegment(merchantId: string, shopper: string, declared?: TShopperProfile): Promise<string> {
    const segments = await this.merchantSegments(merchantId);
    if (declared) return resolveSegment(segments, declared);
    const key = `${merchantId}|${shopper}`;
    const hit = this.shoppers.get(key);
    if (hit && Date.now() - hit.at < this.o.shopperTtlMs) return hit.segment;
    const row = await findShopper(this.db.pool, merchantId, shopper);
    const segment = row
      ? resolveSegment(segments, { attributes: row.attributes ?? {}, interests: row.interests ?? [] })
      : DEFAULT_SEGMENT;
    if (this.shoppers.size >= this.o.maxProducts) this.shoppers.delete(this.shoppers.keys().next().value!);
    this.shoppers.set(key, { at: Date.now(), segment });
    return segment;
  }

  private async merchantSegments(merchantId: string) {
    const hit = this.segments.get(merchantId);
    if (hit && Date.now() - hit.at < this.o.refreshMs) return hit.list;
    const rows = await listSegments(this.db.pool, { merchantId });
    const list = rows.map((r) => ({ key: r.key, rules: parseSegmentRules(r.rules) }));
    this.segments.set(merchantId, { at: Date.now(), list });
    return list;
  }

  /** Audiences changed: forget the merchant's rules and the shoppers placed with them. */
  invalidateSegments(): void {
    this.segments.clear();
    this.shoppers.clear();
  }
}

/** Invalidation messages between API processes: `{"products":[...]}`, `{"all":true}` or `{"segments":true}`. */
export const servingChannel = servingInvalidationChannel;

export type TServingBus = {
  publish(msg: { products?: string[]; all?: boolean; segments?: boolean }): void;
  close(): void;
};

/**
 * Subscribes `cache` to the channel (a dedicated connection: a subscribed Redis connection can do
 * nothing else) and returns a publisher. Messages are applied locally at once as well, so a process
 * whose Redis is down still sees its own changes; periodic refresh covers what is missed.
 */
export function connectServingBus(o: { redis: Redis; prefix: string; cache: ServingCache; log: TLogger }): TServingBus {
  const channel = servingChannel(o.prefix);
  // The API's connection fails commands while disconnected; a subscription must wait and come back.
  const sub = o.redis.duplicate({ enableOfflineQueue: true, maxRetriesPerRequest: null });
  sub.on("error", () => undefined);
  const apply = (raw: string) => {
    try {
      const msg = JSON.parse(raw) as { products?: unknown; all?: unknown; segments?: unknown };
      if (msg.all === true) o.cache.invalidate("*");
      if (msg.segments === true) o.cache.invalidateSegments();
      if (Array.isArray(msg.products))
        o.cache.invalidate(msg.products.filter((p): p is string => typeof p === "string").slice(0, 10_000));
    } catch {
      o.log.warn("ignoring a malformed serving invalidation message");
    }
  };
  sub.on("message", (ch: string, raw: string) => {
    if (ch === channel) apply(raw);
  });
  // On (re)connect we may have missed messages: start from a clean cache.
  sub.on("ready", () => o.cache.invalidate("*"));
  void sub
    .subscribe(channel)
    .catch((e: Error) => o.log.warn("serving invalidation channel unavailable", { error: e.message }));
  return {
    publish(msg) {
      const raw = JSON.stringify(msg);
      apply(raw);
      o.redis
        .publish(channel, raw)
        .catch((e: Error) => o.log.warn("could not publish serving invalidation", { error: e.message }));
    },
    close() {
      sub.disconnect();
    },
  };
}
