import type pg from "pg";
import { AppError } from "@truecopy/core";
import { withTransaction, type TQueryable } from "./client.js";
import { appendAudit, type TAuditInput } from "./audit.repo.js";

// Outgoing webhooks. An event writes one WebhookDelivery per subscribed endpoint and one outbox row
// per delivery in the transaction of the change, so a delivery exists exactly when the change
// commits; the worker's `webhook` job sends it, signed, and records every attempt.

// The webhook queue's contract (packages/jobs) repeated here: db must not import jobs.
export const WEBHOOK_QUEUE = "webhook";
export const WEBHOOK_JOB_NAME = "deliver-webhook";

export type TWebhookEndpointRow = {
  id: string;
  merchantId: string | null;
  url: string;
  events: string[];
  active: boolean;
  createdAt: Date;
};
const ENDPOINT_COLUMNS = `e.id, e."merchantId", e.url, e.events, e.active, e."createdAt"`;

export type TWebhookDeliveryRow = {
  id: string;
  endpointId: string;
  event: string;
  eventKey: string;
  payload: unknown;
  status: "PENDING" | "DELIVERED" | "FAILED";
  attempts: number;
  lastError: string | null;
  lastStatus: number | null;
  createdAt: Date;
  deliveredAt: Date | null;
};
const DELIVERY_COLUMNS = `w.id, w."endpointId", w.event, w."eventKey", w.payload, w.status, w.attempts, w."lastError", w."lastStatus", w."createdAt", w."deliveredAt"`;

type TActor = Pick<TAuditInput, "actorId" | "actorKind" | "requestId">;

/** Stores an endpoint; the secret is returned by the caller once and never read back through the API. */
export async function createWebhookEndpoint(
  pool: pg.Pool,
  o: { url: string; events: string[]; merchantId: string | null; secret: string; actor: TActor },
): Promise<TWebhookEndpointRow> {
  return withTransaction(pool, async (tx) => {
    const { rows } = await tx.query<TWebhookEndpointRow>(
      `INSERT INTO "WebhookEndpoint" AS e (id, "merchantId", url, secret, events)
       VALUES (gen_random_uuid(), $1, $2, $3, $4::text[]) RETURNING ${ENDPOINT_COLUMNS}`,
      [o.merchantId, o.url, o.secret, o.events],
    );
    const endpoint = rows[0]!;
    await appendAudit(tx, {
      ...o.actor,
      action: "webhook_endpoint.create",
      entityType: "WebhookEndpoint",
      entityId: endpoint.id,
      after: { url: o.url, events: o.events, merchantId: o.merchantId },
    });
    return endpoint;
  });
}

export async function listWebhookEndpoints(
  db: TQueryable,
  o: { merchantId?: string | null } = {},
): Promise<TWebhookEndpointRow[]> {
  const { rows } = await db.query<TWebhookEndpointRow>(
    `SELECT ${ENDPOINT_COLUMNS} FROM "WebhookEndpoint" e WHERE ($1::uuid IS NULL OR e."merchantId" = $1)
     ORDER BY e."createdAt" DESC, e.id DESC`,
    [o.merchantId ?? null],
  );
  return rows;
}

/** Deletes an endpoint and its delivery log; pending jobs find nothing to send and finish. */
export async function deleteWebhookEndpoint(pool: pg.Pool, o: { id: string; actor: TActor }): Promise<boolean> {
  return withTransaction(pool, async (tx) => {
    const { rows } = await tx.query<TWebhookEndpointRow>(
      `DELETE FROM "WebhookEndpoint" e WHERE e.id = $1 RETURNING ${ENDPOINT_COLUMNS}`,
      [o.id],
    );
    const gone = rows[0];
    if (!gone) return false;
    await appendAudit(tx, {
      ...o.actor,
      action: "webhook_endpoint.delete",
      entityType: "WebhookEndpoint",
      entityId: o.id,
      before: { url: gone.url, events: gone.events, merchantId: gone.merchantId },
    });
    return true;
  });
}

/**
 * Records `event` for every active endpoint subscribed to it (global endpoints and the merchant's)
 * and queues one delivery job each, inside the caller's transaction. `eventKey` makes it idempotent
 * per endpoint. Returns the number of deliveries created.
 */
export async function queueWebhookEvent(
  tx: TQueryable,
  o: { event: string; eventKey: string; merchantId: string | null; data: Record<string, unknown> },
): Promise<number> {
  const payload = JSON.stringify({ id: o.eventKey, event: o.event, createdAt: new Date().toISOString(), data: o.data });
  const { rowCount } = await tx.query(
    `WITH created AS (
       INSERT INTO "WebhookDelivery" (id, "endpointId", event, "eventKey", payload)
       SELECT gen_random_uuid(), e.id, $1, $2, $3::jsonb FROM "WebhookEndpoint" e
       WHERE e.active AND $1 = ANY(e.events) AND (e."merchantId" IS NULL OR e."merchantId" = $4::uuid)
       ON CONFLICT ("endpointId", "eventKey") DO NOTHING
       RETURNING id)
     INSERT INTO "Outbox" (queue, "jobName", payload)
     SELECT $5, $6, jsonb_build_object('deliveryId', id) FROM created`,
    [o.event, o.eventKey, payload, o.merchantId, WEBHOOK_QUEUE, WEBHOOK_JOB_NAME],
  );
  return rowCount ?? 0;
}

