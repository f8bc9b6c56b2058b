import { Arg, Authorized, Ctx, ID, Query, Resolver } from "type-graphql";
import type { TContext } from "../context.js";
import * as insights from "../services/insights.service.js";
import {
  DecisionStatsBy,
  DecisionStatsRow,
  ReviewQueueAge,
  ThroughputBucket,
  ThroughputBucketSize,
} from "./review.types.js";

@Resolver()
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
}
