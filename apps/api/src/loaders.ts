import DataLoader from "dataloader";
import type { TDatabase } from "@truecopy/db";
import type { Merchant, Product, ProductAnalysis, ProductReview } from "./schema/types.js";
import { createReviewLoaders } from "./services/review.loaders.js";
import { groupBy, rowsByIdLoader } from "./services/batch-loading.js";
import { createLintLoaders } from "./services/finding.loaders.js";

// Per-request batching: a page of 50 products costs one query per relation, not 50.
export type TLoaders = ReturnType<typeof createLoaders>;

const REVIEWS_PER_PRODUCT = 50;

export const PRODUCT_COLUMNS = `id, "merchantId", sku, title, description, category, locale, price, currency, attributes, "sourceVersion", "createdAt", "updatedAt"`;

export function createLoaders(db: TDatabase) {
  const { pool } = db;
  return {
    ...createReviewLoaders(db),
    ...createLintLoaders(db),
    product: rowsByIdLoader<Product>(db, `SELECT ${PRODUCT_COLUMNS} FROM "Product" WHERE id = ANY($1::uuid[])`),
    merchant: rowsByIdLoader<Merchant>(db, `SELECT id, slug, name FROM "Merchant" WHERE id = ANY($1::uuid[])`),
    merchantProductCount: new DataLoader<string, number>(async (ids) => {
      const { rows } = await pool.query<{ merchantId: string; n: number }>(
        `SELECT "merchantId", count(*)::int AS n FROM "Product" WHERE "merchantId" = ANY($1::uuid[]) GROUP BY 1`,
        [ids],
      );
      const byId = new Map(rows.map((r) => [r.merchantId, r.n]));
      return ids.map((id) => byId.get(id) ?? 0);
    }),
    reviewCount: new DataLoader<string, number>(async (ids) => {
      const { rows } = await pool.query<{ productId: string; n: number }>(
        `SELECT "productId", count(*)::int AS n FROM "ProductReview" WHERE "productId" = ANY($1::uuid[]) GROUP BY 1`,
        [ids],
      );
      const byId = new Map(rows.map((r) => [r.productId, r.n]));
      return ids.map((id) => byId.get(id) ?? 0);
    }),
    reviews: new DataLoader<string, (ProductReview & { productId: string })[]>(async (ids) => {
      const { rows } = await pool.query<ProductReview & { productId: string }>(
        `SELECT id, "productId", author, rating, text, "createdAt" FROM (
           SELECT r.*, row_number() OVER (PARTITION BY "productId" ORDER BY "createdAt", id) AS n
           FROM "ProductReview" r WHERE "productId" = ANY($1::uuid[])) x
         WHERE n <= ${REVIEWS_PER_PRODUCT} ORDER BY "createdAt", id`,
        [ids],
      );
      const grouped = groupBy(rows, (r) => r.productId);
      return ids.map((id) => grouped.get(id) ?? []);
    }),
    images: new DataLoader<string, string[]>(async (ids) => {
      const { rows } = await pool.query<{ productId: string; url: string }>(
        `SELECT "productId", url FROM "ProductImage" WHERE "productId" = ANY($1::uuid[]) ORDER BY position, url`,
        [ids],
      );
      const grouped = groupBy(rows, (r) => r.productId);
      return ids.map((id) => (grouped.get(id) ?? []).map((r) => r.url));
    }),
    // What a generated variant keeps of its generation (null columns: written by a person, or not kept).
    variantGeneration: rowsByIdLoader<{ id: string; claims: unknown; blockReasons: unknown }>(
      db,
      `SELECT id, claims, "blockReasons" FROM "Variant" WHERE id = ANY($1::uuid[])`,
    ),
    analysis: new DataLoader<string, ProductAnalysis | null>(async (ids) => {
      type TRow = Omit<ProductAnalysis, "facts" | "reviewSentiment" | "aspects"> & {
        productId: string;
        attributes: { status: string; key: string; attribute?: { name: string; value: unknown } }[];
        aspects: { reviews?: ProductAnalysis["reviewSentiment"]; aspects?: ProductAnalysis["aspects"] } | null;
      };
      const { rows } = await pool.query<TRow>(
        `SELECT DISTINCT ON ("productId") "productId", language, "sourceVersion", "embeddingModel", keyphrases, attributes, aspects, "createdAt"
         FROM "Analysis" WHERE "productId" = ANY($1::uuid[]) AND "variantId" IS NULL
         ORDER BY "productId", "sourceVersion" DESC, "createdAt" DESC`,
        [ids],
      );
      const byId = new Map(
        rows.map(({ attributes, aspects, ...r }) => [
          r.productId,
          {
            ...r,
            keyphrases: Array.isArray(r.keyphrases) ? r.keyphrases : [],
            facts: (Array.isArray(attributes) ? attributes : []).map(({ attribute, ...f }) => ({
              ...f,
              ...(attribute ? { attributeName: attribute.name, attributeValue: attribute.value } : {}),
            })),
            reviewSentiment: aspects && !Array.isArray(aspects) && aspects.reviews ? aspects.reviews : null,
            // Analyses stored before review aspects existed have none.
            aspects: aspects && !Array.isArray(aspects) && Array.isArray(aspects.aspects) ? aspects.aspects : [],
          },
        ]),
      );
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}
