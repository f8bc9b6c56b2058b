import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { AppError } from "@truecopy/core";
import type { TContext } from "../context.js";
import * as review from "../services/review.service.js";
import { toProduct } from "../services/product.service.js";
import { Product } from "./types.js";
import { Variant, VariantField } from "./variant.types.js";
import {
  BulkDecisionResult,
  BulkReviewAction,
  Decision,
  DecisionOutcome,
  PublishedVariantConnection,
  RejectReasonCode,
  ReviewActor,
  ReviewClaim,
  ReviewItem,
  ReviewItemConnection,
  ReviewQueueFilter,
  ReviewQueueSort,
  TextDiff,
  UndoResult,
  VariantHistory,
} from "./review.types.js";

@Resolver(() => ReviewItem)
export class ReviewResolver {
  @Authorized("review:read")
  @Query(() => ReviewItemConnection, {
    description:
      "Variants waiting for review (PENDING_REVIEW). Keyset-paged: pages stay stable while items arrive; pass the same sort with `after`",
  })
  reviewQueue(
    @Ctx() ctx: TContext,
    @Arg("filter", () => ReviewQueueFilter, { nullable: true }) filter?: ReviewQueueFilter,
    @Arg("sort", () => ReviewQueueSort, { nullable: true, defaultValue: ReviewQueueSort.OLDEST })
    sort?: ReviewQueueSort,
    @Arg("first", () => Int, { nullable: true, defaultValue: 20 }) first?: number,
    @Arg("after", () => String, { nullable: true }) after?: string,
  ) {
    return review.listReviewQueueItems(ctx, filter, sort, first, after);
  }

  @Authorized("review:read")
  @Query(() => ReviewItem, { nullable: true, description: "One variant as a review item, whatever its status" })
  reviewItem(@Ctx() ctx: TContext, @Arg("variantId", () => ID) variantId: string) {
    return review.getReviewItem(ctx, variantId);
  }

  @Authorized("review:read")
  @Query(() => Variant, { nullable: true })
  variant(@Ctx() ctx: TContext, @Arg("id", () => ID) id: string) {
    return review.getVariant(ctx, id);
  }

  @Authorized("review:read")
  @Query(() => VariantHistory, {
    nullable: true,
    description: "Every variant of a product (lineage via parentVariantId) and every decision on them",
  })
  variantHistory(@Ctx() ctx: TContext, @Arg("productId", () => ID) productId: string) {
    return review.history(ctx, productId);
  }

  @Authorized("review:read")
  @Query(() => TextDiff, { description: "Diff two texts (words for en, jieba tokens for zh), e.g. while editing" })
  textDiff(
    @Arg("before", () => String) before: string,
    @Arg("after", () => String) after: string,
    @Arg("locale", () => String, { nullable: true }) locale?: string,
  ) {
    return review.textDiff(before, after, locale);
  }

  @Authorized("variants:export")
  @Query(() => PublishedVariantConnection, {
    description:
      "Live texts in the order they went live (oldest first); poll with `since` or continue with `after`. Also as CSV/JSONL: GET /export/published.csv|jsonl",
  })
  publishedVariants(
    @Ctx() ctx: TContext,
    @Arg("merchantId", () => ID, { nullable: true }) merchantId?: string,
    @Arg("since", () => Date, { nullable: true }) since?: Date,
    @Arg("first", () => Int, { nullable: true, defaultValue: 100 }) first?: number,
    @Arg("after", () => String, { nullable: true }) after?: string,
  ) {
    return review.publishedVariants(ctx, { merchantId, since, first, after });
  }

  @Authorized("review:decide")
  @Mutation(() => ReviewItem, {
    description:
      "Holds an item for the caller for the lease time (again by the holder: renews). CONFLICT when another reviewer holds it",
  })
  claimReviewItem(@Ctx() ctx: TContext, @Arg("variantId", () => ID) variantId: string) {
    return review.claimItem(ctx, variantId);
  }