export type TDeliveryToSend = TWebhookDeliveryRow & {
  url: string | null;
  secret: string | null;
  endpointActive: boolean | null;
};

/** A delivery with its endpoint's URL and secret (worker side only); null when the delivery is gone. */
export async function loadWebhookDelivery(db: TQueryable, deliveryId: string): Promise<TDeliveryToSend | null> {
  const { rows } = await db.query<TDeliveryToSend>(
    `SELECT ${DELIVERY_COLUMNS}, e.url, e.secret, e.active AS "endpointActive"
     FROM "WebhookDelivery" w LEFT JOIN "WebhookEndpoint" e ON e.id = w."endpointId" WHERE w.id = $1`,
    [deliveryId],
  );
  return rows[0] ?? null;
}

/** Counts one attempt; a success marks the delivery DELIVERED. */
export async function recordWebhookAttempt(
  db: TQueryable,
  o: { deliveryId: string; delivered: boolean; httpStatus: number | null; error: string | null },
): Promise<void> {
  await db.query(
    `UPDATE "WebhookDelivery" SET attempts = attempts + 1, "lastStatus" = $2, "lastError" = $3,
       status = CASE WHEN $4::boolean THEN 'DELIVERED'::"WebhookDeliveryStatus" ELSE status END,
       "deliveredAt" = CASE WHEN $4::boolean THEN now() ELSE "deliveredAt" END
     WHERE id = $1`,
    [o.deliveryId, o.httpStatus, o.error?.slice(0, 2000) ?? null, o.delivered],
  );
}

/** Gives up on a delivery (retries exhausted, or it can never succeed). */
export async function failWebhookDelivery(db: TQueryable, o: { deliveryId: string; error: string }): Promise<void> {
  await db.query(
    `UPDATE "WebhookDelivery" SET status = 'FAILED', "lastError" = $2 WHERE id = $1 AND status <> 'DELIVERED'`,
    [o.deliveryId, o.error.slice(0, 2000)],
  );
}

/** Sends a FAILED delivery again (a new job; attempts keep counting). */
export async function retryWebhookDelivery(
  pool: pg.Pool,
  o: { deliveryId: string; actor: TActor },
): Promise<TWebhookDeliveryRow> {
  return withTransaction(pool, async (tx) => {
    const { rows } = await tx.query<TWebhookDeliveryRow>(
      `UPDATE "WebhookDelivery" w SET status = 'PENDING' WHERE w.id = $1 AND w.status = 'FAILED' RETURNING ${DELIVERY_COLUMNS}`,
      [o.deliveryId],
    );
    const delivery = rows[0];
    if (!delivery) {
      const exists = await tx.query<{ status: string }>(`SELECT status FROM "WebhookDelivery" WHERE id = $1`, [
        o.deliveryId,
      ]);
      if (!exists.rows[0]) throw new AppError("NOT_FOUND", `webhook delivery ${o.deliveryId} not found`);
      throw new AppError("CONFLICT", `only failed deliveries can be retried (this one is ${exists.rows[0].status})`);
    }
    await tx.query(`INSERT INTO "Outbox" (queue, "jobName", payload) VALUES ($1, $2, $3)`, [
      WEBHOOK_QUEUE,
      WEBHOOK_JOB_NAME,
      JSON.stringify({ deliveryId: o.deliveryId }),
    ]);
    await appendAudit(tx, {
      ...o.actor,
      action: "webhook_delivery.retry",
      entityType: "WebhookDelivery",
      entityId: o.deliveryId,
      before: { status: "FAILED", attempts: delivery.attempts },
      after: { status: "PENDING" },
    });
    return delivery;
  });
}

export async function getWebhookEndpoint(db: TQueryable, id: string): Promise<TWebhookEndpointRow | null> {
  const { rows } = await db.query<TWebhookEndpointRow>(
    `SELECT ${ENDPOINT_COLUMNS} FROM "WebhookEndpoint" e WHERE e.id = $1`,
    [id],
  );
  return rows[0] ?? null;
}

/** An endpoint's deliveries, newest first, keyset-paged on (createdAt, id). */
export async function listWebhookDeliveries(
  db: TQueryable,
  o: { endpointId: string; status?: string | null; first: number; after: { at: Date; id: string } | null },
): Promise<{ rows: TWebhookDeliveryRow[]; hasNextPage: boolean; totalCount: number }> {
  const { rows } = await db.query<TWebhookDeliveryRow>(
    `SELECT ${DELIVERY_COLUMNS} FROM "WebhookDelivery" w
     WHERE w."endpointId" = $1 AND ($2::"WebhookDeliveryStatus" IS NULL OR w.status = $2::"WebhookDeliveryStatus")
       AND ($3::timestamptz IS NULL OR (w."createdAt", w.id) < ($3::timestamptz, $4::uuid))
     ORDER BY w."createdAt" DESC, w.id DESC LIMIT $5`,
    [o.endpointId, o.status ?? null, o.after?.at ?? null, o.after?.id ?? null, o.first + 1],
  );
  const count = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM "WebhookDelivery" w
     WHERE w."endpointId" = $1 AND ($2::"WebhookDeliveryStatus" IS NULL OR w.status = $2::"WebhookDeliveryStatus")`,
    [o.endpointId, o.status ?? null],
  );
  return { rows: rows.slice(0, o.first), hasNextPage: rows.length > o.first, totalCount: count.rows[0]?.n ?? 0 };
}
