import { lookup } from "node:dns/promises";
import {
  AppError,
  checkWebhookUrl,
  isAllowedAddress,
  isWebhookEvent,
  newWebhookSecret,
  parseHostAllowList,
  WEBHOOK_EVENTS,
} from "@truecopy/core";
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  getWebhookEndpoint,
  listWebhookDeliveries,
  listWebhookEndpoints,
  retryWebhookDelivery,
} from "@truecopy/db";
import type { TContext } from "../context.js";
import { merchantScope, requirePrincipal } from "../auth/auth-checker.js";
import type {
  WebhookDelivery,
  WebhookDeliveryConnection,
  WebhookDeliveryStatus,
  WebhookEndpoint,
  WebhookEndpointCreated,
} from "../schema/review.types.js";
import { clampFirst } from "./cursor.js";
import { assertUuid } from "./product.service.js";

const actorOf = (ctx: TContext) => {
  const p = requirePrincipal(ctx);
  return { actorId: p.id, actorKind: p.kind, requestId: ctx.requestId };
};

/**
 * Refuses receiver URLs that point into our own network (SSRF): by their literal host now, and by
 * what the name resolves to when it resolves (a name that does not resolve yet is accepted; the
 * worker checks the address it connects to on every delivery).
 */
async function checkReceiver(url: string, allowList: string[]): Promise<string> {
  const check = checkWebhookUrl(url, allowList);
  if (!check.ok) throw new AppError("BAD_USER_INPUT", `webhook URL refused: ${check.reason}`, { field: "url" });
  const addresses = await lookup(check.host, { all: true, verbatim: true }).catch(() => []);
  const blocked = addresses.find((a) => !isAllowedAddress(check.host, a.address, allowList));
  if (blocked)
    throw new AppError(
      "BAD_USER_INPUT",
      `webhook URL refused: ${check.host} resolves to ${blocked.address}, not a public address`,
      {
        field: "url",
      },
    );
  return check.url.toString();
}

export async function createEndpoint(
  ctx: TContext,
  o: { url: string; events: string[]; merchantId?: string | null },
): Promise<WebhookEndpointCreated> {
  const events = [...new Set(o.events)];
  if (!events.length || !events.every(isWebhookEvent))
    throw new AppError("BAD_USER_INPUT", `events must be some of ${WEBHOOK_EVENTS.join(", ")}`, { field: "events" });
  const merchantId = merchantScope(ctx, o.merchantId ?? null);
  if (merchantId) {
    assertUuid(merchantId, "merchantId");
    if (!(await ctx.loaders.merchant.load(merchantId)))
      throw new AppError("NOT_FOUND", `merchant ${merchantId} not found`, { field: "merchantId" });
  }
  const url = await checkReceiver(o.url, parseHostAllowList(ctx.services.env.WEBHOOK_ALLOWED_HOSTS));
  const secret = newWebhookSecret();
  const endpoint = await createWebhookEndpoint(ctx.services.db.pool, {
    url,
    events,
    merchantId,
    secret,
    actor: actorOf(ctx),
  });
  return { endpoint, secret };
}

export async function listEndpoints(ctx: TContext, merchantId?: string | null): Promise<WebhookEndpoint[]> {
  const scoped = merchantScope(ctx, merchantId ?? null);
  if (scoped) assertUuid(scoped, "merchantId");
  return listWebhookEndpoints(ctx.services.db.pool, { merchantId: scoped });
}

export async function deleteEndpoint(ctx: TContext, id: string): Promise<boolean> {
  assertUuid(id);
  return deleteWebhookEndpoint(ctx.services.db.pool, { id, actor: actorOf(ctx) });
}

export async function deliveries(
  ctx: TContext,
  o: { endpointId: string; status?: WebhookDeliveryStatus | null; first?: number; after?: string | null },
): Promise<WebhookDeliveryConnection> {
  assertUuid(o.endpointId, "endpointId");
  const take = clampFirst(o.first);
  if (!(await getWebhookEndpoint(ctx.services.db.pool, o.endpointId)))
    throw new AppError("NOT_FOUND", `webhook endpoint ${o.endpointId} not found`);
  let after: { at: Date; id: string } | null = null;
  if (o.after) {
    try {
      const [at, id] = JSON.parse(Buffer.from(o.after, "base64url").toString("utf8")) as [string, string];
      after = { at: new Date(at), id };
      if (Number.isNaN(after.at.getTime()) || !/^[0-9a-f-]{36}$/i.test(id)) throw new Error("bad");
    } catch {
      throw new AppError("BAD_USER_INPUT", "invalid cursor: pass endCursor from a previous page");
    }
  }
  const page = await listWebhookDeliveries(ctx.services.db.pool, {
    endpointId: o.endpointId,
    status: o.status ?? null,
    first: take,
    after,
  });
  const edges = page.rows.map((r) => ({
    node: r as WebhookDelivery,
    cursor: Buffer.from(JSON.stringify([r.createdAt.toISOString(), r.id])).toString("base64url"),
  }));
  return {
    edges,
    totalCount: page.totalCount,
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: Boolean(o.after),
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

export async function retryDelivery(ctx: TContext, deliveryId: string): Promise<WebhookDelivery> {
  assertUuid(deliveryId, "deliveryId");
  return (await retryWebhookDelivery(ctx.services.db.pool, { deliveryId, actor: actorOf(ctx) })) as WebhookDelivery;
}
