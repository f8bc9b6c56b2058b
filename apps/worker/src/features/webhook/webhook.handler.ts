import { UnrecoverableError } from "bullmq";
import {
  signWebhookPayload,
  WEBHOOK_DELIVERY_HEADER,
  WEBHOOK_EVENT_HEADER,
  WEBHOOK_SIGNATURE_HEADER,
} from "@truecopy/core";
import { failWebhookDelivery, loadWebhookDelivery, recordWebhookAttempt, type TDatabase } from "@truecopy/db";
import type { TLogger } from "@truecopy/config";
import type { TWebhookPayload } from "@truecopy/jobs";
import { BlockedDestinationError, postWebhook } from "./webhook-http.js";

export type TWebhookDeps = { db: TDatabase; log: TLogger; allowList: readonly string[]; timeoutMs: number };

export type TWebhookResult = {
  deliveryId: string;
  outcome: "delivered" | "already_delivered" | "dropped";
  status?: number;
};

/**
 * Sends one stored delivery: the stored JSON body, signed with the endpoint's secret at send time.
 * Every attempt is recorded (status, error). A non-2xx answer or a network error throws, so the
 * queue retries with its backoff; a destination that is not allowed fails the delivery at once.
 */
export async function deliverWebhook(deps: TWebhookDeps, payload: TWebhookPayload): Promise<TWebhookResult> {
  const { db } = deps;
  const d = await loadWebhookDelivery(db.pool, payload.deliveryId);
  // Deleted with its endpoint, or delivered by an earlier attempt whose acknowledgement was lost.
  if (!d) return { deliveryId: payload.deliveryId, outcome: "dropped" };
  if (d.status === "DELIVERED") return { deliveryId: d.id, outcome: "already_delivered" };
  if (!d.url || !d.secret || !d.endpointActive) {
    await failWebhookDelivery(db.pool, { deliveryId: d.id, error: "the endpoint is disabled" });
    return { deliveryId: d.id, outcome: "dropped" };
  }
  const body = JSON.stringify(d.payload);
  const timestamp = Math.floor(Date.now() / 1000);
  let status: number | null = null;
  let error: string | null = null;
  try {
    const res = await postWebhook({
      url: d.url,
      body,
      timeoutMs: deps.timeoutMs,
      allowList: deps.allowList,
      headers: {
        "content-type": "application/json",
        "user-agent": "truecopy-webhooks/1",
        [WEBHOOK_EVENT_HEADER]: d.event,
        [WEBHOOK_DELIVERY_HEADER]: d.id,
        [WEBHOOK_SIGNATURE_HEADER]: signWebhookPayload({ secret: d.secret, body, timestamp }),
      },
    });
    status = res.status;
    if (status < 200 || status >= 300)
      error = `receiver answered ${status}${res.body ? `: ${res.body.slice(0, 500)}` : ""}`;
  } catch (e) {
    error = (e as Error).message;
    if (e instanceof BlockedDestinationError) {
      await recordWebhookAttempt(db.pool, { deliveryId: d.id, delivered: false, httpStatus: null, error });
      await failWebhookDelivery(db.pool, { deliveryId: d.id, error });
      throw new UnrecoverableError(error);
    }
  }
  await recordWebhookAttempt(db.pool, { deliveryId: d.id, delivered: error === null, httpStatus: status, error });
  if (error !== null) throw new Error(`webhook delivery ${d.id}: ${error}`);
  return { deliveryId: d.id, outcome: "delivered", status: status! };
}
