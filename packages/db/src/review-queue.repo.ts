import type pg from "pg";
import { AppError, QUEUE_AGE_BUCKETS, type TSeverity } from "@truecopy/core";
import type { TQueryable } from "./client.js";
import { sqlParams, variantColumns, type TVariantRow } from "./review.types.js";

// The moderators' queue: variants waiting for review (status PENDING_REVIEW), read through the
// partial index on ("createdAt", id) so the first page stays cheap at 100k+ waiting items. The
// status predicate is written as a literal so the planner can match the partial index.

export type TReviewQueueFilter = {
  merchantId?: string | null;
  category?: string | null;
  /** Only items with a finding at least this severe. */
  severity?: TSeverity | null;
  findingCategory?: string | null;
  generator?: string | null;
  origin?: string | null;
  /** "zh" matches zh, zh-CN, zh-TW; "zh-CN" only itself. */
  locale?: string | null;
  minAgeHours?: number | null;
  maxAgeHours?: number | null;
  verdict?: "PASS" | "REVIEW" | "BLOCK" | null;
  claimed?: "MINE" | "UNCLAIMED" | "ANY" | null;
};
export type TReviewQueueSort = "OLDEST" | "NEWEST" | "SEVERITY";
/** Keyset position: the last row of the previous page. `severityRank` only for SEVERITY order. */
export type TReviewQueueCursor = { at: Date; id: string; severityRank?: number };

export type TReviewQueueRow = TVariantRow & {
  /** Highest severity among the variant's findings; null without findings. */
  maxSeverity: TSeverity | null;
  findingCount: number;
  /** 0 without findings, 1 (INFO) … 5 (CRITICAL). */
  severityRank: number;
};

// SEVERITY order: each variant's most severe finding is stored as "severityRank" (kept by triggers on
// Finding), so the order walks its own partial index like the default order does.
function whereClause(
  params: ReturnType<typeof sqlParams>,
  filter: TReviewQueueFilter,
  actorId: string,
): { joins: string; conditions: string[] } {
  const c: string[] = [`v.status = 'PENDING_REVIEW'`];
  let joinProduct = false;
  if (filter.merchantId) {
    joinProduct = true;
    c.push(`p."merchantId" = ${params.add(filter.merchantId)}::uuid`);
  }
  if (filter.category) {
    joinProduct = true;
    c.push(`p.category = ${params.add(filter.category)}`);
  }
  if (filter.severity)
    c.push(
      `EXISTS (SELECT 1 FROM "Finding" f WHERE f."variantId" = v.id AND f.severity >= ${params.add(filter.severity)}::"Severity")`,
    );
  if (filter.findingCategory)
    c.push(
      `EXISTS (SELECT 1 FROM "Finding" f WHERE f."variantId" = v.id AND f.category = ${params.add(filter.findingCategory)}::"FindingCategory")`,
    );
  if (filter.generator) c.push(`v.generator = ${params.add(filter.generator)}`);
  if (filter.origin) c.push(`v.origin = ${params.add(filter.origin)}::"VariantOrigin"`);
  if (filter.locale) {
    const exact = params.add(filter.locale);
    // Locales are validated (letters, digits, hyphens) before they get here: no LIKE wildcards.
    c.push(
      filter.locale.includes("-") ? `v.locale = ${exact}` : `(v.locale = ${exact} OR v.locale LIKE ${exact} || '-%')`,
    );
  }
  if (filter.minAgeHours != null)
    c.push(`v."createdAt" <= now() - make_interval(secs => ${params.add(filter.minAgeHours * 3600)}::float8)`);
  if (filter.maxAgeHours != null)
    c.push(`v."createdAt" >= now() - make_interval(secs => ${params.add(filter.maxAgeHours * 3600)}::float8)`);
  if (filter.verdict) c.push(`v.verdict = ${params.add(filter.verdict)}::"LintVerdict"`);
  if (filter.claimed === "MINE")
    c.push(`v."claimedById" = ${params.add(actorId)}::uuid AND v."claimExpiresAt" > now()`);
  else if (filter.claimed === "UNCLAIMED") c.push(`(v."claimedById" IS NULL OR v."claimExpiresAt" <= now())`);
  return { joins: joinProduct ? `JOIN "Product" p ON p.id = v."productId"` : "", conditions: c };
}