  @Authorized("review:decide")
  @Mutation(() => ReviewItem, {
    nullable: true,
    description: "Claims the first unclaimed item matching the filter, in `sort` order; null when none is left",
  })
  claimNextReviewItem(
    @Ctx() ctx: TContext,
    @Arg("filter", () => ReviewQueueFilter, { nullable: true }) filter?: ReviewQueueFilter,
    @Arg("sort", () => ReviewQueueSort, { nullable: true, defaultValue: ReviewQueueSort.OLDEST })
    sort?: ReviewQueueSort,
  ) {
    return review.claimNextItem(ctx, filter, sort);
  }

  @Authorized("review:decide")
  @Mutation(() => Boolean, { description: "Gives a held item back (admins may release anyone's); false when not held" })
  releaseReviewItem(@Ctx() ctx: TContext, @Arg("variantId", () => ID) variantId: string) {
    return review.releaseItem(ctx, variantId);
  }

  @Authorized("review:decide")
  @Mutation(() => DecisionOutcome, {
    description:
      "PENDING_REVIEW → APPROVED. Refused (CONFLICT) when another reviewer holds the item or the linter blocked the text (edit it instead); a retry by the same reviewer returns the same outcome",
  })
  approveVariant(
    @Ctx() ctx: TContext,
    @Arg("variantId", () => ID) variantId: string,
    @Arg("comment", () => String, { nullable: true }) comment?: string,
  ) {
    return review.approve(ctx, variantId, comment);
  }

  @Authorized("review:decide")
  @Mutation(() => DecisionOutcome, { description: "PENDING_REVIEW → REJECTED with a reason (OTHER needs a comment)" })
  rejectVariant(
    @Ctx() ctx: TContext,
    @Arg("variantId", () => ID) variantId: string,
    @Arg("reasonCode", () => RejectReasonCode) reasonCode: RejectReasonCode,
    @Arg("comment", () => String, { nullable: true }) comment?: string,
  ) {
    return review.reject(ctx, variantId, reasonCode, comment);
  }

  @Authorized("review:decide", "variants:edit")
  @Mutation(() => DecisionOutcome, {
    description:
      "Approves an edited text: a new EDITED child (APPROVED, queued for linting) replaces the item, which is ARCHIVED. `idempotencyKey` makes retries safe",
  })
  editAndApproveVariant(
    @Ctx() ctx: TContext,
    @Arg("variantId", () => ID) variantId: string,
    @Arg("text", () => String) text: string,
    @Arg("comment", () => String, { nullable: true }) comment?: string,
    @Arg("idempotencyKey", () => String, { nullable: true }) idempotencyKey?: string,
  ) {
    return review.edit(ctx, { variantId, action: "EDIT_AND_APPROVE", text, comment, idempotencyKey });
  }

  @Authorized("variants:edit")
  @Mutation(() => DecisionOutcome, {
    description:
      "Proposes a new text for any variant (e.g. the live one): a new EDITED child waits for review; a source that was itself waiting is ARCHIVED",
  })
  editVariant(
    @Ctx() ctx: TContext,
    @Arg("variantId", () => ID) variantId: string,
    @Arg("text", () => String) text: string,
    @Arg("comment", () => String, { nullable: true }) comment?: string,
    @Arg("idempotencyKey", () => String, { nullable: true }) idempotencyKey?: string,
  ) {
    return review.edit(ctx, { variantId, action: "SUBMIT_EDIT", text, comment, idempotencyKey });
  }

  @Authorized("review:decide")
  @Mutation(() => BulkDecisionResult, {
    description:
      "Approves or rejects many items in one transaction (one batchId for undoBatch); with preview: true nothing is written and each item says what would happen or why it is skipped",
  })
  bulkDecide(
    @Ctx() ctx: TContext,
    @Arg("variantIds", () => [ID]) variantIds: string[],
    @Arg("action", () => BulkReviewAction) action: BulkReviewAction,
    @Arg("preview", () => Boolean, { defaultValue: false }) preview: boolean,
    @Arg("reasonCode", () => RejectReasonCode, { nullable: true }) reasonCode?: RejectReasonCode,
    @Arg("comment", () => String, { nullable: true }) comment?: string,
  ) {
    return review.bulk(ctx, { variantIds, action, reasonCode, comment, preview });
  }

