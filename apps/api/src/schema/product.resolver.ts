import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from "type-graphql";
import { AppError } from "@truecopy/core";
import type { TContext } from "../context.js";
import { merchantScope } from "../auth/auth-checker.js";
import { getProduct, listProducts, similarProducts } from "../services/product.service.js";
import { semanticSearch } from "../services/search.service.js";
import {
  Merchant,
  Product,
  ProductAnalysis,
  ProductConnection,
  ProductFilter,
  ProductReview,
  SearchConnection,
  SimilarProduct,
} from "./types.js";

@Resolver(() => Product)
export class ProductResolver {
  @Authorized("catalog:read")
  @Query(() => ProductConnection)
  products(
    @Ctx() ctx: TContext,
    @Arg("filter", () => ProductFilter, { nullable: true }) filter?: ProductFilter,
    @Arg("first", () => Int, { nullable: true, defaultValue: 20 }) first?: number,
    @Arg("after", () => String, { nullable: true }) after?: string,
  ) {
    return listProducts(ctx, filter, first, after);
  }

  @Authorized("catalog:read")
  @Query(() => SearchConnection, {
    description: "Search by meaning and by words: embedding kNN and keyword matches fused by reciprocal rank",
  })
  semanticSearch(
    @Ctx() ctx: TContext,
    @Arg("query", () => String) query: string,
    @Arg("filter", () => ProductFilter, { nullable: true }) filter?: ProductFilter,
    @Arg("first", () => Int, { nullable: true, defaultValue: 20 }) first?: number,
    @Arg("after", () => String, { nullable: true }) after?: string,
  ) {
    return semanticSearch(ctx, query, filter, first, after);
  }

  @Authorized("catalog:read")
  @Query(() => Product, { nullable: true })
  product(@Ctx() ctx: TContext, @Arg("id", () => ID) id: string) {
    return getProduct(ctx, id);
  }

  @Authorized("catalog:read")
  @Query(() => [SimilarProduct], { description: "Nearest products by embedding (cosine), most similar first" })
  similarProducts(
    @Ctx() ctx: TContext,
    @Arg("id", () => ID) id: string,
    @Arg("k", () => Int, { defaultValue: 8 }) k: number,
  ) {
    return similarProducts(ctx, id, k);
  }

  @FieldResolver(() => Merchant)
  async merchant(@Root() p: Product, @Ctx() ctx: TContext) {
    const m = await ctx.loaders.merchant.load(p.merchantId);
    if (!m) throw new AppError("NOT_FOUND", `merchant of product ${p.id} not found`);
    return m;
  }

  @FieldResolver(() => [String])
  images(@Root() p: Product, @Ctx() ctx: TContext) {
    return ctx.loaders.images.load(p.id);
  }

  @FieldResolver(() => Int)
  reviewCount(@Root() p: Product, @Ctx() ctx: TContext) {
    return ctx.loaders.reviewCount.load(p.id);
  }

  @FieldResolver(() => [ProductReview])
  async reviews(
    @Root() p: Product,
    @Ctx() ctx: TContext,
    @Arg("first", () => Int, { defaultValue: 20 }) first: number,
  ) {
    if (first < 0 || first > 50) throw new AppError("BAD_USER_INPUT", "first must be between 0 and 50");
    return (await ctx.loaders.reviews.load(p.id)).slice(0, first);
  }

  @FieldResolver(() => ProductAnalysis, { nullable: true, description: "Null until the analyze job has run" })
  analysis(@Root() p: Product, @Ctx() ctx: TContext) {
    return ctx.loaders.analysis.load(p.id);
  }

  @FieldResolver(() => [SimilarProduct])
  similar(@Root() p: Product, @Ctx() ctx: TContext, @Arg("k", () => Int, { defaultValue: 8 }) k: number) {
    return similarProducts(ctx, p.id, k);
  }
}

@Resolver(() => Merchant)
export class MerchantResolver {
  @Authorized("merchants:read")
  @Query(() => [Merchant])
  async merchants(@Ctx() ctx: TContext) {
    const scoped = merchantScope(ctx);
    return ctx.services.db.prisma.merchant.findMany({
      where: scoped ? { id: scoped } : {},
      orderBy: { slug: "asc" },
      select: { id: true, slug: true, name: true },
    });
  }

  @FieldResolver(() => Int)
  productCount(@Root() m: Merchant, @Ctx() ctx: TContext) {
    return ctx.loaders.merchantProductCount.load(m.id);
  }
}
