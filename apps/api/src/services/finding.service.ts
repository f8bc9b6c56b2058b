import { AppError } from "@truecopy/core";
import {
  applyFindingSuggestion,
  countFindings,
  getFinding,
  listFindings as listFindingRows,
  recordFindingFeedback,
  rulePrecision as rulePrecisionRows,
  type TFindingFilter,
} from "@truecopy/db";
import type { TContext } from "../context.js";
import { merchantScope, requirePrincipal } from "../auth/auth-checker.js";
import type {
  FindingConnection,
  FindingCount,
  FindingCountBy,
  FindingFeedback,
  FindingFeedbackKind,
  FindingFilter,
  RulePrecision,
} from "../schema/lint.types.js";
import type { Variant } from "../schema/variant.types.js";
import { clampFirst, decodeCursor, encodeCursor } from "./cursor.js";
import { toFinding, toFindingFeedback } from "./finding.loaders.js";
import { assertUuid } from "./product.service.js";

const MAX_COMMENT = 2_000;

export function scopedFilter(ctx: TContext, filter: FindingFilter | undefined): TFindingFilter {
  const merchantId = merchantScope(ctx, filter?.merchantId ?? null);
  if (merchantId) assertUuid(merchantId, "merchantId");
  if (filter?.productId) assertUuid(filter.productId, "productId");
  if (filter?.variantId) assertUuid(filter.variantId, "variantId");
  if (filter?.ruleId && filter.ruleId.length > 200)
    throw new AppError("BAD_USER_INPUT", "ruleId is at most 200 characters");
  return {
    merchantId,
    category: filter?.category ?? null,
    severity: filter?.severity ?? null,
    ruleId: filter?.ruleId ?? null,
    verdict: filter?.verdict ?? null,
    productId: filter?.productId ?? null,
    variantId: filter?.variantId ?? null,
    since: filter?.since ?? null,
  };
}

/** Findings newest first, filtered, with keyset cursors like `products`. */
export async function listFindings(
  ctx: TContext,
  filter: FindingFilter | undefined,
  first: number | undefined,
  after: string | undefined,
): Promise<FindingConnection> {
  const take = clampFirst(first);
  const { rows, totalCount } = await listFindingRows(ctx.services.db.pool, {
    filter: scopedFilter(ctx, filter),
    limit: take,
    after: after ? decodeCursor(after) : null,
  });
  const edges = rows
    .slice(0, take)
    .map((r) => ({ node: toFinding(r), cursor: encodeCursor({ at: r.createdAt, id: r.id }) }));
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

export async function findingCounts(
  ctx: TContext,
  filter: FindingFilter | undefined,
  by: FindingCountBy,
): Promise<FindingCount[]> {
  return countFindings(ctx.services.db.pool, { filter: scopedFilter(ctx, filter), by });
}

const actorOf = (ctx: TContext) => {
  const p = requirePrincipal(ctx);
  return { actorId: p.id, actorKind: p.kind, requestId: ctx.requestId };
};

/** A merchant-bound caller's view: another merchant's finding does not exist. */
async function visibleFinding(ctx: TContext, findingId: string) {
  assertUuid(findingId, "findingId");
  const finding = await getFinding(ctx.services.db.pool, findingId);
  const scope = merchantScope(ctx);
  if (!finding || (scope && finding.merchantId !== scope))
    throw new AppError("NOT_FOUND", `finding ${findingId} not found (it may have been replaced by a newer lint)`);
  return finding;
}

export async function markFinding(
  ctx: TContext,
  findingId: string,
  kind: FindingFeedbackKind,
  comment: string | null | undefined,
): Promise<FindingFeedback> {
  if (comment && comment.length > MAX_COMMENT)
    throw new AppError("BAD_USER_INPUT", `comment is at most ${MAX_COMMENT} characters`, { field: "comment" });
  await visibleFinding(ctx, findingId);
  const row = await recordFindingFeedback(ctx.services.db.pool, {
    findingId,
    kind,
    comment: comment?.trim() || null,
    actor: actorOf(ctx),
  });
  if (!row)
    throw new AppError("NOT_FOUND", `finding ${findingId} not found (it may have been replaced by a newer lint)`);
  return toFindingFeedback(row);
}

export async function rulePrecision(ctx: TContext): Promise<RulePrecision[]> {
  const rows = await rulePrecisionRows(ctx.services.db.pool);
  return rows.map(({ ruleId, ...r }) => ({ rule: ruleId, ...r }));
}

/** A new EDITED variant with the finding's suggestion applied at its span, queued for review and lint. */
export async function applySuggestion(ctx: TContext, findingId: string): Promise<Variant> {
  assertUuid(findingId, "findingId");
  const outcome = await applyFindingSuggestion(ctx.services.db.pool, {
    findingId,
    scopeMerchantId: merchantScope(ctx),
    actor: actorOf(ctx),
  });
  if (!outcome.ok) {
    if (outcome.reason === "not_found")
      throw new AppError("NOT_FOUND", `finding ${findingId} not found (it may have been replaced by a newer lint)`);
    if (outcome.reason === "no_suggestion")
      throw new AppError("BAD_USER_INPUT", `finding ${findingId} has no suggestion; edit the text by hand`);
    throw new AppError("CONFLICT", `the text of finding ${findingId} no longer matches its span; lint it again`);
  }
  const variant = await ctx.loaders.variant.load(outcome.variantId);
  if (!variant) throw new Error(`variant ${outcome.variantId} vanished after it was created`);
  return variant;
}
