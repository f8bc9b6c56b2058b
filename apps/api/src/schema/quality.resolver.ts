import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from "type-graphql";
import type { TQualityCode } from "@truecopy/core";
import type { TContext } from "../context.js";
import { applyCorrections, productQuality } from "../services/quality.service.js";
import { ProductQuality, QualityCode } from "./quality.types.js";
import { Product } from "./types.js";
import { Variant, VariantField } from "./variant.types.js";

@Resolver(() => Product)
export class ProductQualityResolver {
  @Authorized("catalog:read")
  @FieldResolver(() => ProductQuality, {
    description:
      "Quality of the live copy (published title and description, else the original) with reasons and corrections",
  })
  quality(@Root() p: Product, @Ctx() ctx: TContext) {
    return productQuality(ctx, p);
  }

  @Authorized("variants:edit")
  @Mutation(() => Variant, {
    description:
      "Applies quality corrections to the live TITLE or DESCRIPTION as a NEW variant (EDITED, pending review, linted); without codes, the corrections safe to apply automatically. The same corrections again return the same variant.",
  })
  applyQualityCorrections(
    @Ctx() ctx: TContext,
    @Arg("productId", () => ID) productId: string,
    @Arg("field", () => VariantField) field: VariantField,
    @Arg("codes", () => [QualityCode], { nullable: true }) codes?: TQualityCode[],
  ) {
    return applyCorrections(ctx, { productId, field, codes: codes ?? null });
  }
}
