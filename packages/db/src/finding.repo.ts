import type pg from "pg";
import { withRetriedTransaction, type TQueryable } from "./client.js";
import { appendAudit, type TAuditInput } from "./audit.repo.js";
import { enqueueLint } from "./lint.repo.js";

export type TFindingFilter = {
  merchantId?: string | null;
  category?: string | null;
  severity?: string | null;
  ruleId?: string | null;
  /** The linted variant's current verdict. */
  verdict?: string | null;
  productId?: string | null;
  variantId?: string | null;
  /** Findings first seen at or after this time. */
  since?: Date | null;
};

export type TFindingRow = {
  id: string;
  variantId: string;
  productId: string;
  merchantId: string;
  ruleId: string;
  rulePackVersion: string;
  category: string;
  severity: string;
  start: number;
  end: number;
  match: string;
  message: string;
  legalBasis: string | null;
  suggestion: string | null;
  autofix: boolean;
  evidence: unknown;
  createdAt: Date;
};

const FINDING_SELECT = `f.id, f."variantId", v."productId", p."merchantId", f."ruleId", f."rulePackVersion", f.category,
  f.severity, f.start, f."end", f.match, f.message, f."legalBasis", f.suggestion, f.autofix, f.evidence, f."createdAt"`;
const FINDING_FROM = `"Finding" f JOIN "Variant" v ON v.id = f."variantId" JOIN "Product" p ON p.id = v."productId"`;

/** Parameterised WHERE for a filter; `params` is extended in place. */
function whereOf(filter: TFindingFilter, params: unknown[]): string {
  const clauses: string[] = [];
  const add = (sql: (n: string) => string, value: unknown) => {
    params.push(value);
    clauses.push(sql(`$${params.length}`));
  };
  if (filter.merchantId) add((n) => `p."merchantId" = ${n}::uuid`, filter.merchantId);
  if (filter.productId) add((n) => `v."productId" = ${n}::uuid`, filter.productId);
  if (filter.variantId) add((n) => `f."variantId" = ${n}::uuid`, filter.variantId);
  if (filter.category) add((n) => `f.category = ${n}::"FindingCategory"`, filter.category);
  if (filter.severity) add((n) => `f.severity = ${n}::"Severity"`, filter.severity);
  if (filter.ruleId) add((n) => `f."ruleId" = ${n}`, filter.ruleId);
  if (filter.verdict) add((n) => `v.verdict = ${n}::"LintVerdict"`, filter.verdict);
  if (filter.since) add((n) => `f."createdAt" >= ${n}`, filter.since);
  return clauses.length ? clauses.join(" AND ") : "TRUE";
}

