import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { AppError } from "@truecopy/core";
import type { TContext } from "../context.js";
import { findingCounts, listFindings, markFinding, rulePrecision } from "../services/finding.service.js";
import {
  Finding,
  FindingConnection,
  FindingCount,
  FindingCountBy,
  FindingFeedback,
  FindingFeedbackKind,
  FindingFilter,
  RulePrecision,
} from "./lint.types.js";
import { Variant } from "./variant.types.js";

@Resolver(() => Finding)
export class FindingResolver {
  @Authorized("findings:read")
  @Query(() => FindingConnection, { description: "Stored findings, newest first" })
  findings(
    @Ctx() ctx: TContext,
    @Arg("filter", () => FindingFilter, { nullable: true }) filter?: FindingFilter,
    @Arg("first", () => Int, { nullable: true, defaultValue: 20 }) first?: number,
    @Arg("after", () => String, { nullable: true }) after?: string,
  ) {
    return listFindings(ctx, filter, first, after);
  }

  @Authorized("findings:read")
  @Query(() => [FindingCount], { description: "Finding counts by rule, category, merchant or severity, largest first" })
  findingCounts(
    @Ctx() ctx: TContext,
    @Arg("by", () => FindingCountBy) by: FindingCountBy,
    @Arg("filter", () => FindingFilter, { nullable: true }) filter?: FindingFilter,
  ) {
    return findingCounts(ctx, filter, by);
  }

  @Authorized("findings:feedback")
  @Mutation(() => FindingFeedback, {
    description: "Your verdict on a finding (a second call replaces it); feeds per-rule precision",
  })
  markFinding(
    @Ctx() ctx: TContext,
    @Arg("findingId", () => ID) findingId: string,
    @Arg("kind", () => FindingFeedbackKind) kind: FindingFeedbackKind,
    @Arg("comment", () => String, { nullable: true }) comment?: string,
  ) {
    return markFinding(ctx, findingId, kind, comment);
  }

  @Authorized("rulepacks:edit")
  @Query(() => [RulePrecision], { description: "Per-rule precision from moderators' feedback, worst first" })
  rulePrecision(@Ctx() ctx: TContext) {
    return rulePrecision(ctx);
  }

  @FieldResolver(() => Variant)
  async variant(@Root() f: Finding, @Ctx() ctx: TContext) {
    const v = await ctx.loaders.variant.load(f.variantId);
    if (!v) throw new AppError("NOT_FOUND", `variant of finding ${f.id} not found`);
    return v;
  }

  @Authorized("findings:feedback")
  @FieldResolver(() => [FindingFeedback], { description: "Moderators' verdicts on this finding" })
  feedback(@Root() f: Finding, @Ctx() ctx: TContext) {
    return ctx.loaders.feedbackByFinding.load(f.id);
  }
}