/** `inner` orders the variant scan; `outer` the page once the finding aggregates are joined. */
function orderAndKeyset(
  params: ReturnType<typeof sqlParams>,
  sort: TReviewQueueSort,
  after: TReviewQueueCursor | null,
): { inner: string; outer: string; keyset: string | null } {
  if (sort === "SEVERITY") {
    let keyset: string | null = null;
    if (after) {
      const rank = params.add(after.severityRank ?? 0);
      const at = params.add(after.at);
      const id = params.add(after.id);
      keyset = `(v."severityRank" < ${rank}::int OR (v."severityRank" = ${rank}::int AND (v."createdAt", v.id) > (${at}::timestamptz, ${id}::uuid)))`;
    }
    return {
      inner: `v."severityRank" DESC, v."createdAt", v.id`,
      outer: `q."severityRank" DESC, q."createdAt", q.id`,
      keyset,
    };
  }
  const desc = sort === "NEWEST";
  const keyset = after
    ? `(v."createdAt", v.id) ${desc ? "<" : ">"} (${params.add(after.at)}::timestamptz, ${params.add(after.id)}::uuid)`
    : null;
  return desc
    ? { inner: `v."createdAt" DESC, v.id DESC`, outer: `q."createdAt" DESC, q.id DESC`, keyset }
    : { inner: `v."createdAt", v.id`, outer: `q."createdAt", q.id`, keyset };
}

/** One page of the queue (`first + 1` rows are read to know whether another page follows). */
export async function listReviewQueue(
  db: TQueryable,
  o: {
    filter: TReviewQueueFilter;
    sort: TReviewQueueSort;
    first: number;
    after: TReviewQueueCursor | null;
    actorId: string;
  },
): Promise<{ rows: TReviewQueueRow[]; hasNextPage: boolean }> {
  const params = sqlParams();
  const { joins, conditions } = whereClause(params, o.filter, o.actorId);
  const { inner, outer, keyset } = orderAndKeyset(params, o.sort, o.after);
  if (keyset) conditions.push(keyset);
  const limit = params.add(o.first + 1);
  // Finding aggregates are computed for the page only (after LIMIT), except when they are the order.
  const { rows } = await db.query<TReviewQueueRow>(
    `SELECT q.*, fs."maxSeverity", COALESCE(fs."findingCount", 0)::int AS "findingCount"
     FROM (
       SELECT ${variantColumns("v")}, v."severityRank"
       FROM "Variant" v ${joins}
       WHERE ${conditions.join(" AND ")}
       ORDER BY ${inner}
       LIMIT ${limit}
     ) q
     LEFT JOIN LATERAL (
       SELECT max(f.severity) AS "maxSeverity", count(*) AS "findingCount" FROM "Finding" f WHERE f."variantId" = q.id
     ) fs ON true
     ORDER BY ${outer}`,
    params.values,
  );
  // The stored rank, not one recomputed here: the next page's keyset must compare what the order used.
  return {
    rows: rows.slice(0, o.first),
    hasNextPage: rows.length > o.first,
  };
}

