import type pg from "pg";
import { DEFAULT_SEGMENT, variantFeatures, type TMfExample } from "@truecopy/core";
import { withTransaction, type TQueryable } from "./client.js";
import { appendAudit } from "./audit.repo.js";

// The learning job's storage side: fold new events into per-audience counts, read training data,
// store models, and pause or resume variants for an audience (audited).

const CURSOR = "events";

export type TAggregateResult = { events: number; products: string[]; from: Date; to: Date };

/**
 * Adds the events that arrived in [cursor, now − lag) to ServingStat and ServingDailyStat and moves
 * the cursor, in one transaction (a retried job cannot count twice; concurrent runs queue on the
 * cursor's row lock). The lag lets insert statements still in flight commit before their arrival
 * time falls behind the cursor. At most `maxWindowSeconds` of arrivals per call.
 */
export async function aggregateEvents(
  pool: pg.Pool,
  o: { lagSeconds: number; maxWindowSeconds: number },
): Promise<TAggregateResult> {
  return withTransaction(pool, async (tx) => {
    await tx.query(
      `INSERT INTO "ServingCursor" (name, position)
       SELECT $1, COALESCE((SELECT min("receivedAt") FROM "Event"), now()) ON CONFLICT (name) DO NOTHING`,
      [CURSOR],
    );
    const { rows } = await tx.query<{ from: Date; to: Date }>(
      `SELECT position AS "from",
              LEAST(now() - make_interval(secs => $2), position + make_interval(secs => $3)) AS "to"
       FROM "ServingCursor" WHERE name = $1 FOR UPDATE`,
      [CURSOR, o.lagSeconds, o.maxWindowSeconds],
    );
    const { from, to } = rows[0]!;
    if (to <= from) return { events: 0, products: [], from, to: from };
    const agg = await tx.query<{ events: number; products: string[] | null }>(
      `WITH e AS (
         SELECT "productId", "variantId", COALESCE(segment, $3) AS segment,
                ("occurredAt" AT TIME ZONE 'UTC')::date AS day,
                count(*) FILTER (WHERE type = 'IMPRESSION')::int AS impressions,
                count(*) FILTER (WHERE type = 'CLICK')::int AS clicks,
                count(*) FILTER (WHERE type = 'ADD_TO_CART')::int AS "addToCarts",
                count(*) FILTER (WHERE type = 'PURCHASE')::int AS purchases,
                count(*)::int AS n
         FROM "Event" WHERE "receivedAt" >= $1 AND "receivedAt" < $2 AND "variantId" IS NOT NULL
         GROUP BY 1, 2, 3, 4
       ), daily AS (
         INSERT INTO "ServingDailyStat" AS d ("productId", day, segment, "variantId", impressions, clicks, "addToCarts", purchases)
         SELECT "productId", day, segment, "variantId", impressions, clicks, "addToCarts", purchases FROM e
         ON CONFLICT ("productId", day, segment, "variantId") DO UPDATE SET
           impressions = d.impressions + EXCLUDED.impressions, clicks = d.clicks + EXCLUDED.clicks,
           "addToCarts" = d."addToCarts" + EXCLUDED."addToCarts", purchases = d.purchases + EXCLUDED.purchases
         RETURNING 1
       ), total AS (
         INSERT INTO "ServingStat" AS s ("productId", segment, "variantId", impressions, clicks, "addToCarts", purchases)
         SELECT "productId", segment, "variantId", sum(impressions), sum(clicks), sum("addToCarts"), sum(purchases)
         FROM e GROUP BY 1, 2, 3
         ON CONFLICT ("productId", segment, "variantId") DO UPDATE SET
           impressions = s.impressions + EXCLUDED.impressions, clicks = s.clicks + EXCLUDED.clicks,
           "addToCarts" = s."addToCarts" + EXCLUDED."addToCarts", purchases = s.purchases + EXCLUDED.purchases,
           "updatedAt" = now()
         RETURNING 1
       )
       SELECT (SELECT COALESCE(sum(n), 0)::int FROM e) AS events,
              (SELECT array_agg(DISTINCT "productId") FROM e) AS products,
              (SELECT count(*) FROM daily) + (SELECT count(*) FROM total) AS written`,
      [from, to, DEFAULT_SEGMENT],
    );
    await tx.query(`UPDATE "ServingCursor" SET position = $2, "updatedAt" = now() WHERE name = $1`, [CURSOR, to]);
    return { events: agg.rows[0]!.events, products: agg.rows[0]!.products ?? [], from, to };
  });
}

