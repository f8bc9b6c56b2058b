import type { TQueryable } from "./client.js";

// Read side of experiments: the counts behind CTR/CVR per variant and audience, daily traffic, and
// the list of products that have served traffic. Statistics are computed by the caller (core).

export type TExperimentArmRow = {
  segment: string;
  variantId: string;
  field: string;
  locale: string;
  origin: string;
  status: string;
  text: string;
  style: string | null;
  emphasis: string[];
  impressions: number;
  clicks: number;
  addToCarts: number;
  purchases: number;
  paused: boolean;
};

export async function experimentArms(
  db: TQueryable,
  o: { productId: string; field: string | null },
): Promise<TExperimentArmRow[]> {
  const { rows } = await db.query<TExperimentArmRow>(
    `SELECT s.segment, s."variantId", v.field, v.locale, v.origin, v.status, v.text, v.style, v.emphasis,
            s.impressions, s.clicks, s."addToCarts", s.purchases,
            EXISTS (SELECT 1 FROM "ServingPause" x WHERE x."variantId" = s."variantId" AND x.segment = s.segment) AS paused
     FROM "ServingStat" s JOIN "Variant" v ON v.id = s."variantId"
     WHERE s."productId" = $1 AND ($2::"VariantField" IS NULL OR v.field = $2::"VariantField")
     ORDER BY s.segment, v.field, v.locale, (v.origin = 'ORIGINAL') DESC, v."createdAt", v.id`,
    [o.productId, o.field],
  );
  return rows;
}

export type TExperimentDayRow = {
  day: string;
  segment: string;
  variantId: string;
  impressions: number;
  clicks: number;
};

export async function experimentDays(
  db: TQueryable,
  o: { productId: string; field: string | null; since: Date },
): Promise<TExperimentDayRow[]> {
  const { rows } = await db.query<TExperimentDayRow>(
    `SELECT to_char(d.day, 'YYYY-MM-DD') AS day, d.segment, d."variantId", d.impressions, d.clicks
     FROM "ServingDailyStat" d JOIN "Variant" v ON v.id = d."variantId"
     WHERE d."productId" = $1 AND d.day >= ($3::timestamptz AT TIME ZONE 'UTC')::date
       AND ($2::"VariantField" IS NULL OR v.field = $2::"VariantField")
     ORDER BY d.day, d.segment, d."variantId"`,
    [o.productId, o.field, o.since],
  );
  return rows;
}

export type TExperimentListRow = {
  productId: string;
  merchantId: string;
  sku: string;
  title: string;
  impressions: number;
  clicks: number;
  purchases: number;
  variants: number;
  segments: number;
  paused: number;
};

/** Products with traffic, most impressions first; keyset on (impressions, productId). */
export async function listExperiments(
  db: TQueryable,
  o: {
    merchantId: string | null;
    minImpressions: number;
    first: number;
    after: { impressions: number; productId: string } | null;
  },
): Promise<TExperimentListRow[]> {
  const { rows } = await db.query<TExperimentListRow>(
    `WITH t AS (
       SELECT s."productId", sum(s.impressions)::int AS impressions, sum(s.clicks)::int AS clicks,
              sum(s.purchases)::int AS purchases, count(DISTINCT s."variantId")::int AS variants,
              count(DISTINCT s.segment)::int AS segments
       FROM "ServingStat" s GROUP BY s."productId"
     )
     SELECT t.*, p."merchantId", p.sku, p.title,
            (SELECT count(*)::int FROM "ServingPause" x WHERE x."productId" = t."productId") AS paused
     FROM t JOIN "Product" p ON p.id = t."productId"
     WHERE ($1::uuid IS NULL OR p."merchantId" = $1::uuid) AND t.impressions >= $2
       AND ($4::int IS NULL OR (t.impressions, t."productId") < ($4::int, $5::uuid))
     ORDER BY t.impressions DESC, t."productId" DESC
     LIMIT $3`,
    [o.merchantId, o.minImpressions, o.first, o.after?.impressions ?? null, o.after?.productId ?? null],
  );
  return rows;
}
