import type { IncomingMessage, ServerResponse } from "node:http";
import type { NextFunction, Request, Response, Router } from "express";
import express from "express";
import { randomInt } from "node:crypto";
import {
  AppError,
  can,
  chooseArm,
  DEFAULT_SEGMENT,
  isMerchantBound,
  SEGMENT_KEY_RE,
  seededRandom,
  TokenBuckets,
  type TPermission,
  type TTokenBucketOptions,
} from "@truecopy/core";
import type { Redis } from "ioredis";
import {
  createEventBuffer,
  onServingChange,
  productsOfVariants,
  type TDatabase,
  type TEventBuffer,
  type TPrincipal,
} from "@truecopy/db";
import type { TLogger } from "@truecopy/config";
import { authenticate } from "../auth/authenticate.js";
import { eventsRouter } from "./events.js";
import { connectServingBus, ServingCache } from "./serve-cache.js";

// GET /serve/:productId?segment=S&shopper=U[&field=DESCRIPTION&locale=zh-CN&interests=运动,价格]
// → {"variantId","text","field","policy","segment"} (contract: variantId, text, field, policy). The
// shop shows `text` and sends events with `variantId` and `segment` for attribution. Authenticated
// by an API key allowed to variants:serve (SERVICE or ADMIN); merchant-bound keys see their own
// merchant's products only; each key has its own token bucket (429 with Retry-After).

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const FIELDS = new Set(["TITLE", "BULLETS", "DESCRIPTION", "SHORT"]);
const LOCALE_RE = /^(?:und|[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*)$/;
const STATUS: Partial<Record<AppError["code"], number>> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  BAD_USER_INPUT: 400,
  NOT_FOUND: 404,
  RATE_LIMITED: 429,
};

type TRawResponse = Pick<ServerResponse, "statusCode" | "setHeader" | "end" | "writeHead" | "headersSent">;

function send(res: TRawResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const json = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": String(Buffer.byteLength(json)),
    "cache-control": "no-store",
    ...headers,
  });
  res.end(json);
}

export function sendError(res: TRawResponse, e: unknown, log: TLogger): void {
  if (res.headersSent) return;
  if (e instanceof AppError) {
    const retry =
      e.code === "RATE_LIMITED" && typeof e.details?.retryAfterSeconds === "number"
        ? { "retry-after": String(e.details.retryAfterSeconds) }
        : undefined;
    send(res, STATUS[e.code] ?? 400, { error: { code: e.code, message: e.message } }, retry);
    return;
  }
  log.error("serving request failed", { error: (e as Error).message });
  send(res, 503, { error: { code: "UNAVAILABLE", message: "serving is unavailable, try again" } });
}

/** API-key authentication for shop-facing endpoints, with a per-key rate limit. */
export function serviceAuth(o: { db: TDatabase; permission: TPermission; rate: TTokenBucketOptions; log: TLogger }) {
  const buckets = new TokenBuckets(o.rate);
  // A cold process hit by many requests with one key verifies it (scrypt, ~15 ms of the thread pool)
  // once, not once per request: callers share the verification in flight (held only while it runs).
  const verifying = new Map<string, Promise<TPrincipal | null>>();
  return async (req: Pick<IncomingMessage, "headers">): Promise<TPrincipal> => {
    const header = req.headers.authorization;
    if (!header) throw new AppError("UNAUTHENTICATED", "send an API key: Authorization: Bearer …");
    let pending = verifying.get(header);
    if (!pending) {
      pending = authenticate(req as Request, o.db).finally(() => verifying.delete(header));
      verifying.set(header, pending);
    }
    const principal = await pending;
    if (!principal) throw new AppError("UNAUTHENTICATED", "send an API key: Authorization: Bearer …");
    if (!can(principal.role, o.permission))
      throw new AppError("FORBIDDEN", `role ${principal.role} may not ${o.permission}`);
    if (isMerchantBound(principal.role) && !principal.merchantId)
      throw new AppError("FORBIDDEN", "this key is not bound to a merchant");
    const t = buckets.take(principal.id, Date.now());
    if (!t.ok)
      throw new AppError("RATE_LIMITED", "too many requests for this API key", {
        retryAfterSeconds: t.retryAfterSeconds,
      });
    return principal;
  };
}

export const SERVE_RATE: TTokenBucketOptions = { ratePerSecond: 20_000, burst: 40_000 };

/**
 * The /serve handler on plain node:http objects: the API server calls it before Express (the hot
 * path skips the middleware stack — no per-request log line, span or histogram; failures are
 * logged), so a shop's product page waits for little more than a cache lookup and a draw. Returns
 * false for any other request.
 */
