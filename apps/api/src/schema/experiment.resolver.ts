import { Arg, Authorized, Ctx, ID, InputType, Field, Int, Mutation, Query, Resolver } from "type-graphql";
import { AppError, experimentReport, SEGMENT_KEY_RE } from "@truecopy/core";
import {
  announceServingChange,
  experimentArms,
  experimentDays,
  listExperiments,
  resumeVariant,
  variantsByIds,
} from "@truecopy/db";
import type { TContext } from "../context.js";
import { merchantScope, requirePrincipal } from "../auth/auth-checker.js";
import { clampFirst } from "../services/cursor.js";
import { assertUuid, getProduct, toProduct } from "../services/product.service.js";
import { Experiment, ExperimentConnection } from "./experiment.types.js";
import { VariantField } from "./variant.types.js";
import type { Variant } from "./variant.types.js";

@InputType()
export class ExperimentFilter {
  @Field(() => ID, { nullable: true }) merchantId?: string;
  @Field(() => Int, { nullable: true, description: "Only products with at least this many impressions" })
  minImpressions?: number;
}

const DAY_MS = 24 * 3600_000;

function decodeAfter(after: string): { impressions: number; productId: string } {
  try {
    const [impressions, productId] = JSON.parse(Buffer.from(after, "base64url").toString("utf8")) as [number, string];
    if (!Number.isInteger(impressions) || !/^[0-9a-f-]{36}$/i.test(productId)) throw new Error("bad");
    return { impressions, productId };
  } catch {
    throw new AppError("BAD_USER_INPUT", "invalid cursor: pass endCursor from a previous page");
  }
}
const encodeAfter = (impressions: number, productId: string) =>
  Buffer.from(JSON.stringify([impressions, productId])).toString("base64url");

@Resolver()
export class ExperimentResolver {
  @Authorized("insights:read")
  @Query(() => Experiment, {
    nullable: true,
    description:
      "CTR/CVR per variant and audience with credible intervals, lift over the original, probability to be best, and daily traffic shares (default since: 30 days ago)",
  })
  async experiment(
    @Ctx() ctx: TContext,
    @Arg("productId", () => ID) productId: string,
    @Arg("field", () => VariantField, { nullable: true }) field?: VariantField,
    @Arg("since", () => Date, { nullable: true }) since?: Date,
  ): Promise<Experiment | null> {
    const product = await getProduct(ctx, productId);
    if (!product) return null;
    const from = since ?? new Date(Date.now() - 30 * DAY_MS);
    const pool = ctx.services.db.pool;
    const [arms, days] = await Promise.all([
      experimentArms(pool, { productId, field: field ?? null }),
      experimentDays(pool, { productId, field: field ?? null, since: from }),
    ]);
    const report = experimentReport(
      arms.map((a) => ({ ...a, isOriginal: a.origin === "ORIGINAL" })),
      days,
    );
    const variants = new Map(
      (await variantsByIds(pool, [...new Set(arms.map((a) => a.variantId))])).map((v) => [
        v.id,
        v as unknown as Variant,
      ]),
    );
    return {
      productId,
      product,
      field: field ?? null,
      since: from,
      audiences: report.audiences.map((aud) => ({
        ...aud,
        arms: aud.arms.map((a) => ({ ...a, variant: variants.get(a.variantId) ?? null })),
      })),
      traffic: report.traffic,
    };
  }

  @Authorized("insights:read")
  @Query(() => ExperimentConnection, { description: "Products with served traffic, most impressions first" })
  async experiments(
    @Ctx() ctx: TContext,
    @Arg("filter", () => ExperimentFilter, { nullable: true }) filter?: ExperimentFilter,
    @Arg("first", () => Int, { nullable: true }) first?: number,
    @Arg("after", () => String, { nullable: true }) after?: string,
  ): Promise<ExperimentConnection> {
    const merchantId = merchantScope(ctx, filter?.merchantId ?? null);
    if (merchantId) assertUuid(merchantId, "merchantId");
    const n = clampFirst(first);
    const rows = await listExperiments(ctx.services.db.pool, {
      merchantId,
      minImpressions: Math.max(0, filter?.minImpressions ?? 0),
      first: n + 1,
      after: after ? decodeAfter(after) : null,
    });
    const page = rows.slice(0, n);
    const products = await ctx.loaders.product.loadMany(page.map((r) => r.productId));
    const edges = page.map((r, i) => {
      const p = products[i];
      if (!p || p instanceof Error) throw new AppError("NOT_FOUND", `product ${r.productId} not found`);
      return {
        cursor: encodeAfter(r.impressions, r.productId),
        node: { ...r, product: toProduct(p), ctr: r.impressions ? r.clicks / r.impressions : 0 },
      };
    });
    return {
      edges,
      pageInfo: {
        hasNextPage: rows.length > n,
        hasPreviousPage: Boolean(after),
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges.at(-1)?.cursor ?? null,
      },
    };
  }

  @Authorized("variants:publish")
  @Mutation(() => Boolean, {
    description:
      "Puts a variant the guardrail paused back into rotation for one audience (audited); false when it was not paused",
  })
  async resumeServingVariant(
    @Ctx() ctx: TContext,
    @Arg("variantId", () => ID) variantId: string,
    @Arg("segment", () => String) segment: string,
  ): Promise<boolean> {
    const p = requirePrincipal(ctx);
    assertUuid(variantId, "variantId");
    if (!SEGMENT_KEY_RE.test(segment)) throw new AppError("BAD_USER_INPUT", "segment: 1-64 letters, digits, _ . : -");
    const [v] = await variantsByIds(ctx.services.db.pool, [variantId]);
    if (!v || !(await getProduct(ctx, v.productId))) throw new AppError("NOT_FOUND", `variant ${variantId} not found`);
    const r = await resumeVariant(ctx.services.db.pool, {
      variantId,
      segment,
      actor: { actorId: p.id, actorKind: p.kind, requestId: ctx.requestId },
    });
    if (r) announceServingChange({ productIds: [r.productId] });
    return Boolean(r);
  }
}
