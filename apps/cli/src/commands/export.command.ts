import { stringify } from "csv-stringify/sync";
import type { TDatabase } from "@truecopy/db";
import { openExportTarget } from "./export-target.js";

type TExportRow = {
  id: string;
  merchant: string;
  sku: string;
  title: string;
  description: string;
  category: string | null;
  locale: string | null;
  price: number | null;
  currency: string | null;
  attributes: Record<string, unknown>;
  images: string[] | null;
  reviews: { id: string; author: string | null; rating: number | null; text: string }[] | null;
};

const PAGE = 1_000;
const CSV_COLUMNS = [
  "merchant",
  "sku",
  "title",
  "description",
  "category",
  "locale",
  "price",
  "currency",
  "attributes",
  "images",
  "reviews",
] as const;

/** Writes the catalog in the import format (round-trips through `truecopy import`), paging by id. */
export async function exportCommand(
  db: TDatabase,
  o: { format: "jsonl" | "csv"; out?: string; merchant?: string },
): Promise<number> {
  const { merchantId, write, close } = await openExportTarget(db, o);
  if (o.format === "csv") await write(stringify([[...CSV_COLUMNS]]));
  let after = "00000000-0000-0000-0000-000000000000";
  let count = 0;
  for (;;) {
    const { rows } = await db.pool.query<TExportRow>(
      `SELECT p.id, m.slug AS merchant, p.sku, p.title, p.description, p.category, p.locale, p.price, p.currency, p.attributes,
         (SELECT json_agg(i.url ORDER BY i.position, i.url) FROM "ProductImage" i WHERE i."productId" = p.id) AS images,
         (SELECT json_agg(json_build_object('id', r."externalId", 'author', r.author, 'rating', r.rating, 'text', r.text) ORDER BY r."createdAt", r.id)
            FROM "ProductReview" r WHERE r."productId" = p.id) AS reviews
       FROM "Product" p JOIN "Merchant" m ON m.id = p."merchantId"
       WHERE p.id > $1 AND ($2::uuid IS NULL OR p."merchantId" = $2::uuid)
       ORDER BY p.id LIMIT ${PAGE}`,
      [after, merchantId],
    );
    if (!rows.length) break;
    for (const r of rows) {
      const reviews = (r.reviews ?? []).map((rv) => ({
        id: rv.id,
        ...(rv.author ? { author: rv.author } : {}),
        ...(rv.rating ? { rating: rv.rating } : {}),
        text: rv.text,
      }));
      const row = {
        merchant: r.merchant,
        sku: r.sku,
        title: r.title,
        description: r.description,
        ...(r.category ? { category: r.category } : {}),
        ...(r.locale ? { locale: r.locale } : {}),
        ...(r.price != null ? { price: r.price } : {}),
        ...(r.currency ? { currency: r.currency.trim() } : {}),
        attributes: r.attributes,
        images: r.images ?? [],
        reviews,
      };
      if (o.format === "jsonl") await write(`${JSON.stringify(row)}\n`);
      else {
        await write(
          stringify([
            [
              row.merchant,
              row.sku,
              row.title,
              row.description,
              row.category ?? "",
              row.locale ?? "",
              row.price ?? "",
              row.currency ?? "",
              JSON.stringify(row.attributes),
              row.images.join("|"),
              reviews.length ? JSON.stringify(reviews) : "",
            ],
          ]),
        );
      }
      count += 1;
    }
    after = rows.at(-1)!.id;
  }
  await close();
  process.stderr.write(`exported ${count} products\n`);
  return count;
}
