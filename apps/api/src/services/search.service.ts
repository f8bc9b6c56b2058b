import { AppError, searchTerms } from "@truecopy/core";
import { searchProducts } from "@truecopy/db";
import type { TContext } from "../context.js";
import { merchantScope } from "../auth/auth-checker.js";
import type { ProductFilter, SearchConnection } from "../schema/types.js";
import { clampFirst } from "./cursor.js";
import { assertUuid, toProduct } from "./product.service.js";

// Each half of the hybrid search contributes this many candidates; pages walk the fused list.
const CANDIDATES = 200;

const encodeOffset = (offset: number) => Buffer.from(JSON.stringify({ o: offset })).toString("base64url");
function decodeOffset(after: string | null | undefined): number {
  if (!after) return 0;
  try {
    const { o } = JSON.parse(Buffer.from(after, "base64url").toString("utf8")) as { o: unknown };
    if (typeof o === "number" && Number.isInteger(o) && o >= 0 && o <= 2 * CANDIDATES) return o;
  } catch {
    // fall through
  }
  throw new AppError("BAD_USER_INPUT", "invalid cursor: pass endCursor from a previous page");
}

/** Hybrid search: embedding kNN and keyword matches fused by reciprocal rank, scoped like `products`. */
export async function semanticSearch(
  ctx: TContext,
  query: string,
  filter: ProductFilter | undefined,
  first: number | undefined,
  after: string | undefined,
): Promise<SearchConnection> {
  const text = query.trim();
  if (!text) throw new AppError("BAD_USER_INPUT", "query is empty");
  if (text.length > 500) throw new AppError("BAD_USER_INPUT", "query is limited to 500 characters");
  const take = clampFirst(first, 50);
  const offset = decodeOffset(after);
  const merchantId = merchantScope(ctx, filter?.merchantId ?? null);
  if (merchantId) assertUuid(merchantId, "merchantId");
  const { embedder, db } = ctx.services;
  const [vector] = await embedder.embed([text]);
  const hits = await searchProducts(
    db.pool,
    { name: embedder.model.name, dim: embedder.model.dim },
    {
      vector: vector!,
      terms: searchTerms(text),
      exactSku: text,
      merchantId,
      category: filter?.category ?? null,
      candidates: CANDIDATES,
      limit: take + 1,
      offset,
    },
  );
  const products = await ctx.loaders.product.loadMany(hits.map((h) => h.productId));
  const edges = hits.slice(0, take).flatMap((h, i) => {
    const p = products[i];
    if (!p || p instanceof Error) return [];
    return [
      {
        cursor: encodeOffset(offset + i + 1),
        node: toProduct(p),
        score: h.score,
        vectorRank: h.vectorRank,
        keywordRank: h.keywordRank,
      },
    ];
  });
  return {
    edges,
    pageInfo: {
      hasNextPage: hits.length > take,
      hasPreviousPage: offset > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}
