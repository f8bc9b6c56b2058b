import DataLoader from "dataloader";
import { AppError, type TQualityCode } from "@truecopy/core";
import { applyQualityCorrections, liveCopyOfProducts, qualityOfLiveCopy, type TLiveCopy } from "@truecopy/db";
import type { TContext } from "../context.js";
import type { ProductQuality } from "../schema/quality.types.js";
import type { Product } from "../schema/types.js";
import type { Variant } from "../schema/variant.types.js";
import { assertUuid } from "./product.service.js";
import { reviewActorOf } from "./review.service.js";

// Quality is computed when asked (core's qualityScore over the live copy: milliseconds), so it is
// always the quality of the text shoppers see now.

const perRequest = new WeakMap<TContext, DataLoader<string, TLiveCopy | null>>();

function liveCopy(ctx: TContext): DataLoader<string, TLiveCopy | null> {
  let l = perRequest.get(ctx);
  if (!l) {
    l = new DataLoader(async (ids) => {
      const rows = await liveCopyOfProducts(ctx.services.db.pool, ids);
      const byId = new Map(rows.map((r) => [r.productId, r]));
      return ids.map((id) => byId.get(id) ?? null);
    });
    perRequest.set(ctx, l);
  }
  return l;
}

export async function productQuality(ctx: TContext, product: Product): Promise<ProductQuality> {
  const copy = await liveCopy(ctx).load(product.id);
  if (!copy) throw new AppError("NOT_FOUND", `product ${product.id} not found`);
  const r = qualityOfLiveCopy(copy);
  return {
    ...r,
    titleVariantId: copy.title?.variantId ?? null,
    descriptionVariantId: copy.description?.variantId ?? null,
  };
}

export async function applyCorrections(
  ctx: TContext,
  o: { productId: string; field: string; codes?: TQualityCode[] | null },
): Promise<Variant> {
  assertUuid(o.productId, "productId");
  if (o.field !== "TITLE" && o.field !== "DESCRIPTION")
    throw new AppError("BAD_USER_INPUT", "quality corrections apply to TITLE or DESCRIPTION", { field: "field" });
  const { outcome } = await applyQualityCorrections(ctx.services.db.pool, {
    productId: o.productId,
    field: o.field,
    codes: o.codes ?? null,
    actor: reviewActorOf(ctx),
  });
  const variant = await ctx.loaders.variant.load(outcome.variant.id);
  if (!variant) throw new Error(`variant ${outcome.variant.id} vanished after it was created`);
  return variant;
}
