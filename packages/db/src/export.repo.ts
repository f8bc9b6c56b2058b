import type { TPublishedExportRow } from "@truecopy/core";
import type { TQueryable } from "./client.js";

// What is live: one PUBLISHED variant per product, field and locale. Shops poll it (GraphQL or the
// streamed CSV/JSONL export) in ascending order of the time it went live, resuming after the last
// row they saw.

export type TPublishedVariantRow = {
  variantId: string;
  productId: string;
  merchantId: string;
  merchant: string;
  sku: string;
  field: string;
  locale: string;
  origin: string;
  text: string;
  /** When the variant last changed status, i.e. went live. */
  publishedAt: Date;
};

export type TPublishedCursor = { at: Date; id: string };

export async function listPublishedVariants(
  db: TQueryable,
  o: { merchantId: string | null; since: Date | null; first: number; after: TPublishedCursor | null },
): Promise<{ rows: TPublishedVariantRow[]; hasNextPage: boolean }> {
  const { rows } = await db.query<TPublishedVariantRow>(
    `SELECT v.id AS "variantId", v."productId", p."merchantId", m.slug AS merchant, p.sku, v.field, v.locale, v.origin,
       v.text, v."updatedAt" AS "publishedAt"
     FROM "Variant" v JOIN "Product" p ON p.id = v."productId" JOIN "Merchant" m ON m.id = p."merchantId"
     WHERE v.status = 'PUBLISHED'
       AND ($1::uuid IS NULL OR p."merchantId" = $1::uuid)
       AND ($2::timestamptz IS NULL OR v."updatedAt" >= $2::timestamptz)
       AND ($3::timestamptz IS NULL OR (v."updatedAt", v.id) > ($3::timestamptz, $4::uuid))
     ORDER BY v."updatedAt", v.id LIMIT $5`,
    [o.merchantId, o.since, o.after?.at ?? null, o.after?.id ?? null, o.first + 1],
  );
  return { rows: rows.slice(0, o.first), hasNextPage: rows.length > o.first };
}

/** Every published variant matching, page by page (keyset), for streaming exports. */
export async function* iteratePublishedVariants(
  db: TQueryable,
  o: { merchantId: string | null; since: Date | null; pageSize?: number },
): AsyncGenerator<TPublishedVariantRow> {
  let after: TPublishedCursor | null = null;
  for (;;) {
    const page = await listPublishedVariants(db, { ...o, first: o.pageSize ?? 1000, after });
    yield* page.rows;
    if (!page.hasNextPage) return;
    const last = page.rows.at(-1)!;
    after = { at: last.publishedAt, id: last.variantId };
  }
}

/** The export row (HTTP, CLI): everything as text, the time it went live as ISO 8601. */
export const toPublishedExportRow = (r: TPublishedVariantRow): TPublishedExportRow => ({
  merchant: r.merchant,
  sku: r.sku,
  productId: r.productId,
  variantId: r.variantId,
  field: r.field,
  locale: r.locale,
  origin: r.origin,
  text: r.text,
  publishedAt: r.publishedAt.toISOString(),
});
