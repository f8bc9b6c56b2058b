import { AppError, SLA_AT_RISK_HOURS, SLA_BREACHED_HOURS } from "@truecopy/core";
import { decisionStats, findingTrend as findingTrendRows, reviewQueueAge, reviewThroughput } from "@truecopy/db";
import type { TContext } from "../context.js";
import { merchantScope } from "../auth/auth-checker.js";
import {
  ThroughputBucketSize,
  type DecisionStatsBy,
  type DecisionStatsRow,
  type ReviewQueueAge,
  type ThroughputBucket,
} from "../schema/review.types.js";
import { assertUuid } from "./product.service.js";
import { scopedFilter } from "./finding.service.js";
import { TrendBucketSize, type FindingTrendBucket } from "../schema/insights.types.js";
import type { FindingCategory, FindingFilter } from "../schema/lint.types.js";

const DAY_MS = 86_400_000;

function scopedMerchant(ctx: TContext, merchantId?: string | null): string | null {
  const m = merchantScope(ctx, merchantId ?? null);
  if (m) assertUuid(m, "merchantId");
  return m;
}

export async function stats(
  ctx: TContext,
  o: { by: DecisionStatsBy; since?: Date | null; until?: Date | null; merchantId?: string | null },
): Promise<DecisionStatsRow[]> {
  const since = o.since ?? new Date(Date.now() - 30 * DAY_MS);
  const rows = await decisionStats(ctx.services.db.pool, {
    by: o.by,
    since,
    until: o.until ?? null,
    merchantId: scopedMerchant(ctx, o.merchantId),
  });
  return rows.map((r) => ({
    ...r,
    by: o.by,
    approvalRate: r.total ? r.approved / r.total : 0,
    acceptanceRate: r.total ? (r.approved + r.edited) / r.total : 0,
    topRejectReasons: r.topRejectReasons as DecisionStatsRow["topRejectReasons"],
  }));
}

const MAX_BUCKETS = { HOUR: 24 * 31, DAY: 366 } as const;

function checkBuckets(bucket: "HOUR" | "DAY", since: Date): void {
  const unitMs = bucket === "HOUR" ? 3_600_000 : DAY_MS;
  if ((Date.now() - since.getTime()) / unitMs > MAX_BUCKETS[bucket])
    throw new AppError(
      "BAD_USER_INPUT",
      `at most ${MAX_BUCKETS[bucket]} ${bucket.toLowerCase()} buckets: move since later`,
      {
        field: "since",
      },
    );
}

export async function throughput(
  ctx: TContext,
  o: { bucket: ThroughputBucketSize; since?: Date | null; merchantId?: string | null },
): Promise<ThroughputBucket[]> {
  const since = o.since ?? new Date(Date.now() - (o.bucket === ThroughputBucketSize.HOUR ? 2 : 30) * DAY_MS);
  checkBuckets(o.bucket, since);
  const rows = await reviewThroughput(ctx.services.db.pool, {
    bucket: o.bucket === ThroughputBucketSize.HOUR ? "hour" : "day",
    since,
    merchantId: scopedMerchant(ctx, o.merchantId),
  });
  return rows.map((r) => ({ ...r, total: r.approved + r.edited + r.rejected }));
}

export function queueAge(ctx: TContext, merchantId?: string | null): Promise<ReviewQueueAge> {
  return reviewQueueAge(ctx.services.db.pool, {
    merchantId: scopedMerchant(ctx, merchantId),
    atRiskHours: SLA_AT_RISK_HOURS,
    breachedHours: SLA_BREACHED_HOURS,
  });
}

export async function findingTrend(
  ctx: TContext,
  o: { bucket: TrendBucketSize; since?: Date | null; filter?: FindingFilter | null },
): Promise<FindingTrendBucket[]> {
  const since = o.since ?? new Date(Date.now() - (o.bucket === TrendBucketSize.HOUR ? 2 : 7) * DAY_MS);
  checkBuckets(o.bucket, since);
  const rows = await findingTrendRows(ctx.services.db.pool, {
    bucket: o.bucket === TrendBucketSize.HOUR ? "hour" : "day",
    since,
    filter: scopedFilter(ctx, o.filter ?? undefined),
  });
  return rows.map((r) => {
    const categories = [...r.counts]
      .sort((a, b) => b.count - a.count || a.category.localeCompare(b.category))
      .map((c) => ({ category: c.category as FindingCategory, count: c.count }));
    return { bucketStart: r.bucketStart, total: categories.reduce((n, c) => n + c.count, 0), categories };
  });
}
