import DataLoader from "dataloader";
import { AppError } from "@truecopy/core";
import {
  duplicateClusterIdsOfProducts,
  duplicateClusterMembers,
  duplicateClustersByIds,
  keepDuplicateCanonical,
  listDuplicateClusters,
  markDuplicatesDistinct,
  mergeDuplicateClusters,
  type TDuplicateActor,
  type TDuplicateClusterRow,
  type TDuplicateMemberRow,
} from "@truecopy/db";
import type { TContext } from "../context.js";
import { merchantScope, requirePrincipal } from "../auth/auth-checker.js";
import type {
  DuplicateCluster,
  DuplicateClusterConnection,
  DuplicateClusterFilter,
  DuplicateKind,
  DuplicateMember,
} from "../schema/duplicate.types.js";
import type { Product } from "../schema/types.js";
import { clampFirst, decodeCursor, encodeCursor } from "./cursor.js";
import { assertUuid, toProduct } from "./product.service.js";

// Clusters as callers may see them. Staff see whole clusters; merchant-bound callers (merchandisers)
// see clusters of their own products only — at least two of them — with other merchants' members
// left out, so nobody learns about a competitor's listings through a cluster.

const MAX_MERGE = 20;
const MAX_DISTINCT = 100;

type TLoaders = {
  cluster: DataLoader<string, TDuplicateClusterRow | null>;
  clusterIdsOfProduct: DataLoader<string, string[]>;
  members: DataLoader<string, TDuplicateMemberRow[]>;
};

// Per request (the context object), so a page of products costs one query per relation.
const perRequest = new WeakMap<TContext, TLoaders>();

