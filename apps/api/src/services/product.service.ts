import { AppError } from "@truecopy/core";
import type { Prisma } from "@truecopy/db";
import type { TContext } from "../context.js";
import { merchantScope } from "../auth/auth-checker.js";
import type { Product, ProductConnection, ProductFilter } from "../schema/types.js";
import { afterCursor, clampFirst, toConnection } from "./cursor.js";

type TProductRecord = Omit<Product, "price"> & { price: Prisma.Decimal | number | null };

export const toProduct = (p: TProductRecord): Product => ({ ...p, price: p.price == null ? null : Number(p.price) });

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const assertUuid = (id: string, what = "id") => {
  if (!UUID_RE.test(id)) throw new AppError("BAD_USER_INPUT", `${what} must be a UUID`);
};

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
  const where: Prisma.ProductWhereInput = {
    ...(merchantId ? { merchantId } : {}),
    ...(filter?.category ? { category: filter.category } : {}),
    ...(search
      ? {
          OR: [
            { sku: { contains: search, mode: "insensitive" } },
            { title: { contains: search, mode: "insensitive" } },
            { description: { contains: search, mode: "insensitive" } },
          ],
        }
      : {}),
    ...(filter?.language ? { analyses: { some: { language: filter.language, variantId: null } } } : {}),
    ...(filter?.analyzed === true ? { analyses: { some: { variantId: null } } } : {}),
    ...(filter?.analyzed === false ? { analyses: { none: { variantId: null } } } : {}),
  };
  const prisma = ctx.services.db.prisma;
  const [rows, totalCount] = await Promise.all([
    prisma.product.findMany({
      where: afterCursor(where, after),
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: take + 1,
    }),
    prisma.product.count({ where }),
  ]);
  const connection = toConnection(rows.map(toProduct), take, totalCount, after);
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
