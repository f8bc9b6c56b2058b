import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from "type-graphql";
import { GraphQLJSON } from "graphql-scalars";
import type { TContext } from "../context.js";
import { brandPackHistory, getBrandPack, saveBrandPack } from "../services/rule-pack.service.js";
import { BrandPack, SaveBrandPackResult } from "./lint.types.js";

@Resolver(() => BrandPack)
export class RulePackResolver {
  @Authorized("rulepacks:read")
  @Query(() => BrandPack, { nullable: true, description: "The merchant's live brand pack; null when it has none" })
  brandPack(@Ctx() ctx: TContext, @Arg("merchantId", () => ID, { nullable: true }) merchantId?: string) {
    return getBrandPack(ctx, merchantId);
  }

  @Authorized("rulepacks:read")
  @Query(() => [BrandPack], { description: "Every version of the merchant's brand pack, newest first" })
  brandPackHistory(@Ctx() ctx: TContext, @Arg("merchantId", () => ID, { nullable: true }) merchantId?: string) {
    return brandPackHistory(ctx, merchantId);
  }

  @Authorized("rulepacks:edit")
  @Mutation(() => SaveBrandPackResult, {
    description:
      "Saves a new version of the merchant's brand pack if expectedVersion (0 for none) is still live; re-lints its live variants",
  })
  saveBrandPack(
    @Ctx() ctx: TContext,
    @Arg("merchantId", () => ID) merchantId: string,
    @Arg("definition", () => GraphQLJSON) definition: unknown,
    @Arg("expectedVersion", () => Int) expectedVersion: number,
    @Arg("comment", () => String, { nullable: true }) comment?: string,
  ) {
    return saveBrandPack(ctx, { merchantId, definition, comment, expectedVersion });
  }
}