/** A page of findings, newest first, after the keyset cursor `(createdAt, id)`; `limit + 1` rows tell if there is more. */
export async function listFindings(
  db: TQueryable,
  o: { filter: TFindingFilter; limit: number; after?: { at: Date; id: string } | null },
): Promise<{ rows: TFindingRow[]; totalCount: number }> {
  const params: unknown[] = [];
  const where = whereOf(o.filter, params);
  const countParams = [...params];
  let page = where;
  if (o.after) {
    params.push(o.after.at, o.after.id);
    page += ` AND (f."createdAt", f.id) < ($${params.length - 1}, $${params.length}::uuid)`;
  }
  params.push(o.limit + 1);
  const [rows, count] = await Promise.all([
    db.query<TFindingRow>(
      `SELECT ${FINDING_SELECT} FROM ${FINDING_FROM} WHERE ${page}
       ORDER BY f."createdAt" DESC, f.id DESC LIMIT $${params.length}`,
      params,
    ),
    db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${FINDING_FROM} WHERE ${where}`, countParams),
  ]);
  return { rows: rows.rows, totalCount: count.rows[0]?.n ?? 0 };
}

export type TFindingCountBy = "RULE" | "CATEGORY" | "MERCHANT" | "SEVERITY";
const GROUP_KEY: Record<TFindingCountBy, string> = {
  RULE: `f."ruleId"`,
  CATEGORY: `f.category::text`,
  SEVERITY: `f.severity::text`,
  MERCHANT: `p."merchantId"::text`,
};

/** Finding counts grouped by one dimension, largest first; merchants are labelled with their slug. */
export async function countFindings(
  db: TQueryable,
  o: { filter: TFindingFilter; by: TFindingCountBy; limit?: number },
): Promise<{ key: string; label: string | null; count: number }[]> {
  const params: unknown[] = [];
  const where = whereOf(o.filter, params);
  params.push(o.limit ?? 500);
  const key = GROUP_KEY[o.by];
  const { rows } = await db.query<{ key: string; label: string | null; count: number }>(
    o.by === "MERCHANT"
      ? `SELECT c.key, m.slug AS label, c.count FROM (
           SELECT ${key} AS key, count(*)::int AS count FROM ${FINDING_FROM} WHERE ${where} GROUP BY 1
         ) c JOIN "Merchant" m ON m.id = c.key::uuid ORDER BY c.count DESC, c.key LIMIT $${params.length}`
      : `SELECT ${key} AS key, NULL AS label, count(*)::int AS count FROM ${FINDING_FROM} WHERE ${where}
         GROUP BY 1 ORDER BY 3 DESC, 1 LIMIT $${params.length}`,
    params,
  );
  return rows;
}

export type TFindingTrendBucket = { bucketStart: Date; counts: { category: string; count: number }[] };

/**
 * Stored findings by category per hour or day (UTC) of their `createdAt`, from `since` to now, empty
 * buckets included. A re-lint replaces a variant's findings and keeps only those found again (with
 * their first `createdAt`), so a bucket counts the findings first seen then that still stand.
 */
export async function findingTrend(
  db: TQueryable,
  o: { bucket: "hour" | "day"; since: Date; filter: TFindingFilter },
): Promise<TFindingTrendBucket[]> {
  const params: unknown[] = [o.bucket, o.since];
  const where = whereOf({ ...o.filter, since: null }, params);
  const { rows } = await db.query<{ bucketStart: Date; category: string | null; count: number }>(
    `WITH buckets AS (
       SELECT generate_series(date_trunc($1, $2::timestamptz, 'UTC'), date_trunc($1, now(), 'UTC'), ('1 ' || $1)::interval) AS b
     ), counted AS (
       SELECT date_trunc($1, f."createdAt", 'UTC') AS b, f.category::text AS category, count(*)::int AS count
       FROM ${FINDING_FROM}
       WHERE f."createdAt" >= date_trunc($1, $2::timestamptz, 'UTC') AND ${where}
       GROUP BY 1, 2
     )
     SELECT buckets.b AS "bucketStart", counted.category, coalesce(counted.count, 0)::int AS count
     FROM buckets LEFT JOIN counted ON counted.b = buckets.b
     ORDER BY buckets.b, counted.category`,
    params,
  );
  const out: TFindingTrendBucket[] = [];
  for (const r of rows) {
    let last = out.at(-1);
    if (!last || last.bucketStart.getTime() !== r.bucketStart.getTime()) {
      last = { bucketStart: r.bucketStart, counts: [] };
      out.push(last);
    }
    if (r.category !== null) last.counts.push({ category: r.category, count: r.count });
  }
  return out;
}

/** The findings of some variants, in text order. */
export async function findingsForVariants(db: TQueryable, variantIds: readonly string[]): Promise<TFindingRow[]> {
  const { rows } = await db.query<TFindingRow>(
    `SELECT ${FINDING_SELECT} FROM ${FINDING_FROM} WHERE f."variantId" = ANY($1::uuid[])
     ORDER BY f.start, f."end", f."ruleId"`,
    [variantIds],
  );
  return rows;
}

export async function getFinding(db: TQueryable, id: string): Promise<TFindingRow | null> {
  const { rows } = await db.query<TFindingRow>(`SELECT ${FINDING_SELECT} FROM ${FINDING_FROM} WHERE f.id = $1`, [id]);
  return rows[0] ?? null;
}

export type TFindingFeedbackRow = {
  id: string;
  // Always read through its finding here; rows whose finding a re-lint dropped (findingId null)
  // only count towards rulePrecision.
  findingId: string;
  ruleId: string;
  actorId: string;
  kind: "FALSE_POSITIVE" | "CONFIRMED";
  comment: string | null;
  createdAt: Date;
};

const FEEDBACK_COLUMNS = `id, "findingId", "ruleId", "actorId", kind, comment, "createdAt"`;

/**
 * One actor's verdict on a finding (a second call replaces their first), audited in the same
 * transaction. Returns null when the finding does not exist.
 */
export async function recordFindingFeedback(
  pool: pg.Pool,
  o: {
    findingId: string;
    kind: TFindingFeedbackRow["kind"];
    comment: string | null;
    actor: Pick<TAuditInput, "actorId" | "actorKind" | "requestId"> & { actorId: string };
  },
): Promise<TFindingFeedbackRow | null> {
  return withRetriedTransaction(pool, async (tx) => {
    const before = await tx.query<TFindingFeedbackRow>(
      `SELECT ${FEEDBACK_COLUMNS} FROM "FindingFeedback" WHERE "findingId" = $1 AND "actorId" = $2`,
      [o.findingId, o.actor.actorId],
    );
    const { rows } = await tx.query<TFindingFeedbackRow>(
      `INSERT INTO "FindingFeedback" (id, "findingId", "ruleId", "actorId", kind, comment)
       SELECT gen_random_uuid(), f.id, f."ruleId", $2, $3::"FindingFeedbackKind", $4 FROM "Finding" f WHERE f.id = $1
       ON CONFLICT ("findingId", "actorId") DO UPDATE SET kind = EXCLUDED.kind, comment = EXCLUDED.comment, "createdAt" = now()
       RETURNING ${FEEDBACK_COLUMNS}`,
      [o.findingId, o.actor.actorId, o.kind, o.comment],
    );
    const row = rows[0];
    if (!row) return null;
    const prev = before.rows[0];
    await appendAudit(tx, {
      ...o.actor,
      action: "finding.feedback",
      entityType: "Finding",
      entityId: o.findingId,
      before: prev ? { kind: prev.kind, comment: prev.comment } : null,
      after: { kind: row.kind, comment: row.comment, ruleId: row.ruleId },
    });
    return row;
  });
}

export async function feedbackForFindings(
  db: TQueryable,
  findingIds: readonly string[],
): Promise<TFindingFeedbackRow[]> {
  const { rows } = await db.query<TFindingFeedbackRow>(
    `SELECT ${FEEDBACK_COLUMNS} FROM "FindingFeedback" WHERE "findingId" = ANY($1::uuid[]) ORDER BY "createdAt", id`,
    [findingIds],
  );
  return rows;
}

export type TRulePrecision = {
  ruleId: string;
  /** Findings of the rule stored now (over current texts). */
  findings: number;
  confirmed: number;
  falsePositives: number;
  /** confirmed / (confirmed + falsePositives); null without feedback. */
  precision: number | null;
};

/** Per-rule precision from moderators' feedback, next to how often each rule fires; worst first. */
export async function rulePrecision(db: TQueryable): Promise<TRulePrecision[]> {
  const { rows } = await db.query<Omit<TRulePrecision, "precision">>(
    `WITH fb AS (
       SELECT "ruleId", count(*) FILTER (WHERE kind = 'CONFIRMED')::int AS confirmed,
              count(*) FILTER (WHERE kind = 'FALSE_POSITIVE')::int AS "falsePositives"
       FROM "FindingFeedback" GROUP BY 1
     ), fi AS (SELECT "ruleId", count(*)::int AS findings FROM "Finding" GROUP BY 1)
     SELECT COALESCE(fb."ruleId", fi."ruleId") AS "ruleId", COALESCE(fi.findings, 0) AS findings,
            COALESCE(fb.confirmed, 0) AS confirmed, COALESCE(fb."falsePositives", 0) AS "falsePositives"
     FROM fb FULL JOIN fi ON fi."ruleId" = fb."ruleId"`,
  );
  return rows
    .map((r) => {
      const judged = r.confirmed + r.falsePositives;
      return { ...r, precision: judged ? r.confirmed / judged : null };
    })
    .sort(
      (a, b) => (a.precision ?? 2) - (b.precision ?? 2) || b.findings - a.findings || (a.ruleId < b.ruleId ? -1 : 1),
    );
}

export type TApplySuggestionOutcome =
  { ok: true; variantId: string; created: boolean } | { ok: false; reason: "not_found" | "no_suggestion" | "stale" };

/**
 * Applies a finding's suggestion as a NEW variant: EDITED, derived from the linted one, waiting for
 * review; the original text is never touched. Applying the same finding twice returns the variant
 * made the first time (idempotency key). Audited and queued for linting in the same transaction.
 * `scopeMerchantId` (merchant-bound callers) makes another merchant's finding look absent.
 */
export async function applyFindingSuggestion(
  pool: pg.Pool,
  o: {
    findingId: string;
    scopeMerchantId: string | null;
    actor: Pick<TAuditInput, "actorId" | "actorKind" | "requestId">;
  },
): Promise<TApplySuggestionOutcome> {
  return withRetriedTransaction(pool, async (tx) => {
    const { rows } = await tx.query<{
      variantId: string;
      productId: string;
      merchantId: string;
      field: string;
      locale: string;
      text: string;
      start: number;
      end: number;
      match: string;
      suggestion: string | null;
      ruleId: string;
      rulePackVersion: string;
    }>(
      `SELECT v.id AS "variantId", v."productId", p."merchantId", v.field, v.locale, v.text,
         f.start, f."end", f.match, f.suggestion, f."ruleId", f."rulePackVersion"
       FROM ${FINDING_FROM} WHERE f.id = $1`,
      [o.findingId],
    );
    const f = rows[0];
    if (!f || (o.scopeMerchantId && f.merchantId !== o.scopeMerchantId)) return { ok: false, reason: "not_found" };
    if (f.suggestion == null) return { ok: false, reason: "no_suggestion" };
    if (f.text.slice(f.start, f.end) !== f.match) return { ok: false, reason: "stale" };
    const key = `suggestion:${o.findingId}`;
    const existing = await tx.query<{ id: string }>(`SELECT id FROM "Variant" WHERE "idempotencyKey" = $1`, [key]);
    if (existing.rows[0]) return { ok: true, variantId: existing.rows[0].id, created: false };
    const text = f.text.slice(0, f.start) + f.suggestion + f.text.slice(f.end);
    const inserted = await tx.query<{ id: string }>(
      `INSERT INTO "Variant" (id, "productId", field, locale, text, origin, status, "parentVariantId", generator,
       "generatorVersion", "idempotencyKey", "createdById", "updatedAt")
       VALUES (gen_random_uuid(), $1, $2::"VariantField", $3, $4, 'EDITED', 'PENDING_REVIEW', $5, 'lint-suggestion', $6, $7, $8, now())
       ON CONFLICT ("idempotencyKey") DO NOTHING RETURNING id`,
      [
        f.productId,
        f.field,
        f.locale,
        text,
        f.variantId,
        f.rulePackVersion,
        key,
        o.actor.actorKind === "user" ? o.actor.actorId : null,
      ],
    );
    const id = inserted.rows[0]?.id;
    // A concurrent call inserted it between the check and the insert.
    if (!id) {
      const again = await tx.query<{ id: string }>(`SELECT id FROM "Variant" WHERE "idempotencyKey" = $1`, [key]);
      return { ok: true, variantId: again.rows[0]!.id, created: false };
    }
    await appendAudit(tx, {
      ...o.actor,
      action: "variant.apply_suggestion",
      entityType: "Variant",
      entityId: id,
      before: { variantId: f.variantId, span: [f.start, f.end], text: f.match },
      after: { findingId: o.findingId, ruleId: f.ruleId, suggestion: f.suggestion },
    });
    await enqueueLint(tx, [id]);
    return { ok: true, variantId: id, created: true };
  });
}
