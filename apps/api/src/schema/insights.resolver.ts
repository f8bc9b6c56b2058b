import { Arg, Authorized, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import { ruleLabel } from "@truecopy/core";
import type { TContext } from "../context.js";
import * as insights from "../services/insights.service.js";
import {
  DecisionStatsBy,
  DecisionStatsRow,
  ReviewQueueAge,
  ThroughputBucket,
  ThroughputBucketSize,
} from "./review.types.js";
import { FindingTrendBucket, TrendBucketSize, UiLanguage } from "./insights.types.js";
import { FindingFilter } from "./lint.types.js";

@Resolver(() => DecisionStatsRow)
export class InsightsResolver {
  @Authorized("insights:read")
  @Query(() => [DecisionStatsRow], {
    description:
      "Review verdicts (approved, edited then approved, rejected, top reject reasons) per rule, generator or reason; default since: 30 days ago",
  })
  decisionStats(
    @Ctx() ctx: TContext,
    @Arg("by", () => DecisionStatsBy) by: DecisionStatsBy,
    @Arg("since", () => Date, { nullable: true }) since?: Date,
    @Arg("until", () => Date, { nullable: true }) until?: Date,
    @Arg("merchantId", () => ID, { nullable: true }) merchantId?: string,
  ) {
    return insights.stats(ctx, { by, since, until, merchantId });
  }

  @Authorized("insights:read")
  @Query(() => [ThroughputBucket], {
    description: "Decisions per hour (up to 31 days) or day (up to 366 days), empty buckets included",
  })
  reviewThroughput(
    @Ctx() ctx: TContext,
    @Arg("bucket", () => ThroughputBucketSize) bucket: ThroughputBucketSize,
    @Arg("since", () => Date, { nullable: true }) since?: Date,
    @Arg("merchantId", () => ID, { nullable: true }) merchantId?: string,
  ) {
    return insights.throughput(ctx, { bucket, since, merchantId });
  }

  @Authorized("insights:read")
  @Query(() => ReviewQueueAge, {
    description: "How long the review queue's items have been waiting, in SLA-aligned buckets",
  })
  reviewQueueAge(@Ctx() ctx: TContext, @Arg("merchantId", () => ID, { nullable: true }) merchantId?: string) {
    return insights.queueAge(ctx, merchantId);
  }

  @Authorized("findings:read")
  @Query(() => [FindingTrendBucket], {
    description:
      "Stored findings by category per hour (up to 31 days) or day (up to 366 days) of their first sighting, empty buckets included; default since: 7 days ago. A re-lint replaces a variant's findings (those found again keep their first date), so past buckets shrink as copy is fixed",
  })
  findingTrend(
    @Ctx() ctx: TContext,
    @Arg("bucket", () => TrendBucketSize) bucket: TrendBucketSize,
    @Arg("since", () => Date, { nullable: true }) since?: Date,
    @Arg("filter", () => FindingFilter, { nullable: true, description: "filter.since is ignored: use since" })
    filter?: FindingFilter,
  ) {
    return insights.findingTrend(ctx, { bucket, since, filter });
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: "The rule's short name when counting by RULE (the rule packs' labels); null otherwise",
  })
  label(
    @Root() row: DecisionStatsRow,
    @Arg("language", () => UiLanguage, { defaultValue: UiLanguage.EN }) language: UiLanguage,
  ): string | null {
    return row.by === DecisionStatsBy.RULE ? ruleLabel(row.key, language === UiLanguage.ZH ? "zh" : "en") : null;
  }
}