/** How many items match the filter (the whole queue, not the page). */
export async function countReviewQueue(
  db: TQueryable,
  o: { filter: TReviewQueueFilter; actorId: string },
): Promise<number> {
  const params = sqlParams();
  const { joins, conditions } = whereClause(params, o.filter, o.actorId);
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM "Variant" v ${joins} WHERE ${conditions.join(" AND ")}`,
    params.values,
  );
  return rows[0]?.n ?? 0;
}

export type TClaim = { variant: TVariantRow; claimedById: string; claimExpiresAt: Date };

/**
 * Claims one item for `actorId` for `leaseSeconds`, atomically: only when nobody holds a live lease
 * on it (the holder claiming again renews). Explains a refusal: NOT_FOUND, or CONFLICT when the item
 * is not waiting for a decision or another reviewer holds it.
 */
export async function claimReviewItem(
  pool: pg.Pool,
  o: { variantId: string; actorId: string; leaseSeconds: number; scopeMerchantId: string | null },
): Promise<TClaim> {
  const { rows } = await pool.query<TVariantRow>(
    `UPDATE "Variant" v SET "claimedById" = $2, "claimExpiresAt" = now() + make_interval(secs => $3::float8)
     WHERE v.id = $1 AND v.status IN ('PENDING_REVIEW', 'BLOCKED')
       AND (v."claimedById" IS NULL OR v."claimExpiresAt" <= now() OR v."claimedById" = $2)
       AND ($4::uuid IS NULL OR EXISTS (SELECT 1 FROM "Product" p WHERE p.id = v."productId" AND p."merchantId" = $4))
     RETURNING ${variantColumns("v")}`,
    [o.variantId, o.actorId, o.leaseSeconds, o.scopeMerchantId],
  );
  const claimed = rows[0];
  if (claimed) return { variant: claimed, claimedById: o.actorId, claimExpiresAt: claimed.claimExpiresAt! };
  const current = await pool.query<TVariantRow & { merchantId: string; held: boolean }>(
    `SELECT ${variantColumns("v")}, p."merchantId", (v."claimExpiresAt" > now()) AS held
     FROM "Variant" v JOIN "Product" p ON p.id = v."productId" WHERE v.id = $1`,
    [o.variantId],
  );
  const v = current.rows[0];
  if (!v || (o.scopeMerchantId && v.merchantId !== o.scopeMerchantId))
    throw new AppError("NOT_FOUND", `variant ${o.variantId} not found`);
  if (v.status !== "PENDING_REVIEW" && v.status !== "BLOCKED")
    throw new AppError("CONFLICT", `variant ${o.variantId} is not waiting for review (it is ${v.status})`, {
      status: v.status,
    });
  throw new AppError(
    "CONFLICT",
    `another reviewer holds variant ${o.variantId} until ${v.claimExpiresAt?.toISOString()}`,
    {
      claimedById: v.claimedById,
      claimExpiresAt: v.claimExpiresAt?.toISOString(),
    },
  );
}

/**
 * Claims the first unclaimed item of the queue (in `sort` order) that matches `filter`; null when
 * there is none. SKIP LOCKED lets concurrent moderators each get a different item without waiting.
 */
export async function claimNextReviewItem(
  pool: pg.Pool,
  o: { filter: TReviewQueueFilter; sort: TReviewQueueSort; actorId: string; leaseSeconds: number },
): Promise<TClaim | null> {
  const params = sqlParams();
  const { joins, conditions } = whereClause(params, { ...o.filter, claimed: "UNCLAIMED" }, o.actorId);
  const { inner } = orderAndKeyset(params, o.sort, null);
  const actor = params.add(o.actorId);
  const lease = params.add(o.leaseSeconds);
  const { rows } = await pool.query<TVariantRow>(
    `UPDATE "Variant" v SET "claimedById" = ${actor}::uuid, "claimExpiresAt" = now() + make_interval(secs => ${lease}::float8)
     WHERE v.id = (
       SELECT v.id FROM "Variant" v ${joins}
       WHERE ${conditions.join(" AND ")}
       ORDER BY ${inner} LIMIT 1
       FOR UPDATE OF v SKIP LOCKED
     )
     RETURNING ${variantColumns("v")}`,
    params.values,
  );
  const v = rows[0];
  return v ? { variant: v, claimedById: o.actorId, claimExpiresAt: v.claimExpiresAt! } : null;
}

/** Gives an item back to the queue. Only the holder releases (an admin may `force`). */
export async function releaseReviewItem(
  pool: pg.Pool,
  o: { variantId: string; actorId: string; force?: boolean },
): Promise<boolean> {
  const { rowCount } = await pool.query(
    `UPDATE "Variant" SET "claimedById" = NULL, "claimExpiresAt" = NULL
     WHERE id = $1 AND "claimedById" IS NOT NULL AND ($3::boolean OR "claimedById" = $2)`,
    [o.variantId, o.actorId, o.force ?? false],
  );
  return (rowCount ?? 0) > 0;
}

export type TQueueAge = {
  total: number;
  atRisk: number;
  breached: number;
  oldestCreatedAt: Date | null;
  buckets: { key: string; label: string; count: number }[];
};

/** The queue's age distribution (the analysts' chart), bucketed as QUEUE_AGE_BUCKETS says. */
export async function reviewQueueAge(
  db: TQueryable,
  o: { merchantId?: string | null; atRiskHours: number; breachedHours: number },
): Promise<TQueueAge> {
  const params = sqlParams();
  const { joins, conditions } = whereClause(params, { merchantId: o.merchantId ?? null }, "");
  let lower = "0";
  const filters = QUEUE_AGE_BUCKETS.map((b, i) => {
    const lo = lower;
    const hi = b.maxHours === null ? null : params.add(b.maxHours * 3600);
    lower = hi ?? lower;
    const age = `extract(epoch FROM now() - v."createdAt")`;
    return `count(*) FILTER (WHERE ${i === 0 ? "true" : `${age} >= ${lo}::float8`}${hi ? ` AND ${age} < ${hi}::float8` : ""})::int AS b${i}`;
  });
  const atRisk = params.add(o.atRiskHours * 3600);
  const breached = params.add(o.breachedHours * 3600);
  const { rows } = await db.query<Record<string, number> & { total: number; oldest: Date | null }>(
    `SELECT count(*)::int AS total, min(v."createdAt") AS oldest,
       count(*) FILTER (WHERE extract(epoch FROM now() - v."createdAt") > ${atRisk}::float8
                         AND extract(epoch FROM now() - v."createdAt") <= ${breached}::float8)::int AS "atRisk",
       count(*) FILTER (WHERE extract(epoch FROM now() - v."createdAt") > ${breached}::float8)::int AS breached,
       ${filters.join(", ")}
     FROM "Variant" v ${joins} WHERE ${conditions.join(" AND ")}`,
    params.values,
  );
  const r = rows[0]!;
  return {
    total: r.total,
    atRisk: r.atRisk ?? 0,
    breached: r.breached ?? 0,
    oldestCreatedAt: r.oldest,
    buckets: QUEUE_AGE_BUCKETS.map((b, i) => ({ key: b.key, label: b.label, count: r[`b${i}`] ?? 0 })),
  };
}

/** One variant as a review item (any status: the item view stays open after a decision), with its merchant. */
export async function reviewItemsByIds(
  db: TQueryable,
  ids: readonly string[],
): Promise<(TReviewQueueRow & { merchantId: string })[]> {
  const { rows } = await db.query<TReviewQueueRow & { merchantId: string }>(
    `SELECT ${variantColumns("v")}, v."severityRank", p."merchantId", fs."maxSeverity",
       COALESCE(fs."findingCount", 0)::int AS "findingCount"
     FROM "Variant" v JOIN "Product" p ON p.id = v."productId"
     LEFT JOIN LATERAL (
       SELECT max(f.severity) AS "maxSeverity", count(*) AS "findingCount" FROM "Finding" f WHERE f."variantId" = v.id
     ) fs ON true
     WHERE v.id = ANY($1::uuid[])`,
    [ids],
  );
  return rows;
}
