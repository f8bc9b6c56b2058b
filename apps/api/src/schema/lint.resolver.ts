import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { GraphQLJSON } from "graphql-scalars";
import { AppError } from "@truecopy/core";
import type { TContext } from "../context.js";
import { applySuggestion } from "../services/finding.service.js";
import { lintText } from "../services/lint.service.js";
import { toProduct } from "../services/product.service.js";
import { listRulePacks } from "../services/rule-pack.service.js";
import { Finding, LintResult, RulePackInfo } from "./lint.types.js";
import { Product } from "./types.js";
import { Variant, VariantField, VariantStatus } from "./variant.types.js";

@Resolver(() => LintResult)
export class LintResolver {
  @Authorized("lint:run")
  @Query(() => LintResult, {
    description:
      "Lints a text now (at most 20,000 characters) with the built-in packs; with a merchant, its brand pack too (merchant-bound callers: always their own)",
  })
  lint(
    @Ctx() ctx: TContext,
    @Arg("text", () => String) text: string,
    @Arg("locale", () => String, { nullable: true, description: "zh, en, zh-CN...; detected when absent" })
    locale?: string,
    @Arg("attributes", () => GraphQLJSON, { nullable: true, description: "Product attributes: the grounding evidence" })
    attributes?: unknown,
    @Arg("field", () => VariantField, { nullable: true }) field?: VariantField,
    @Arg("merchantId", () => ID, { nullable: true }) merchantId?: string,
  ) {
    return lintText(ctx, { text, locale, attributes, field, merchantId });
  }

  @Authorized("rulepacks:read")
  @Query(() => [RulePackInfo], { description: "The built-in rule packs" })
  rulePacks() {
    return listRulePacks();
  }
}

@Resolver(() => Variant)
export class VariantLintResolver {
  @Authorized("findings:read")
  @FieldResolver(() => [Finding], { description: "Findings of the last lint, in text order" })
  findings(@Root() v: Variant, @Ctx() ctx: TContext) {
    return ctx.loaders.findingsByVariant.load(v.id);
  }

  @FieldResolver(() => Product)
  async product(@Root() v: Variant, @Ctx() ctx: TContext) {
    const p = await ctx.loaders.product.load(v.productId);
    if (!p) throw new AppError("NOT_FOUND", `product of variant ${v.id} not found`);
    return toProduct(p);
  }

  @Authorized("variants:edit")
  @Mutation(() => Variant, {
    description:
      "Applies a finding's suggestion as a NEW variant (EDITED, pending review, derived from the linted one); the linted text is never changed. Applying the same finding again returns the same variant.",
  })
  applySuggestion(@Ctx() ctx: TContext, @Arg("findingId", () => ID) findingId: string) {
    return applySuggestion(ctx, findingId);
  }
}

@Resolver(() => Product)
export class ProductVariantsResolver {
  @FieldResolver(() => [Variant], { description: "Every text of the product's fields: originals, edits, generations" })
  async variants(
    @Root() p: Product,
    @Ctx() ctx: TContext,
    @Arg("status", () => [VariantStatus], { nullable: true }) status?: VariantStatus[],
  ) {
    const all = await ctx.loaders.variantsByProduct.load(p.id);
    return status?.length ? all.filter((v) => status.includes(v.status)) : all;
  }
}
