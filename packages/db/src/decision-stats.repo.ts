import { VERDICT_ACTIONS } from "@truecopy/core";
import type { TQueryable } from "./client.js";

// Review outcomes for analysts and for the linter and generator teams: how often what a rule flagged
// or a generator wrote was approved as is, approved after an edit, or rejected, and why. Only
// verdicts on items waiting for review count (not undone ones, not the bookkeeping decisions of
// edits and publishes).

export type TDecisionStatsBy = "RULE" | "GENERATOR" | "REASON";

export type TDecisionStatsRow = {
  key: string;
  total: number;
  approved: number;
  edited: number;
  rejected: number;
  topRejectReasons: { reasonCode: string; count: number }[];
};

const VERDICTS = `d."undoneAt" IS NULL AND d.action = ANY($1::text[]) AND d."fromStatus" IN ('PENDING_REVIEW', 'BLOCKED')
  AND d."createdAt" >= $2::timestamptz AND ($3::timestamptz IS NULL OR d."createdAt" < $3::timestamptz)
  AND ($4::uuid IS NULL OR EXISTS (SELECT 1 FROM "Product" p WHERE p.id = v."productId" AND p."merchantId" = $4::uuid))`;

const KEY: Record<TDecisionStatsBy, { from: string; key: string }> = {
  GENERATOR: {
    from: `"Decision" d JOIN "Variant" v ON v.id = d."variantId"`,
    // Merchants' own and hand-edited texts have no generator: they group under their origin.
    key: `COALESCE(v.generator, lower(v.origin::text))`,
  },
  RULE: {
    from: `"Decision" d JOIN "Variant" v ON v.id = d."variantId"
      JOIN (SELECT DISTINCT "variantId", "ruleId" FROM "Finding") f ON f."variantId" = d."variantId"`,
    key: `f."ruleId"`,
  },
  REASON: { from: `"Decision" d JOIN "Variant" v ON v.id = d."variantId"`, key: `d."reasonCode"` },
};

export async function decisionStats(
  db: TQueryable,
  o: { by: TDecisionStatsBy; since: Date; until?: Date | null; merchantId?: string | null; limit?: number },
): Promise<TDecisionStatsRow[]> {
  const { from, key } = KEY[o.by];
  const actions = o.by === "REASON" ? ["REJECT"] : [...VERDICT_ACTIONS];
  const args = [actions, o.since, o.until ?? null, o.merchantId ?? null];
  const [totals, reasons] = await Promise.all([
    db.query<Omit<TDecisionStatsRow, "topRejectReasons">>(
      `SELECT ${key} AS key, count(*)::int AS total,
         count(*) FILTER (WHERE d.action = 'APPROVE')::int AS approved,
         count(*) FILTER (WHERE d.action = 'EDIT_AND_APPROVE')::int AS edited,
         count(*) FILTER (WHERE d.action = 'REJECT')::int AS rejected
       FROM ${from} WHERE ${VERDICTS} AND ${key} IS NOT NULL
       GROUP BY 1 ORDER BY total DESC, key LIMIT $5`,
      [...args, o.limit ?? 100],
    ),
    o.by === "REASON"
      ? Promise.resolve({ rows: [] as { key: string; reasonCode: string; count: number }[] })
      : db.query<{ key: string; reasonCode: string; count: number }>(
          `SELECT ${key} AS key, d."reasonCode", count(*)::int AS count
           FROM ${from} WHERE ${VERDICTS} AND d.action = 'REJECT' AND d."reasonCode" IS NOT NULL
           GROUP BY 1, 2 ORDER BY count DESC, 2`,
          args,
        ),
  ]);
  const byKey = new Map<string, { reasonCode: string; count: number }[]>();
  for (const r of reasons.rows) {
    const list = byKey.get(r.key) ?? [];
    if (list.length < 5) list.push({ reasonCode: r.reasonCode, count: r.count });
    byKey.set(r.key, list);
  }
  return totals.rows.map((t) => ({ ...t, topRejectReasons: byKey.get(t.key) ?? [] }));
}

export type TThroughputBucket = {
  bucketStart: Date;
  approved: number;
  edited: number;
  rejected: number;
  published: number;
};

/** Decisions per hour or day (UTC) from `since` to now, empty buckets included (for charts). */
export async function reviewThroughput(
  db: TQueryable,
  o: { bucket: "hour" | "day"; since: Date; merchantId?: string | null },
): Promise<TThroughputBucket[]> {
  const { rows } = await db.query<TThroughputBucket>(
    `WITH buckets AS (
       SELECT generate_series(date_trunc($1, $2::timestamptz, 'UTC'), date_trunc($1, now(), 'UTC'), ('1 ' || $1)::interval) AS b
     ), counted AS (
       SELECT date_trunc($1, d."createdAt", 'UTC') AS b,
         count(*) FILTER (WHERE d.action = 'APPROVE' AND d."fromStatus" IN ('PENDING_REVIEW', 'BLOCKED'))::int AS approved,
         count(*) FILTER (WHERE d.action = 'EDIT_AND_APPROVE' AND d."fromStatus" IN ('PENDING_REVIEW', 'BLOCKED'))::int AS edited,
         count(*) FILTER (WHERE d.action = 'REJECT')::int AS rejected,
         count(*) FILTER (WHERE d.action = 'PUBLISH')::int AS published
       FROM "Decision" d JOIN "Variant" v ON v.id = d."variantId"
       WHERE d."undoneAt" IS NULL AND d."createdAt" >= date_trunc($1, $2::timestamptz, 'UTC')
         AND ($3::uuid IS NULL OR EXISTS (SELECT 1 FROM "Product" p WHERE p.id = v."productId" AND p."merchantId" = $3::uuid))
       GROUP BY 1
     )
     SELECT b.b AS "bucketStart", COALESCE(c.approved, 0) AS approved, COALESCE(c.edited, 0) AS edited,
       COALESCE(c.rejected, 0) AS rejected, COALESCE(c.published, 0) AS published
     FROM buckets b LEFT JOIN counted c ON c.b = b.b ORDER BY b.b`,
    [o.bucket, o.since, o.merchantId ?? null],
  );
  return rows;
}
