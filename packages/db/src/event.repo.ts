import type { TShopperEvent } from "@truecopy/core";
import type { TQueryable } from "./client.js";

// Shopper events are written in bulk: one INSERT … SELECT FROM unnest(...) per batch, which checks
// every event's product (and the caller's merchant) and variant in the same statement, and skips ids
// seen before (ON CONFLICT DO NOTHING), so a resent batch changes nothing. Event ids are the
// client's, made unique per merchant by prefixing the product's merchant id.

export type TEventInsertResult = {
  /** Events newly stored. */
  inserted: number;
  /** Positions (in the input array) of events refused by the database checks, with the reason. */
  refused: { position: number; error: string }[];
};

export async function insertEvents(
  db: TQueryable,
  events: readonly TShopperEvent[],
  scope: { merchantId: string | null },
): Promise<TEventInsertResult> {
  if (!events.length) return { inserted: 0, refused: [] };
  const cols = {
    id: [] as string[],
    type: [] as string[],
    productId: [] as string[],
    variantId: [] as (string | null)[],
    segment: [] as (string | null)[],
    shopperId: [] as (string | null)[],
    occurredAt: [] as string[],
  };
  for (const e of events) {
    cols.id.push(e.id);
    cols.type.push(e.type);
    cols.productId.push(e.productId);
    cols.variantId.push(e.variantId);
    cols.segment.push(e.segment);
    cols.shopperId.push(e.shopperId);
    cols.occurredAt.push(e.occurredAt.toISOString());
  }
  const { rows } = await db.query<{
    position: number | null;
    productOk: boolean;
    variantOk: boolean;
    inserted: number;
  }>(
    `WITH input AS (
       SELECT * FROM unnest($1::text[], $2::"EventType"[], $3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::timestamptz[])
         WITH ORDINALITY AS x(id, type, "productId", "variantId", segment, "shopperId", "occurredAt", position)
     ), checked AS (
       SELECT x.*, p."merchantId", p.id IS NOT NULL AS "productOk",
              (x."variantId" IS NULL OR v.id IS NOT NULL) AS "variantOk"
       FROM input x
       LEFT JOIN "Product" p ON p.id = x."productId" AND ($8::uuid IS NULL OR p."merchantId" = $8::uuid)
       LEFT JOIN "Variant" v ON v.id = x."variantId" AND v."productId" = x."productId"
     ), stored AS (
       INSERT INTO "Event" (id, type, "productId", "variantId", segment, "shopperId", "occurredAt")
       SELECT c."merchantId"::text || ':' || c.id, c.type, c."productId", c."variantId", c.segment, c."shopperId", c."occurredAt"
       FROM checked c WHERE c."productOk" AND c."variantOk"
       ON CONFLICT (id) DO NOTHING
       RETURNING 1
     )
     SELECT c.position::int AS position, c."productOk", c."variantOk", (SELECT count(*)::int FROM stored) AS inserted
     FROM checked c WHERE NOT (c."productOk" AND c."variantOk")
     UNION ALL SELECT NULL, true, true, (SELECT count(*)::int FROM stored)`,
    [
      cols.id,
      cols.type,
      cols.productId,
      cols.variantId,
      cols.segment,
      cols.shopperId,
      cols.occurredAt,
      scope.merchantId,
    ],
  );
  const refused = rows
    .filter((r) => r.position !== null)
    .map((r) => ({
      position: r.position! - 1,
      error: !r.productOk ? "unknown productId" : "variantId is not a variant of this product",
    }));
  return { inserted: rows[0]?.inserted ?? 0, refused };
}