  @Authorized("variants:publish")
  @Mutation(() => BulkDecisionResult, {
    description: "Publishes many APPROVED variants at once (with preview, like bulkDecide)",
  })
  bulkPublish(
    @Ctx() ctx: TContext,
    @Arg("variantIds", () => [ID]) variantIds: string[],
    @Arg("preview", () => Boolean, { defaultValue: false }) preview: boolean,
  ) {
    return review.bulkPublish(ctx, variantIds, preview);
  }

  @Authorized()
  @Mutation(() => UndoResult, {
    description:
      "Within 30 s, puts every variant of a batch (any decision, bulk or single) back in its previous status. Only the batch's author or an admin; all or nothing",
  })
  undoBatch(@Ctx() ctx: TContext, @Arg("batchId", () => ID) batchId: string) {
    return review.undo(ctx, batchId);
  }

  @Authorized("variants:publish")
  @Mutation(() => DecisionOutcome, {
    description:
      "APPROVED → PUBLISHED; the variant that was live for the same product field and locale is ARCHIVED; webhooks fire",
  })
  publishVariant(@Ctx() ctx: TContext, @Arg("variantId", () => ID) variantId: string) {
    return review.publish(ctx, variantId);
  }

  @Authorized("variants:revert")
  @Mutation(() => DecisionOutcome, {
    description: "Makes the merchant's original text live again (the current one is ARCHIVED)",
  })
  revertToOriginal(
    @Ctx() ctx: TContext,
    @Arg("productId", () => ID) productId: string,
    @Arg("field", () => VariantField) field: VariantField,
    @Arg("locale", () => String) locale: string,
  ) {
    return review.revert(ctx, productId, field, locale);
  }

  @FieldResolver(() => Product)
  async product(@Root() item: ReviewItem, @Ctx() ctx: TContext) {
    const p = await ctx.loaders.product.load(item.productId);
    if (!p) throw new AppError("NOT_FOUND", `product of variant ${item.id} not found`);
    return toProduct(p);
  }
}

@Resolver(() => Variant)
export class VariantReviewResolver {
  @FieldResolver(() => Variant, { nullable: true, description: "The variant this one was derived from" })
  parent(@Root() v: Variant, @Ctx() ctx: TContext) {
    return v.parentVariantId ? review.getVariant(ctx, v.parentVariantId) : null;
  }

  @FieldResolver(() => Variant, { nullable: true, description: "The merchant's original of the same field and locale" })
  async original(@Root() v: Variant, @Ctx() ctx: TContext) {
    const o = await ctx.loaders.originalOfVariant.load(v.id);
    return o ? review.toVariant(o) : null;
  }

  @FieldResolver(() => TextDiff, {
    nullable: true,
    description:
      "This text against `against`, by default against its parent or else the original; null when there is nothing to compare with",
  })
  diff(@Root() v: Variant, @Ctx() ctx: TContext, @Arg("against", () => ID, { nullable: true }) against?: string) {
    return review.diffOfVariant(ctx, v, against);
  }

  @Authorized("review:read")
  @FieldResolver(() => [Decision], { description: "Every decision on this variant, oldest first" })
  async decisions(@Root() v: Variant, @Ctx() ctx: TContext) {
    return (await ctx.loaders.decisionsByVariant.load(v.id)).map(review.toDecision);
  }

  @Authorized("review:read")
  @FieldResolver(() => ReviewClaim, { nullable: true, description: "The live review lease, if any" })
  async claim(@Root() v: Variant, @Ctx() ctx: TContext) {
    const row = await ctx.loaders.reviewRow.load(v.id);
    return row ? review.toReviewItem(ctx, row).claim : null;
  }
}

@Resolver(() => Decision)
export class DecisionResolver {
  @FieldResolver(() => ReviewActor, { nullable: true, description: "Null when the user or key no longer exists" })
  actor(@Root() d: Decision, @Ctx() ctx: TContext) {
    return ctx.loaders.reviewActor.load(d.actorId);
  }
}

@Resolver(() => ReviewClaim)
export class ReviewClaimResolver {
  @FieldResolver(() => ReviewActor, { nullable: true })
  holder(@Root() c: ReviewClaim, @Ctx() ctx: TContext) {
    return ctx.loaders.reviewActor.load(c.holderId);
  }
}