export function createServeHandler(o: {
  db: TDatabase;
  cache: ServingCache;
  log: TLogger;
  rate?: TTokenBucketOptions;
}): (req: IncomingMessage, res: ServerResponse) => boolean {
  const auth = serviceAuth({ db: o.db, permission: "variants:serve", rate: o.rate ?? SERVE_RATE, log: o.log });
  const rand = seededRandom(randomInt(2 ** 31));

  async function handle(req: IncomingMessage, res: ServerResponse, url: URL) {
    try {
      const principal = await auth(req);
      let productId: string;
      try {
        productId = decodeURIComponent(url.pathname.slice("/serve/".length));
      } catch {
        throw new AppError("BAD_USER_INPUT", "productId must be a UUID");
      }
      if (!UUID_RE.test(productId)) throw new AppError("BAD_USER_INPUT", "productId must be a UUID");
      const q = url.searchParams;
      const field = (q.get("field") || "DESCRIPTION").toUpperCase();
      if (!FIELDS.has(field))
        throw new AppError("BAD_USER_INPUT", "field must be TITLE, BULLETS, DESCRIPTION or SHORT");
      const locale = q.get("locale") || null;
      if (locale && !LOCALE_RE.test(locale))
        throw new AppError("BAD_USER_INPUT", "locale must look like zh, en or zh-CN");
      const asked = q.get("segment") || null;
      if (asked && !SEGMENT_KEY_RE.test(asked))
        throw new AppError("BAD_USER_INPUT", "segment: 1-64 letters, digits, _ . : -");
      const shopper = q.get("shopper") || null;
      if (shopper && shopper.length > 128) throw new AppError("BAD_USER_INPUT", "shopper is limited to 128 characters");
      const interests = q.get("interests");

      const entry = await o.cache.product(productId.toLowerCase());
      if (!entry || (isMerchantBound(principal.role) && entry.merchantId !== principal.merchantId))
        throw new AppError("NOT_FOUND", `product ${productId} not found`);
      const segment =
        asked ??
        (interests
          ? await o.cache.shopperSegment(entry.merchantId, shopper ?? "", {
              attributes: {},
              interests: interests.split(",").slice(0, 50),
            })
          : shopper
            ? await o.cache.shopperSegment(entry.merchantId, shopper)
            : DEFAULT_SEGMENT);
      const slot = o.cache.slot(entry, { field, locale, segment });
      if (!slot) throw new AppError("NOT_FOUND", `product ${productId} has no servable ${field} variant`);
      const i =
        slot.arms.length === 1
          ? 0
          : chooseArm(slot.posteriors, { rand, stickyKey: shopper ? `${shopper}\u0000${entry.productId}` : null });
      const arm = slot.arms[i]!;
      send(res, 200, {
        variantId: arm.variantId,
        text: arm.text,
        field: arm.field,
        policy: slot.arms.length === 1 ? "only-arm" : slot.modelId === null ? "thompson" : "thompson+mf",
        segment,
        locale: arm.locale,
      });
    } catch (e) {
      sendError(res, e, o.log);
    }
  }

  return (req, res) => {
    const raw = req.url ?? "";
    if (!raw.startsWith("/serve/")) return false;
    if (req.method !== "GET" && req.method !== "HEAD") {
      send(res, 405, { error: { code: "BAD_USER_INPUT", message: "use GET" } }, { allow: "GET" });
      return true;
    }
    void handle(req, res, new URL(raw, "http://serve.local"));
    return true;
  };
}

/** The same handler as Express middleware (for apps that mount it themselves, e.g. tests). */
export function serveRouter(o: Parameters<typeof createServeHandler>[0]): Router {
  const handler = createServeHandler(o);
  const router = express.Router();
  router.use((req: Request, res: Response, next: NextFunction) => {
    if (!handler(req, res)) next();
  });
  return router;
}

export type TServing = {
  /** GET /serve/… on plain node:http objects, ahead of Express; false for other requests. */
  handle(req: IncomingMessage, res: ServerResponse): boolean;
  /** POST /events (Express). */
  router: Router;
  cache: ServingCache;
  buffer: TEventBuffer;
  stop(): Promise<void>;
};

/**
 * Everything the shop-facing endpoints need in one API process: the cache (kept in sync with other
 * processes over Redis), the event buffer, and the routes. Review decisions announced in-process
 * (announceServingChange) are forwarded to every process.
 */
export async function startServing(o: {
  db: TDatabase;
  redis: Redis;
  prefix: string;
  log: TLogger;
}): Promise<TServing> {
  const cache = new ServingCache(o.db, o.log);
  await cache.start();
  const bus = connectServingBus({ redis: o.redis, prefix: o.prefix, cache, log: o.log });
  const unsubscribe = onServingChange((change) => {
    if (change.segments) bus.publish({ segments: true });
    if (change.productIds?.length) bus.publish({ products: [...change.productIds] });
    if (change.variantIds?.length)
      void productsOfVariants(o.db.pool, change.variantIds).then(
        (products) => products.length && bus.publish({ products }),
        (e: Error) => {
          o.log.warn("could not resolve changed variants; dropping the whole serving cache", { error: e.message });
          bus.publish({ all: true });
        },
      );
  });
  const buffer = createEventBuffer(o.db.pool);
  const router = express.Router();
  router.use(eventsRouter({ db: o.db, buffer, log: o.log }));
  return {
    handle: createServeHandler({ db: o.db, cache, log: o.log }),
    router,
    cache,
    buffer,
    async stop() {
      unsubscribe();
      cache.stop();
      bus.close();
      await buffer.drain();
    },
  };
}
