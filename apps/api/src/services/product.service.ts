import { AppError } from "@truecopy/core";
import type { Prisma } from "@truecopy/db";
import type { TContext } from "../context.js";
import { merchantScope } from "../auth/auth-checker.js";
import type { Product, ProductConnection, ProductFilter } from "../schema/types.js";
import { clampFirst, decodeCursor, toConnection } from "./cursor.js";
import { PRODUCT_COLUMNS } from "../loaders.js";

type TProductRecord = Omit<Product, "price"> & { price: Prisma.Decimal | number | string | null };

export const toProduct = (p: TProductRecord): Product => ({ ...p, price: p.price == null ? null : Number(p.price) });

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const assertUuid = (id: string, what = "id") => {
  if (!UUID_RE.test(id)) throw new AppError("BAD_USER_INPUT", `${what} must be a UUID`);
};

const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * One page of products and the count of all that match, in one round trip: the count is a one-row
 * subquery the page joins laterally (an empty page still returns it). The catalogue's hot query, so
 * it is plain parameterised SQL rather than two ORM queries (docs/benchmarks.md, Load).
 */
export async function listProducts(
  ctx: TContext,
  filter: ProductFilter | undefined,
  first: number | undefined,
  after: string | undefined,
): Promise<ProductConnection> {
  const take = clampFirst(first);
  const merchantId = merchantScope(ctx, filter?.merchantId ?? null);
  if (merchantId) assertUuid(merchantId, "merchantId");
  const search = filter?.search?.trim();
  if (search && search.length > 200) throw new AppError("BAD_USER_INPUT", "search is limited to 200 characters");
  const cursor = after ? decodeCursor(after) : null;

  const params: unknown[] = [];
  const param = (v: unknown): string => {
    params.push(v);
    return `$${params.length}`;
  };
  const where: string[] = [];
  if (merchantId) where.push(`p."merchantId" = ${param(merchantId)}::uuid`);
  if (filter?.category) where.push(`p.category = ${param(filter.category)}`);
  if (search) {
    const like = param(`%${escapeLike(search)}%`);
    where.push(`(p.sku ILIKE ${like} OR p.title ILIKE ${like} OR p.description ILIKE ${like})`);
  }
  // The product's own analysis (not a variant's), as the filter describes.
  const analysis = (extra: string) =>
    `EXISTS (SELECT 1 FROM "Analysis" a WHERE a."productId" = p.id AND a."variantId" IS NULL${extra})`;
  if (filter?.language) where.push(analysis(` AND a.language = ${param(filter.language)}`));
  if (filter?.analyzed === true) where.push(analysis(""));
  if (filter?.analyzed === false) where.push(`NOT ${analysis("")}`);
  const matching = where.length ? where.join(" AND ") : "true";
  const page = cursor
    ? `${matching} AND (p."createdAt" < ${param(cursor.at)} OR (p."createdAt" = $${params.length} AND p.id < ${param(cursor.id)}::uuid))`
    : matching;

  const { rows } = await ctx.services.db.pool.query<TProductRecord & { total: number }>(
    `SELECT c.total, page.*
     FROM (SELECT count(*)::int AS total FROM "Product" p WHERE ${matching}) c
     LEFT JOIN LATERAL (
       SELECT ${PRODUCT_COLUMNS} FROM "Product" p WHERE ${page}
       ORDER BY p."createdAt" DESC, p.id DESC LIMIT ${take + 1}
     ) page ON true`,
    params,
  );
  const totalCount = rows[0]?.total ?? 0;
  const products = rows.filter((r) => r.id !== null).map(({ total: _total, ...r }) => toProduct(r));
  const connection = toConnection(products, take, totalCount, after);
  for (const { node } of connection.edges) ctx.loaders.product.prime(node.id, node);
  return connection;
}

/** Returns null (not FORBIDDEN) for another merchant's product: its existence is not disclosed. */
export async function getProduct(ctx: TContext, id: string): Promise<Product | null> {
  assertUuid(id);
  const product = await ctx.loaders.product.load(id);
  if (!product) return null;
  const scope = merchantScope(ctx);
  if (scope && product.merchantId !== scope) return null;
  return toProduct(product);
}

export async function similarProducts(
  ctx: TContext,
  id: string,
  k: number,
): Promise<{ product: Product; score: number }[]> {
  if (!Number.isInteger(k) || k < 1 || k > 50) throw new AppError("BAD_USER_INPUT", "k must be between 1 and 50");
  const product = await getProduct(ctx, id);
  if (!product) throw new AppError("NOT_FOUND", `product ${id} not found`);
  const neighbours = await ctx.services.similarity.similar({ productId: id, k, merchantId: merchantScope(ctx) });
  const products = await ctx.loaders.product.loadMany(neighbours.map((n) => n.productId));
  return neighbours.flatMap((n, i) => {
    const p = products[i];
    return p && !(p instanceof Error) ? [{ product: toProduct(p), score: n.score }] : [];
  });
}
