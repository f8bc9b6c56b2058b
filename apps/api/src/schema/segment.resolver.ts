import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from "type-graphql";
import { GraphQLJSON as GraphQLJSONArg } from "graphql-scalars";
import { AppError, isMerchantBound, MAX_EVENTS_PER_BATCH, SEGMENT_KEY_RE, ZSegmentRules } from "@truecopy/core";
import {
  announceServingChange,
  createSegment,
  deleteSegment,
  insertEvents,
  listSegments,
  segmentById,
  updateSegment,
  upsertShoppers,
  type TSegmentRow,
} from "@truecopy/db";
import type { TContext } from "../context.js";
import { merchantScope, requirePrincipal } from "../auth/auth-checker.js";
import { recordEventBatch } from "../http/events.js";
import { assertUuid } from "../services/product.service.js";
import { EventBatchResult, Segment, SegmentInput, ShopperEventInput, ShopperInput } from "./segment.types.js";

const MAX_SHOPPERS = 1_000;

function validRules(rules: unknown) {
  const r = ZSegmentRules.safeParse(rules ?? {});
  if (!r.success)
    throw new AppError(
      "BAD_USER_INPUT",
      `rules: ${r.error.issues.map((i) => `${i.path.join(".") || "(rules)"}: ${i.message}`).join("; ")}`,
      { field: "rules" },
    );
  return r.data;
}

function validName(name: string) {
  const n = name.trim();
  if (!n || n.length > 100) throw new AppError("BAD_USER_INPUT", "name: 1-100 characters", { field: "name" });
  return n;
}

const actorOf = (ctx: TContext) => {
  const p = requirePrincipal(ctx);
  return { actorId: p.id, actorKind: p.kind, requestId: ctx.requestId };
};

/** A segment the caller may change: merchant-bound callers only their merchant's (shared ones are admins'). */
async function ownSegment(ctx: TContext, id: string): Promise<TSegmentRow> {
  assertUuid(id);
  const s = await segmentById(ctx.services.db.pool, id);
  const scope = merchantScope(ctx);
  if (!s || (scope && s.merchantId !== scope)) throw new AppError("NOT_FOUND", `audience ${id} not found`);
  return s;
}

@Resolver()
export class SegmentResolver {
  @Authorized("catalog:read")
  @Query(() => [Segment], { description: "Audiences of a merchant (its own and the shared ones)" })
  segments(@Ctx() ctx: TContext, @Arg("merchantId", () => ID, { nullable: true }) merchantId?: string) {
    const scope = merchantScope(ctx, merchantId ?? null);
    if (scope) assertUuid(scope, "merchantId");
    return listSegments(ctx.services.db.pool, { merchantId: scope });
  }

  @Authorized("segments:manage")
  @Mutation(() => Segment, { description: "Creates an audience (audited)" })
  async createSegment(@Ctx() ctx: TContext, @Arg("input", () => SegmentInput) input: SegmentInput) {
    const merchantId = merchantScope(ctx, input.merchantId ?? null);
    if (merchantId) assertUuid(merchantId, "merchantId");
    if (!SEGMENT_KEY_RE.test(input.key))
      throw new AppError("BAD_USER_INPUT", "key: 1-64 letters, digits, _ . : -", { field: "key" });
    const row = await createSegment(ctx.services.db.pool, {
      merchantId,
      key: input.key,
      name: validName(input.name),
      rules: validRules(input.rules),
      actor: actorOf(ctx),
    });
    announceServingChange({ segments: true });
    return row;
  }

  @Authorized("segments:manage")
  @Mutation(() => Segment, { description: "Renames an audience or replaces its rules (audited)" })
  async updateSegment(
    @Ctx() ctx: TContext,
    @Arg("id", () => ID) id: string,
    @Arg("name", () => String, { nullable: true }) name?: string,
    @Arg("rules", () => GraphQLJSONArg, { nullable: true }) rules?: unknown,
  ) {
    await ownSegment(ctx, id);
    const row = await updateSegment(ctx.services.db.pool, {
      id,
      ...(name != null ? { name: validName(name) } : {}),
      ...(rules != null ? { rules: validRules(rules) } : {}),
      actor: actorOf(ctx),
    });
    announceServingChange({ segments: true });
    return row;
  }

  @Authorized("segments:manage")
  @Mutation(() => Boolean, { description: "Deletes an audience (audited); its statistics stay" })
  async deleteSegment(@Ctx() ctx: TContext, @Arg("id", () => ID) id: string) {
    await ownSegment(ctx, id);
    const deleted = await deleteSegment(ctx.services.db.pool, { id, actor: actorOf(ctx) });
    announceServingChange({ segments: true });
    return deleted;
  }

  @Authorized("events:record")
  @Mutation(() => Int, {
    description: "Stores shoppers' declared interests and attributes (matched against audience rules by /serve)",
  })
  async upsertShoppers(
    @Ctx() ctx: TContext,
    @Arg("shoppers", () => [ShopperInput]) shoppers: ShopperInput[],
    @Arg("merchantId", () => ID, { nullable: true }) merchantId?: string,
  ) {
    const scope = merchantScope(ctx, merchantId ?? null);
    if (!scope) throw new AppError("BAD_USER_INPUT", "merchantId is required", { field: "merchantId" });
    assertUuid(scope, "merchantId");
    if (shoppers.length > MAX_SHOPPERS)
      throw new AppError("BAD_USER_INPUT", `at most ${MAX_SHOPPERS} shoppers per call`, { field: "shoppers" });
    const rows = shoppers.map((s, i) => {
      if (!s.id || s.id.length > 128)
        throw new AppError("BAD_USER_INPUT", `shoppers[${i}].id: 1-128 characters`, { field: "shoppers" });
      const attributes = s.attributes ?? {};
      if (typeof attributes !== "object" || Array.isArray(attributes))
        throw new AppError("BAD_USER_INPUT", `shoppers[${i}].attributes must be an object`, { field: "shoppers" });
      const interests = (s.interests ?? []).map((x) => x.trim()).filter(Boolean);
      if (interests.length > 100 || interests.some((x) => x.length > 100))
        throw new AppError("BAD_USER_INPUT", `shoppers[${i}].interests: at most 100 of 100 characters`, {
          field: "shoppers",
        });
      return { id: s.id, attributes: attributes as Record<string, unknown>, interests };
    });
    const n = await upsertShoppers(ctx.services.db.pool, scope, rows);
    announceServingChange({ segments: true });
    return n;
  }

  @Authorized("events:record")
  @Mutation(() => EventBatchResult, {
    description: `Records shopper events like POST /events (at most ${MAX_EVENTS_PER_BATCH} per call, idempotent by id)`,
  })
  recordEvents(@Ctx() ctx: TContext, @Arg("events", () => [ShopperEventInput]) events: ShopperEventInput[]) {
    const p = requirePrincipal(ctx);
    if (isMerchantBound(p.role) && !p.merchantId)
      throw new AppError("FORBIDDEN", "this key is not bound to a merchant");
    const pool = ctx.services.db.pool;
    return recordEventBatch(
      async (list, scope) => {
        const r = await insertEvents(pool, list, scope);
        return { accepted: list.length - r.refused.length, refused: r.refused };
      },
      // GraphQL gives absent optional fields as undefined or null: the contract's parser takes both.
      { events: events.map((e) => ({ ...e, at: e.at ?? undefined })) },
      p,
    );
  }
}
