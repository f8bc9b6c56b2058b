import type { TQueryable } from "./client.js";

// What the serving path reads: a product's servable arms, their per-audience counts and pauses, the
// live matrix factorisation model, the audiences of a merchant and known shoppers' profiles. The API
// caches all of it in memory; these queries run on a cache miss or refresh, never per request.

/** Statuses a shop may be shown; the ORIGINAL is an arm unless it was rejected or blocked. */
export const SERVABLE_STATUSES = ["APPROVED", "PUBLISHED"] as const;

export type TServingArmRow = {
  variantId: string;
  field: string;
  locale: string;
  text: string;
  origin: string;
  status: string;
  style: string | null;
  emphasis: string[];
  audience: string | null;
};

export type TServingProduct = {
  productId: string;
  merchantId: string;
  /** The product's declared locale (the default when a request names none). */
  locale: string | null;
  arms: TServingArmRow[];
  stats: { segment: string; variantId: string; impressions: number; clicks: number }[];
  pauses: { segment: string; variantId: string }[];
};

export async function loadServingProduct(db: TQueryable, productId: string): Promise<TServingProduct | null> {
  const { rows } = await db.query<{
    merchantId: string;
    locale: string | null;
    arms: TServingArmRow[] | null;
    stats: TServingProduct["stats"] | null;
    pauses: TServingProduct["pauses"] | null;
  }>(
    `SELECT p."merchantId", p.locale,
       (SELECT json_agg(json_build_object('variantId', v.id, 'field', v.field, 'locale', v.locale, 'text', v.text,
                 'origin', v.origin, 'status', v.status, 'style', v.style, 'emphasis', v.emphasis, 'audience', v.audience)
                 ORDER BY v."createdAt", v.id)
          FROM "Variant" v WHERE v."productId" = p.id
            AND (v.status IN ('APPROVED', 'PUBLISHED') OR (v.origin = 'ORIGINAL' AND v.status NOT IN ('REJECTED', 'BLOCKED')))) AS arms,
       (SELECT json_agg(json_build_object('segment', s.segment, 'variantId', s."variantId", 'impressions', s.impressions, 'clicks', s.clicks))
          FROM "ServingStat" s WHERE s."productId" = p.id) AS stats,
       (SELECT json_agg(json_build_object('segment', x.segment, 'variantId', x."variantId"))
          FROM "ServingPause" x WHERE x."productId" = p.id) AS pauses
     FROM "Product" p WHERE p.id = $1`,
    [productId],
  );
  const r = rows[0];
  if (!r) return null;
  return {
    productId,
    merchantId: r.merchantId,
    locale: r.locale,
    arms: r.arms ?? [],
    stats: r.stats ?? [],
    pauses: r.pauses ?? [],
  };
}

export type TServingModelRow = { id: number; kind: string; params: unknown; metrics: unknown; trainedAt: Date };

export async function latestServingModel(db: TQueryable): Promise<TServingModelRow | null> {
  const { rows } = await db.query<TServingModelRow>(
    `SELECT id, kind, params, metrics, "trainedAt" FROM "ServingModel" ORDER BY id DESC LIMIT 1`,
  );
  return rows[0] ?? null;
}

/** The newest model's id only: cheap enough to poll. */
export async function latestServingModelId(db: TQueryable): Promise<number | null> {
  const { rows } = await db.query<{ id: number }>(`SELECT max(id) AS id FROM "ServingModel"`);
  return rows[0]?.id ?? null;
}

export type TSegmentRow = {
  id: string;
  merchantId: string | null;
  key: string;
  name: string;
  rules: unknown;
  createdAt: Date;
};

const SEGMENT_COLUMNS = `s.id, s."merchantId", s.key, s.name, s.rules, s."createdAt"`;

/** A merchant's own audiences and the shared ones (no merchant); without a merchant, all of them. */
export async function listSegments(db: TQueryable, o: { merchantId: string | null }): Promise<TSegmentRow[]> {
  const { rows } = await db.query<TSegmentRow>(
    `SELECT ${SEGMENT_COLUMNS} FROM "Segment" s
     WHERE $1::uuid IS NULL OR s."merchantId" = $1::uuid OR s."merchantId" IS NULL
     ORDER BY s."merchantId" NULLS FIRST, s.key`,
    [o.merchantId],
  );
  return rows;
}

export async function segmentById(db: TQueryable, id: string): Promise<TSegmentRow | null> {
  const { rows } = await db.query<TSegmentRow>(`SELECT ${SEGMENT_COLUMNS} FROM "Segment" s WHERE s.id = $1`, [id]);
  return rows[0] ?? null;
}

export type TShopperRow = { id: string; attributes: Record<string, unknown>; interests: string[] };

/** Shopper ids are stored per merchant (`<merchantId>:<shop's id>`): shops cannot read each other's. */
export const shopperKey = (merchantId: string, shopper: string) => `${merchantId}:${shopper}`;

export async function findShopper(db: TQueryable, merchantId: string, shopper: string): Promise<TShopperRow | null> {
  const { rows } = await db.query<TShopperRow>(`SELECT id, attributes, interests FROM "Shopper" WHERE id = $1`, [
    shopperKey(merchantId, shopper),
  ]);
  return rows[0] ?? null;
}

export async function upsertShoppers(
  db: TQueryable,
  merchantId: string,
  shoppers: readonly { id: string; attributes: Record<string, unknown>; interests: readonly string[] }[],
): Promise<number> {
  if (!shoppers.length) return 0;
  const r = await db.query(
    `INSERT INTO "Shopper" (id, attributes, interests)
     SELECT x.id, x.attributes, ARRAY(SELECT jsonb_array_elements_text(x.interests))
     FROM jsonb_to_recordset($1::jsonb) AS x(id text, attributes jsonb, interests jsonb)
     ON CONFLICT (id) DO UPDATE SET attributes = EXCLUDED.attributes, interests = EXCLUDED.interests`,
    [
      JSON.stringify(
        shoppers.map((s) => ({ id: shopperKey(merchantId, s.id), attributes: s.attributes, interests: s.interests })),
      ),
    ],
  );
  return r.rowCount ?? 0;
}

/** The products the given variants belong to. */
export async function productsOfVariants(db: TQueryable, variantIds: readonly string[]): Promise<string[]> {
  const { rows } = await db.query<{ productId: string }>(
    `SELECT DISTINCT "productId" FROM "Variant" WHERE id = ANY($1::uuid[])`,
    [variantIds],
  );
  return rows.map((r) => r.productId);
}