/** Training rows for the matrix factorisation: every (audience, variant) with impressions. */
export async function servingTrainingExamples(db: TQueryable, o: { limit: number }): Promise<TMfExample[]> {
  const { rows } = await db.query<{
    segment: string;
    variantId: string;
    productId: string;
    impressions: number;
    clicks: number;
    field: string;
    origin: string;
    style: string | null;
    emphasis: string[];
  }>(
    `SELECT s.segment, s."variantId", s."productId", s.impressions, s.clicks, v.field, v.origin, v.style, v.emphasis
     FROM "ServingStat" s JOIN "Variant" v ON v.id = s."variantId"
     WHERE s.impressions > 0 ORDER BY s.impressions DESC LIMIT $1`,
    [o.limit],
  );
  return rows.map((r) => ({
    audience: r.segment,
    product: r.productId,
    features: variantFeatures({
      id: r.variantId,
      field: r.field,
      origin: r.origin,
      style: r.style,
      emphasis: r.emphasis,
    }),
    impressions: r.impressions,
    clicks: r.clicks,
  }));
}

export async function saveServingModel(
  pool: pg.Pool,
  m: { kind: string; params: unknown; metrics: unknown; keep: number },
): Promise<number> {
  return withTransaction(pool, async (tx) => {
    const { rows } = await tx.query<{ id: number }>(
      `INSERT INTO "ServingModel" (kind, params, metrics) VALUES ($1, $2, $3) RETURNING id`,
      [m.kind, JSON.stringify(m.params), JSON.stringify(m.metrics)],
    );
    await tx.query(`DELETE FROM "ServingModel" WHERE id <= $1`, [rows[0]!.id - m.keep]);
    return rows[0]!.id;
  });
}

export type TGuardrailCandidate = {
  productId: string;
  segment: string;
  variantId: string;
  impressions: number;
  clicks: number;
  originalId: string;
  originalImpressions: number;
  originalClicks: number;
};

/**
 * Live, non-original variants with at least `minImpressions` in an audience where they are not paused,
 * next to the ORIGINAL of their slot (same product, field, locale) in the same audience.
 */
export async function guardrailCandidates(
  db: TQueryable,
  o: { minImpressions: number; productIds?: readonly string[] | null },
): Promise<TGuardrailCandidate[]> {
  const { rows } = await db.query<TGuardrailCandidate>(
    `SELECT s."productId", s.segment, s."variantId", s.impressions, s.clicks,
            o.id AS "originalId", COALESCE(os.impressions, 0) AS "originalImpressions", COALESCE(os.clicks, 0) AS "originalClicks"
     FROM "ServingStat" s
     JOIN "Variant" v ON v.id = s."variantId" AND v.origin <> 'ORIGINAL' AND v.status IN ('APPROVED', 'PUBLISHED')
     JOIN "Variant" o ON o."productId" = v."productId" AND o.field = v.field AND o.locale = v.locale AND o.origin = 'ORIGINAL'
     LEFT JOIN "ServingStat" os ON os."productId" = s."productId" AND os.segment = s.segment AND os."variantId" = o.id
     WHERE s.impressions >= $1 AND ($2::uuid[] IS NULL OR s."productId" = ANY($2::uuid[]))
       AND NOT EXISTS (SELECT 1 FROM "ServingPause" x WHERE x."variantId" = s."variantId" AND x.segment = s.segment)`,
    [o.minImpressions, o.productIds ?? null],
  );
  return rows;
}

export async function pauseVariants(
  pool: pg.Pool,
  pauses: readonly {
    productId: string;
    segment: string;
    variantId: string;
    probability: number;
    impressions: number;
    reason: string;
  }[],
): Promise<number> {
  if (!pauses.length) return 0;
  return withTransaction(pool, async (tx) => {
    let n = 0;
    for (const p of pauses) {
      const r = await tx.query(
        `INSERT INTO "ServingPause" ("variantId", segment, "productId", probability, impressions, reason)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT ("variantId", segment) DO NOTHING`,
        [p.variantId, p.segment, p.productId, p.probability, p.impressions, p.reason],
      );
      if (!r.rowCount) continue;
      n += 1;
      await appendAudit(tx, {
        actorId: null,
        actorKind: "system",
        action: "serving.pause",
        entityType: "Variant",
        entityId: p.variantId,
        after: { segment: p.segment, probabilityWorse: p.probability, impressions: p.impressions, reason: p.reason },
      });
    }
    return n;
  });
}

export async function resumeVariant(
  pool: pg.Pool,
  o: {
    variantId: string;
    segment: string;
    actor: { actorId: string; actorKind: "user" | "api_key"; requestId?: string | null };
  },
): Promise<{ productId: string } | null> {
  return withTransaction(pool, async (tx) => {
    const { rows } = await tx.query<{ productId: string; probability: number; impressions: number }>(
      `DELETE FROM "ServingPause" WHERE "variantId" = $1 AND segment = $2 RETURNING "productId", probability, impressions`,
      [o.variantId, o.segment],
    );
    const row = rows[0];
    if (!row) return null;
    await appendAudit(tx, {
      ...o.actor,
      action: "serving.resume",
      entityType: "Variant",
      entityId: o.variantId,
      before: { segment: o.segment, probabilityWorse: row.probability, impressions: row.impressions },
    });
    return { productId: row.productId };
  });
}
