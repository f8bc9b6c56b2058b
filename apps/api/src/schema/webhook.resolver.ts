import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from "type-graphql";
import type { TContext } from "../context.js";
import * as webhooks from "../services/webhook.service.js";
import {
  WebhookDelivery,
  WebhookDeliveryConnection,
  WebhookDeliveryStatus,
  WebhookEndpoint,
  WebhookEndpointCreated,
} from "./review.types.js";

@Resolver(() => WebhookEndpoint)
export class WebhookResolver {
  @Authorized("webhooks:manage")
  @Query(() => [WebhookEndpoint], { description: "Webhook receivers, newest first (secrets are never shown again)" })
  webhookEndpoints(@Ctx() ctx: TContext, @Arg("merchantId", () => ID, { nullable: true }) merchantId?: string) {
    return webhooks.listEndpoints(ctx, merchantId);
  }

  @Authorized("webhooks:manage")
  @Query(() => WebhookDeliveryConnection, {
    description: "An endpoint's deliveries, newest first, with attempts and errors",
  })
  webhookDeliveries(
    @Ctx() ctx: TContext,
    @Arg("endpointId", () => ID) endpointId: string,
    @Arg("status", () => WebhookDeliveryStatus, { nullable: true }) status?: WebhookDeliveryStatus,
    @Arg("first", () => Int, { nullable: true, defaultValue: 20 }) first?: number,
    @Arg("after", () => String, { nullable: true }) after?: string,
  ) {
    return webhooks.deliveries(ctx, { endpointId, status, first, after });
  }

  @Authorized("webhooks:manage")
  @Mutation(() => WebhookEndpointCreated, {
    description:
      "Registers a receiver (http/https, public addresses only) for events such as variant.published; without merchantId it gets every merchant's events. The signing secret is returned once",
  })
  createWebhookEndpoint(
    @Ctx() ctx: TContext,
    @Arg("url", () => String) url: string,
    @Arg("events", () => [String]) events: string[],
    @Arg("merchantId", () => ID, { nullable: true }) merchantId?: string,
  ) {
    return webhooks.createEndpoint(ctx, { url, events, merchantId });
  }

  @Authorized("webhooks:manage")
  @Mutation(() => Boolean, { description: "Removes a receiver and its delivery log; false when it did not exist" })
  deleteWebhookEndpoint(@Ctx() ctx: TContext, @Arg("id", () => ID) id: string) {
    return webhooks.deleteEndpoint(ctx, id);
  }

  @Authorized("webhooks:manage")
  @Mutation(() => WebhookDelivery, { description: "Sends a FAILED delivery again" })
  retryWebhookDelivery(@Ctx() ctx: TContext, @Arg("deliveryId", () => ID) deliveryId: string) {
    return webhooks.retryDelivery(ctx, deliveryId);
  }
}
