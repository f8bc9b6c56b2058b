import type { NextFunction, Request, Response, Router } from "express";
import express from "express";
import { AppError, isMerchantBound, parseEventBatch, type TTokenBucketOptions } from "@truecopy/core";
import type { TDatabase, TEventBuffer, TPrincipal } from "@truecopy/db";
import type { TLogger } from "@truecopy/config";
import { sendError, serviceAuth } from "./serve.js";

// POST /events {"events":[{"id","type","productId","variantId","segment","shopper","at"}]} (≤ 10,000)
// → {"accepted":n,"rejected":[{"index","error"}]}. Each event is validated on its own (shape, then
// product, merchant and variant in the insert itself); accepted events are stored before the answer
// (a resent event is accepted again and stored once). Needs events:record (SERVICE or ADMIN keys).

export const EVENTS_RATE: TTokenBucketOptions = { ratePerSecond: 500, burst: 1_000 };
// 10,000 events of a few hundred bytes each, with room for long ids.
export const EVENTS_BODY_LIMIT = "16mb";

export type TRecordEventsResult = { accepted: number; rejected: { index: number; error: string }[] };

/** Validates and stores one batch for a caller (shared by POST /events and the recordEvents mutation). */
export async function recordEventBatch(
  write: TEventBuffer["write"],
  body: unknown,
  principal: { role: Parameters<typeof isMerchantBound>[0]; merchantId: string | null },
): Promise<TRecordEventsResult> {
  const parsed = parseEventBatch(body);
  if ("error" in parsed) throw new AppError("BAD_USER_INPUT", parsed.error);
  const scope = { merchantId: isMerchantBound(principal.role) ? principal.merchantId : null };
  const written = await write(parsed.events, scope);
  const rejected = [
    ...parsed.rejected,
    ...written.refused.map((r) => ({ index: parsed.indexes[r.position]!, error: r.error })),
  ].sort((a, b) => a.index - b.index);
  // Duplicates inside the batch were dropped by the parser but count as accepted, like a resend.
  const total = Array.isArray((body as { events?: unknown[] }).events)
    ? (body as { events: unknown[] }).events.length
    : 0;
  return { accepted: total - rejected.length, rejected };
}

export function eventsRouter(o: {
  db: TDatabase;
  buffer: TEventBuffer;
  log: TLogger;
  rate?: TTokenBucketOptions;
}): Router {
  const router = express.Router();
  const auth = serviceAuth({ db: o.db, permission: "events:record", rate: o.rate ?? EVENTS_RATE, log: o.log });
  // The key is checked before a large body is read.
  const authenticated = (req: Request, res: Response, next: NextFunction) => {
    auth(req).then(
      (principal) => {
        res.locals.principal = principal;
        next();
      },
      (e: unknown) => sendError(res, e, o.log),
    );
  };
  router.post(
    "/events",
    authenticated,
    express.json({ limit: EVENTS_BODY_LIMIT }),
    (req: Request, res: Response) => {
      recordEventBatch(
        (events, scope) => o.buffer.write(events, scope),
        req.body,
        res.locals.principal as TPrincipal,
      ).then(
        (r) => res.json(r),
        (e: unknown) => sendError(res, e, o.log),
      );
    },
    // Bodies express.json refused: not JSON, too large.
    (err: { status?: number; type?: string; message?: string }, _req: Request, res: Response, next: NextFunction) => {
      if (!err.status) return next(err);
      const tooLarge = err.type === "entity.too.large";
      res.status(tooLarge ? 413 : 400).json({
        error: {
          code: "BAD_USER_INPUT",
          message: tooLarge ? `the body is larger than ${EVENTS_BODY_LIMIT}` : "the body must be JSON",
        },
      });
    },
  );
  return router;
}
