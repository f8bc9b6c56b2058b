import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import type { TContext } from "../context.js";
import {
  canonicalOf,
  clusterMembers,
  getCluster,
  keepCanonical,
  listClusters,
  markDistinct,
  memberCount,
  mergeClusters,
  productDuplicates,
} from "../services/duplicate.service.js";
import {
  DuplicateCluster,
  DuplicateClusterConnection,
  DuplicateClusterFilter,
  DuplicateKind,
  DuplicateMember,
} from "./duplicate.types.js";
import { Product } from "./types.js";

@Resolver(() => DuplicateCluster)
export class DuplicateClusterResolver {
  @Authorized("duplicates:read")
  @Query(() => DuplicateClusterConnection, {
    description: "Clusters of reused copy and of products listed more than once, most recently changed first",
  })
  duplicateClusters(
    @Ctx() ctx: TContext,
    @Arg("filter", () => DuplicateClusterFilter, { nullable: true }) filter?: DuplicateClusterFilter,
    @Arg("first", () => Int, { nullable: true, defaultValue: 20 }) first?: number,
    @Arg("after", () => String, { nullable: true }) after?: string,
  ) {
    return listClusters(ctx, filter, first, after);
  }

  @Authorized("duplicates:read")
  @Query(() => DuplicateCluster, { nullable: true })
  duplicateCluster(@Ctx() ctx: TContext, @Arg("id", () => ID) id: string) {
    return getCluster(ctx, id);
  }

  @FieldResolver(() => [DuplicateMember], {
    description: "The canonical member first, then by similarity; merchant-bound callers see their own products only",
  })
  members(
    @Root() c: DuplicateCluster,
    @Ctx() ctx: TContext,
    @Arg("first", () => Int, { defaultValue: 20 }) first: number,
  ) {
    return clusterMembers(ctx, c, first);
  }

  @FieldResolver(() => Int)
  memberCount(@Root() c: DuplicateCluster, @Ctx() ctx: TContext) {
    return memberCount(ctx, c);
  }

  @FieldResolver(() => Product, { nullable: true, description: "Null when it is another merchant's product" })
  canonical(@Root() c: DuplicateCluster, @Ctx() ctx: TContext) {
    return canonicalOf(ctx, c);
  }

  @Authorized("duplicates:decide")
  @Mutation(() => DuplicateCluster, {
    description:
      "Confirms the cluster with this member as canonical: members stay linked to it and the choice survives recomputation (audited)",
  })
  keepDuplicateCanonical(
    @Ctx() ctx: TContext,
    @Arg("clusterId", () => ID) clusterId: string,
    @Arg("productId", () => ID) productId: string,
  ) {
    return keepCanonical(ctx, clusterId, productId);
  }

  @Authorized("duplicates:decide")
  @Mutation(() => [DuplicateCluster], {
    description:
      "Marks members as distinct from the rest of the cluster (and from each other): those pairs are never flagged again. Returns the clusters that remain (audited)",
  })
  markDuplicatesDistinct(
    @Ctx() ctx: TContext,
    @Arg("clusterId", () => ID) clusterId: string,
    @Arg("productIds", () => [ID]) productIds: string[],
  ) {
    return markDistinct(ctx, clusterId, productIds);
  }

  @Authorized("duplicates:decide")
  @Mutation(() => DuplicateCluster, {
    description:
      "Merges clusters of one kind into one confirmed cluster (the first keeps its id); canonicalId defaults to the first cluster's canonical member (audited)",
  })
  mergeDuplicateClusters(
    @Ctx() ctx: TContext,
    @Arg("clusterIds", () => [ID]) clusterIds: string[],
    @Arg("canonicalId", () => ID, { nullable: true }) canonicalId?: string,
  ) {
    return mergeClusters(ctx, clusterIds, canonicalId);
  }
}

@Resolver(() => Product)
export class ProductDuplicatesResolver {
  @Authorized("duplicates:read")
  @FieldResolver(() => [DuplicateCluster], { description: "Clusters this product is a member of" })
  duplicates(
    @Root() p: Product,
    @Ctx() ctx: TContext,
    @Arg("kind", () => DuplicateKind, { nullable: true }) kind?: DuplicateKind,
  ) {
    return productDuplicates(ctx, p, kind);
  }
}