function loaders(ctx: TContext): TLoaders {
  let l = perRequest.get(ctx);
  if (l) return l;
  const { pool } = ctx.services.db;
  const scope = merchantScope(ctx);
  l = {
    cluster: new DataLoader(async (ids) => {
      const rows = await duplicateClustersByIds(pool, ids);
      const byId = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    clusterIdsOfProduct: new DataLoader(async (ids) => {
      const rows = await duplicateClusterIdsOfProducts(pool, ids);
      return ids.map((id) => rows.filter((r) => r.productId === id).map((r) => r.clusterId));
    }),
    members: new DataLoader(async (ids) => {
      const rows = await duplicateClusterMembers(pool, ids, scope);
      return ids.map((id) => rows.filter((r) => r.clusterId === id));
    }),
  };
  perRequest.set(ctx, l);
  return l;
}

const toCluster = (r: TDuplicateClusterRow, scope: string | null): DuplicateCluster => ({
  id: r.id,
  kind: r.kind as DuplicateKind,
  method: r.method as DuplicateCluster["method"],
  status: r.status as DuplicateCluster["status"],
  score: Number(r.score),
  canonicalId: r.canonicalId,
  canonicalPinned: r.canonicalPinned,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
  scopeMerchantId: scope,
  totalMembers: r.memberCount,
});

/** A cluster the caller may see, or null. */
async function visible(ctx: TContext, row: TDuplicateClusterRow | null): Promise<DuplicateCluster | null> {
  // A cluster whose other members' products were deleted is no cluster.
  if (!row || row.memberCount < 2) return null;
  const scope = merchantScope(ctx);
  if (scope && (await loaders(ctx).members.load(row.id)).length < 2) return null;
  return toCluster(row, scope);
}

export async function listClusters(
  ctx: TContext,
  filter: DuplicateClusterFilter | undefined,
  first: number | undefined,
  after: string | undefined,
): Promise<DuplicateClusterConnection> {
  const take = clampFirst(first);
  const scope = merchantScope(ctx, filter?.merchantId ?? null);
  if (scope) assertUuid(scope, "merchantId");
  if (filter?.productId) assertUuid(filter.productId, "productId");
  if (filter?.minScore != null && !(filter.minScore >= 0 && filter.minScore <= 1))
    throw new AppError("BAD_USER_INPUT", "minScore must be between 0 and 1", { field: "minScore" });
  const { rows, totalCount } = await listDuplicateClusters(ctx.services.db.pool, {
    filter: {
      kind: filter?.kind ?? null,
      method: filter?.method ?? null,
      status: filter?.status ?? null,
      merchantId: scope,
      productId: filter?.productId ?? null,
      minScore: filter?.minScore ?? null,
    },
    limit: take,
    after: after ? decodeCursor(after) : null,
  });
  // Shown to a merchant-bound caller as their own merchant's view of the cluster.
  const bound = isBound(ctx) ? merchantScope(ctx) : null;
  for (const r of rows) loaders(ctx).cluster.prime(r.id, r);
  const edges = rows
    .slice(0, take)
    .map((r) => ({ node: toCluster(r, bound), cursor: encodeCursor({ at: r.updatedAt, id: r.id }) }));
  return {
    edges,
    totalCount,
    pageInfo: {
      hasNextPage: rows.length > take,
      hasPreviousPage: Boolean(after),
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

const isBound = (ctx: TContext) => merchantScope(ctx) !== null;

export async function getCluster(ctx: TContext, id: string): Promise<DuplicateCluster | null> {
  assertUuid(id);
  return visible(ctx, await loaders(ctx).cluster.load(id));
}

/** The clusters a product is a member of (both kinds unless `kind`). */
export async function productDuplicates(
  ctx: TContext,
  product: Product,
  kind?: DuplicateKind,
): Promise<DuplicateCluster[]> {
  const ids = await loaders(ctx).clusterIdsOfProduct.load(product.id);
  const rows = await Promise.all(ids.map((id) => loaders(ctx).cluster.load(id)));
  const out: DuplicateCluster[] = [];
  for (const r of rows) {
    if (!r || (kind && r.kind !== (kind as string))) continue;
    const c = await visible(ctx, r);
    if (c) out.push(c);
  }
  return out;
}

export async function clusterMembers(
  ctx: TContext,
  cluster: DuplicateCluster,
  first: number,
): Promise<DuplicateMember[]> {
  if (!Number.isInteger(first) || first < 1 || first > 500)
    throw new AppError("BAD_USER_INPUT", "first must be between 1 and 500", { field: "first" });
  const rows = (await loaders(ctx).members.load(cluster.id)).slice(0, first);
  const products = await Promise.all(rows.map((r) => ctx.loaders.product.load(r.productId)));
  const out: DuplicateMember[] = [];
  rows.forEach((r, i) => {
    const p = products[i];
    if (!p) return;
    out.push({
      product: toProduct(p),
      canonical: r.productId === cluster.canonicalId,
      score: r.score,
      passages: r.passages.map((s) => ({ ...s, text: p[s.field].slice(s.start, s.end) })),
    });
  });
  return out;
}

export async function memberCount(ctx: TContext, cluster: DuplicateCluster): Promise<number> {
  if (!cluster.scopeMerchantId) return cluster.totalMembers;
  return (await loaders(ctx).members.load(cluster.id)).length;
}

export async function canonicalOf(ctx: TContext, cluster: DuplicateCluster): Promise<Product | null> {
  if (!cluster.canonicalId) return null;
  const p = await ctx.loaders.product.load(cluster.canonicalId);
  if (!p || (cluster.scopeMerchantId && p.merchantId !== cluster.scopeMerchantId)) return null;
  return toProduct(p);
}

function actorOf(ctx: TContext): TDuplicateActor {
  const p = requirePrincipal(ctx);
  return { actorId: p.id, actorKind: p.kind, requestId: ctx.requestId };
}

async function reload(ctx: TContext, id: string): Promise<DuplicateCluster> {
  loaders(ctx).cluster.clear(id);
  loaders(ctx).members.clear(id);
  const c = await getCluster(ctx, id);
  if (!c) throw new AppError("NOT_FOUND", `duplicate cluster ${id} no longer exists`);
  return c;
}

export async function keepCanonical(ctx: TContext, clusterId: string, productId: string): Promise<DuplicateCluster> {
  assertUuid(clusterId, "clusterId");
  assertUuid(productId, "productId");
  const r = await keepDuplicateCanonical(ctx.services.db.pool, { clusterId, productId, actor: actorOf(ctx) });
  return reload(ctx, r.clusterId);
}

export async function markDistinct(
  ctx: TContext,
  clusterId: string,
  productIds: string[],
): Promise<DuplicateCluster[]> {
  assertUuid(clusterId, "clusterId");
  if (productIds.length > MAX_DISTINCT)
    throw new AppError("BAD_USER_INPUT", `at most ${MAX_DISTINCT} products at once`, { field: "productIds" });
  for (const id of productIds) assertUuid(id, "productIds");
  const r = await markDuplicatesDistinct(ctx.services.db.pool, { clusterId, productIds, actor: actorOf(ctx) });
  const out: DuplicateCluster[] = [];
  for (const id of r.clusterIds) {
    loaders(ctx).cluster.clear(id);
    loaders(ctx).members.clear(id);
    const c = await getCluster(ctx, id);
    if (c) out.push(c);
  }
  return out;
}

export async function mergeClusters(
  ctx: TContext,
  clusterIds: string[],
  canonicalId: string | null | undefined,
): Promise<DuplicateCluster> {
  if (clusterIds.length > MAX_MERGE)
    throw new AppError("BAD_USER_INPUT", `at most ${MAX_MERGE} clusters at once`, { field: "clusterIds" });
  for (const id of clusterIds) assertUuid(id, "clusterIds");
  if (canonicalId) assertUuid(canonicalId, "canonicalId");
  const r = await mergeDuplicateClusters(ctx.services.db.pool, {
    clusterIds,
    canonicalId: canonicalId ?? null,
    actor: actorOf(ctx),
  });
  return reload(ctx, r.clusterId);
}
