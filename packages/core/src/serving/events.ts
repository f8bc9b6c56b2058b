import { z } from "zod";
import { SEGMENT_KEY_RE } from "./segments.js";

// The shopper-event contract (stable; used by external tests):
// POST /events {"events":[{"id","type","productId","variantId","segment","shopper","at"}]}
// → {"accepted":n,"rejected":[{"index","error"}]}. Events are validated one by one: a bad event is
// rejected with its index and reason, the others are still taken. The id is the client's and makes
// a resend harmless.

export const MAX_EVENTS_PER_BATCH = 10_000;
export const EVENT_TYPES = ["impression", "click", "add_to_cart", "purchase"] as const;
export type TEventType = (typeof EVENT_TYPES)[number];
export const EVENT_TYPE_ENUM = {
  impression: "IMPRESSION",
  click: "CLICK",
  add_to_cart: "ADD_TO_CART",
  purchase: "PURCHASE",
} as const satisfies Record<TEventType, string>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const uuid = (what: string) =>
  z.string({ error: `${what} must be a UUID string` }).regex(UUID, `${what} must be a UUID`);
// Events from devices with a wrong clock are kept, within reason.
const MAX_AGE_MS = 400 * 24 * 3600_000;
const MAX_AHEAD_MS = 24 * 3600_000;

export const ZShopperEvent = z.object({
  id: z
    .string({ error: "id must be a string" })
    .min(1, "id must not be empty")
    .max(128, "id is limited to 128 characters"),
  type: z.enum(EVENT_TYPES, { error: `type must be one of ${EVENT_TYPES.join(", ")}` }),
  productId: uuid("productId"),
  variantId: uuid("variantId").nullish(),
  segment: z
    .string({ error: "segment must be a string" })
    .regex(SEGMENT_KEY_RE, "segment: 1-64 letters, digits, _ . : -")
    .nullish(),
  shopper: z
    .string({ error: "shopper must be a string" })
    .min(1, "shopper must not be empty")
    .max(128, "shopper is limited to 128 characters")
    .nullish(),
  at: z.union([z.string(), z.number()], { error: "at must be an ISO date-time or epoch milliseconds" }).optional(),
});
export type TShopperEventInput = z.infer<typeof ZShopperEvent>;

export type TShopperEvent = {
  id: string;
  type: (typeof EVENT_TYPE_ENUM)[TEventType];
  productId: string;
  variantId: string | null;
  segment: string | null;
  shopperId: string | null;
  occurredAt: Date;
};

export type TEventRejection = { index: number; error: string };

/** Validates a batch event by event; `now` bounds the accepted timestamps. */
export function parseEventBatch(
  body: unknown,
  now = Date.now(),
): { events: TShopperEvent[]; indexes: number[]; rejected: TEventRejection[] } | { error: string } {
  if (!body || typeof body !== "object" || !Array.isArray((body as { events?: unknown }).events))
    return { error: 'the body must be {"events":[...]}' };
  const list = (body as { events: unknown[] }).events;
  if (list.length > MAX_EVENTS_PER_BATCH)
    return { error: `a batch holds at most ${MAX_EVENTS_PER_BATCH} events, got ${list.length}` };
  const events: TShopperEvent[] = [];
  const indexes: number[] = [];
  const rejected: TEventRejection[] = [];
  const seen = new Set<string>();
  list.forEach((raw, index) => {
    const r = ZShopperEvent.safeParse(raw);
    if (!r.success) {
      rejected.push({ index, error: r.error.issues.map((i) => i.message).join("; ") });
      return;
    }
    const e = r.data;
    const at = e.at === undefined ? now : typeof e.at === "number" ? e.at : Date.parse(e.at);
    if (!Number.isFinite(at))
      return rejected.push({ index, error: "at must be an ISO date-time or epoch milliseconds" });
    if (at > now + MAX_AHEAD_MS) return rejected.push({ index, error: "at is more than a day in the future" });
    if (at < now - MAX_AGE_MS) return rejected.push({ index, error: "at is more than 400 days in the past" });
    if ((e.type === "impression" || e.type === "click") && !e.variantId)
      return rejected.push({ index, error: `${e.type} events need the variantId that /serve returned` });
    // A resend inside one batch is as harmless as a resend across batches.
    if (seen.has(e.id)) return;
    seen.add(e.id);
    events.push({
      id: e.id,
      type: EVENT_TYPE_ENUM[e.type],
      productId: e.productId.toLowerCase(),
      variantId: e.variantId ? e.variantId.toLowerCase() : null,
      segment: e.segment ?? null,
      shopperId: e.shopper ?? null,
      occurredAt: new Date(at),
    });
    indexes.push(index);
  });
  return { events, indexes, rejected };
}
