import {
  AppError,
  can,
  diffTexts,
  isMerchantBound,
  MAX_VARIANT_TEXT_LENGTH,
  normalizeComment,
  slaStatus,
  undoDeadline,
  validateRejection,
  type TPermission,
} from "@truecopy/core";
import {
  announceServingChange,
  bulkDecide,
  claimNextReviewItem,
  claimReviewItem,
  countReviewQueue,
  decideVariant,
  editVariant,
  listPublishedVariants,
  listReviewQueue,
  publishVariant,
  releaseReviewItem,
  revertToOriginal,
  undoBatch,
  variantHistory,
  type TBulkResult,
  type TDecisionOutcome,
  type TDecisionRow,
  type TReviewActor,
  type TReviewQueueFilter,
  type TReviewQueueRow,
  type TVariantRow,
} from "@truecopy/db";
import type { TContext } from "../context.js";
import { merchantScope, requirePrincipal } from "../auth/auth-checker.js";
import type {
  BulkDecisionResult,
  Decision,
  DecisionOutcome,
  PublishedVariantConnection,
  ReviewItem,
  ReviewItemConnection,
  ReviewQueueFilter,
  TextDiff,
  UndoResult,
  VariantHistory,
} from "../schema/review.types.js";
import { ReviewQueueSort, type BulkSkipReason, type DiffOpKind, type SlaStatus } from "../schema/review.types.js";
import type { Variant } from "../schema/variant.types.js";
import { clampFirst } from "./cursor.js";
import { assertUuid } from "./product.service.js";

// The review workflow's API side: validates and scopes arguments, turns rows into GraphQL objects.
// Every rule about statuses lives in core; every write in packages/db.

export const toVariant = (r: TVariantRow): Variant => r as unknown as Variant;
export const toDecision = (d: TDecisionRow): Decision => d as unknown as Decision;

/** The caller as the review repositories need them (merchant-bound callers carry their merchant). */
export function reviewActorOf(ctx: TContext): TReviewActor {
  const p = requirePrincipal(ctx);
  return {
    actorId: p.id,
    userId: p.userId,
    actorKind: p.kind,
    requestId: ctx.requestId,
    role: p.role,
    scopeMerchantId: isMerchantBound(p.role) ? merchantScope(ctx) : null,
  };
}

const LOCALE_RE = /^(?:und|[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*)$/;
const MAX_AGE_HOURS = 24 * 366;

function queueFilter(ctx: TContext, f: ReviewQueueFilter | undefined | null): TReviewQueueFilter {
  const merchantId = merchantScope(ctx, f?.merchantId ?? null);
  if (merchantId) assertUuid(merchantId, "merchantId");
  if (f?.locale && !LOCALE_RE.test(f.locale))
    throw new AppError("BAD_USER_INPUT", "locale must look like zh, en or zh-CN", { field: "locale" });
  for (const [name, v] of [
    ["minAgeHours", f?.minAgeHours],
    ["maxAgeHours", f?.maxAgeHours],
  ] as const) {
    if (v != null && !(Number.isFinite(v) && v >= 0 && v <= MAX_AGE_HOURS))
      throw new AppError("BAD_USER_INPUT", `${name} must be between 0 and ${MAX_AGE_HOURS}`, { field: name });
  }
  for (const [name, v] of [
    ["category", f?.category],
    ["generator", f?.generator],
  ] as const) {
    if (v != null && v.length > 200)
      throw new AppError("BAD_USER_INPUT", `${name} is limited to 200 characters`, { field: name });
  }
  return {
    merchantId,
    category: f?.category ?? null,
    severity: f?.severity ?? null,
    findingCategory: f?.findingCategory ?? null,
    generator: f?.generator ?? null,
    origin: f?.origin ?? null,
    locale: f?.locale ?? null,
    minAgeHours: f?.minAgeHours ?? null,
    maxAgeHours: f?.maxAgeHours ?? null,
    verdict: f?.verdict ?? null,
    claimed: f?.claimed ?? "ANY",
  };
}

type TQueueCursor = { s: ReviewQueueSort; at: string; id: string; r?: number };

function encodeQueueCursor(sort: ReviewQueueSort, row: TReviewQueueRow): string {
  const c: TQueueCursor = { s: sort, at: row.createdAt.toISOString(), id: row.id };
  if (sort === ReviewQueueSort.SEVERITY) c.r = row.severityRank;
  return Buffer.from(JSON.stringify(c)).toString("base64url");
}

function decodeQueueCursor(s: string, sort: ReviewQueueSort) {
  try {
    const c = JSON.parse(Buffer.from(s, "base64url").toString("utf8")) as TQueueCursor;
    const at = new Date(c.at);
    if (c.s !== sort) throw new Error("sort changed");
    if (Number.isNaN(at.getTime()) || !/^[0-9a-f-]{36}$/i.test(c.id)) throw new Error("bad cursor");
    if (sort === ReviewQueueSort.SEVERITY && !(Number.isInteger(c.r) && c.r! >= 0 && c.r! <= 5))
      throw new Error("bad rank");
    return { at, id: c.id, severityRank: c.r };
  } catch {
    throw new AppError("BAD_USER_INPUT", "invalid cursor: pass endCursor from a previous page with the same sort");
  }
}

export function toReviewItem(ctx: TContext, row: TReviewQueueRow, now = Date.now()): ReviewItem {
  const ageMs = now - row.createdAt.getTime();
  const live = row.claimedById && row.claimExpiresAt && row.claimExpiresAt.getTime() > now;
  return {
    id: row.id,
    variant: toVariant(row),
    productId: row.productId,
    maxSeverity: row.maxSeverity as ReviewItem["maxSeverity"],
    findingCount: row.findingCount,
    waitingSince: row.createdAt,
    ageSeconds: Math.max(0, Math.floor(ageMs / 1000)),
    slaStatus: slaStatus(ageMs) as SlaStatus,
    claim: live
      ? { holderId: row.claimedById!, expiresAt: row.claimExpiresAt!, mine: row.claimedById === ctx.principal?.id }
      : null,
  };
}

export async function listReviewQueueItems(
  ctx: TContext,
  filterInput: ReviewQueueFilter | undefined,
  sort: ReviewQueueSort = ReviewQueueSort.OLDEST,
  first: number | undefined,
  after: string | undefined,
): Promise<ReviewItemConnection> {
  const take = clampFirst(first);
  const filter = queueFilter(ctx, filterInput);
  const actorId = requirePrincipal(ctx).id;
  const cursor = after ? decodeQueueCursor(after, sort) : null;
  const pool = ctx.services.db.pool;
  const [page, totalCount] = await Promise.all([
    listReviewQueue(pool, { filter, sort, first: take, after: cursor, actorId }),
    countReviewQueue(pool, { filter, actorId }),
  ]);
  const now = Date.now();
  const edges = page.rows.map((row) => ({ node: toReviewItem(ctx, row, now), cursor: encodeQueueCursor(sort, row) }));
  return {
    edges,
    totalCount,
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: Boolean(after),
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

/** A variant as a review item (any status), or null when it does not exist for the caller. */
export async function getReviewItem(ctx: TContext, variantId: string): Promise<ReviewItem | null> {
  assertUuid(variantId, "variantId");
  const row = await ctx.loaders.reviewRow.load(variantId);
  if (!row) return null;
  const scope = merchantScope(ctx);
  if (scope && row.merchantId !== scope) return null;
  return toReviewItem(ctx, row);
}

export async function getVariant(ctx: TContext, id: string): Promise<Variant | null> {
  return (await getReviewItem(ctx, id))?.variant ?? null;
}

const leaseSeconds = (ctx: TContext) => ctx.services.env.REVIEW_LEASE_SECONDS;

export async function claimItem(ctx: TContext, variantId: string): Promise<ReviewItem> {
  assertUuid(variantId, "variantId");
  const actor = reviewActorOf(ctx);
  await claimReviewItem(ctx.services.db.pool, {
    variantId,
    actorId: actor.actorId,
    leaseSeconds: leaseSeconds(ctx),
    scopeMerchantId: actor.scopeMerchantId,
  });
  ctx.loaders.reviewRow.clear(variantId);
  return (await getReviewItem(ctx, variantId))!;
}

export async function claimNextItem(
  ctx: TContext,
  filterInput: ReviewQueueFilter | undefined,
  sort: ReviewQueueSort = ReviewQueueSort.OLDEST,
): Promise<ReviewItem | null> {
  const filter = queueFilter(ctx, filterInput);
  const claim = await claimNextReviewItem(ctx.services.db.pool, {
    filter,
    sort,
    actorId: requirePrincipal(ctx).id,
    leaseSeconds: leaseSeconds(ctx),
  });
  return claim ? getReviewItem(ctx, claim.variant.id) : null;
}

export async function releaseItem(ctx: TContext, variantId: string): Promise<boolean> {
  assertUuid(variantId, "variantId");
  const p = requirePrincipal(ctx);
  if (!(await getReviewItem(ctx, variantId))) throw new AppError("NOT_FOUND", `variant ${variantId} not found`);
  return releaseReviewItem(ctx.services.db.pool, { variantId, actorId: p.id, force: p.role === "ADMIN" });
}

function toOutcome(o: TDecisionOutcome): DecisionOutcome {
  // Committed: what /serve may show changed (approved, published, reverted…).
  announceServingChange({ productIds: [o.variant, ...o.affected].map((v) => v.productId) });
  return {
    variant: toVariant(o.variant),
    affected: o.affected.map(toVariant),
    decisions: o.decisions.map(toDecision),
    batchId: o.batchId,
    undoExpiresAt: o.batchId ? undoDeadline(o.decidedAt) : null,
    replayed: o.replayed,
  };
}

function validText(text: string): string {
  const t = text.trim();
  if (!t) throw new AppError("BAD_USER_INPUT", "text must not be empty", { field: "text" });
  if (t.length > MAX_VARIANT_TEXT_LENGTH)
    throw new AppError("BAD_USER_INPUT", `text is limited to ${MAX_VARIANT_TEXT_LENGTH} characters`, { field: "text" });
  return t;
}

function validIdempotencyKey(key: string | null | undefined): string | null {
  if (key == null) return null;
  if (!/^[A-Za-z0-9_.:-]{1,100}$/.test(key))
    throw new AppError("BAD_USER_INPUT", "idempotencyKey: 1-100 letters, digits, _ . : -", { field: "idempotencyKey" });
  return key;
}

export async function approve(ctx: TContext, variantId: string, comment?: string | null) {
  assertUuid(variantId, "variantId");
  const outcome = await decideVariant(ctx.services.db.pool, {
    variantId,
    action: "APPROVE",
    actor: reviewActorOf(ctx),
    comment: normalizeComment(comment),
  });
  return toOutcome(outcome);
}

export async function reject(ctx: TContext, variantId: string, reasonCode: string, comment?: string | null) {
  assertUuid(variantId, "variantId");
  const r = validateRejection(reasonCode, comment);
  const outcome = await decideVariant(ctx.services.db.pool, {
    variantId,
    action: "REJECT",
    actor: reviewActorOf(ctx),
    reasonCode: r.reasonCode,
    comment: r.comment,
  });
  return toOutcome(outcome);
}

export async function edit(
  ctx: TContext,
  o: {
    variantId: string;
    action: "EDIT_AND_APPROVE" | "SUBMIT_EDIT";
    text: string;
    comment?: string | null;
    idempotencyKey?: string | null;
  },
) {
  assertUuid(o.variantId, "variantId");
  const outcome = await editVariant(ctx.services.db.pool, {
    variantId: o.variantId,
    action: o.action,
    text: validText(o.text),
    comment: normalizeComment(o.comment),
    idempotencyKey: validIdempotencyKey(o.idempotencyKey),
    actor: reviewActorOf(ctx),
  });
  return toOutcome(outcome);
}

export async function publish(ctx: TContext, variantId: string) {
  assertUuid(variantId, "variantId");
  return toOutcome(await publishVariant(ctx.services.db.pool, { variantId, actor: reviewActorOf(ctx) }));
}

export async function revert(ctx: TContext, productId: string, field: string, locale: string) {
  assertUuid(productId, "productId");
  if (!LOCALE_RE.test(locale))
    throw new AppError("BAD_USER_INPUT", "locale must look like zh, en or zh-CN", { field: "locale" });
  return toOutcome(
    await revertToOriginal(ctx.services.db.pool, { productId, field, locale, actor: reviewActorOf(ctx) }),
  );
}

function toBulkResult(r: TBulkResult): BulkDecisionResult {
  if (!r.preview && r.changed)
    announceServingChange({ variantIds: r.items.filter((i) => i.toStatus).map((i) => i.variantId) });
  return {
    preview: r.preview,
    batchId: r.batchId,
    undoExpiresAt: r.batchId && r.decidedAt ? undoDeadline(r.decidedAt) : null,
    items: r.items.map((i) => ({ ...i, skipped: i.skipped as BulkSkipReason | null })) as BulkDecisionResult["items"],
    changed: r.changed,
    skipped: r.skipped,
  };
}

function validIds(ids: string[]): string[] {
  for (const id of ids) assertUuid(id, "variantIds");
  return ids;
}

export async function bulk(
  ctx: TContext,
  o: {
    variantIds: string[];
    action: "APPROVE" | "REJECT";
    reasonCode?: string | null;
    comment?: string | null;
    preview: boolean;
  },
) {
  let reasonCode: string | null = null;
  let comment: string | null;
  if (o.action === "REJECT") ({ reasonCode, comment } = validateRejection(o.reasonCode, o.comment));
  else {
    if (o.reasonCode)
      throw new AppError("BAD_USER_INPUT", "a reason code goes with REJECT only", { field: "reasonCode" });
    comment = normalizeComment(o.comment);
  }
  const r = await bulkDecide(ctx.services.db.pool, {
    variantIds: validIds(o.variantIds),
    action: o.action,
    reasonCode,
    comment,
    preview: o.preview,
    actor: reviewActorOf(ctx),
  });
  return toBulkResult(r);
}

export async function bulkPublish(ctx: TContext, variantIds: string[], preview: boolean) {
  const r = await bulkDecide(ctx.services.db.pool, {
    variantIds: validIds(variantIds),
    action: "PUBLISH",
    preview,
    actor: reviewActorOf(ctx),
  });
  return toBulkResult(r);
}

/** Permissions of which undoBatch needs one: the batch itself must be the caller's (or they are an admin). */
export const UNDO_PERMISSIONS: readonly TPermission[] = [
  "review:decide",
  "variants:edit",
  "variants:publish",
  "variants:revert",
];

export async function undo(ctx: TContext, batchId: string): Promise<UndoResult> {
  const p = requirePrincipal(ctx);
  if (!UNDO_PERMISSIONS.some((perm) => can(p.role, perm)))
    throw new AppError("FORBIDDEN", `role ${p.role} takes no decisions to undo`);
  assertUuid(batchId, "batchId");
  const r = await undoBatch(ctx.services.db.pool, { batchId, actor: reviewActorOf(ctx) });
  announceServingChange({ productIds: r.variants.map((v) => v.productId) });
  return { ...r, variants: r.variants.map(toVariant), decisions: r.decisions.map(toDecision) };
}

export async function history(ctx: TContext, productId: string): Promise<VariantHistory | null> {
  assertUuid(productId, "productId");
  const product = await ctx.loaders.product.load(productId);
  const scope = merchantScope(ctx);
  if (!product || (scope && product.merchantId !== scope)) return null;
  const h = await variantHistory(ctx.services.db.pool, { productId });
  return { productId, variants: h.variants.map(toVariant), decisions: h.decisions.map(toDecision) };
}

const DIFF_LIMIT = 100_000;

export function textDiff(before: string, after: string, locale?: string | null, base: Variant | null = null): TextDiff {
  if (before.length > DIFF_LIMIT || after.length > DIFF_LIMIT)
    throw new AppError("BAD_USER_INPUT", `texts are limited to ${DIFF_LIMIT} characters`);
  const d = diffTexts(before, after, locale);
  return {
    base,
    mode: d.mode,
    ops: d.ops.map((o) => ({ ...o, op: o.op.toUpperCase() as DiffOpKind })),
    insertedTokens: d.insertedTokens,
    deletedTokens: d.deletedTokens,
    truncated: d.truncated,
  };
}

/**
 * The variant's text against `againstId`, or by default against what it came from: its parent, else
 * the merchant's original of the same field and locale. Null when there is nothing to compare with.
 */
export async function diffOfVariant(ctx: TContext, v: Variant, againstId?: string | null): Promise<TextDiff | null> {
  let base: Variant | null = null;
  if (againstId) base = await getVariant(ctx, againstId);
  else if (v.parentVariantId) base = await getVariant(ctx, v.parentVariantId);
  else {
    const original = await ctx.loaders.originalOfVariant.load(v.id);
    base = original && original.id !== v.id ? toVariant(original) : null;
  }
  if (!base) {
    if (againstId) throw new AppError("NOT_FOUND", `variant ${againstId} not found`);
    return null;
  }
  return textDiff(base.text, v.text, v.locale, base);
}

export async function publishedVariants(
  ctx: TContext,
  o: { merchantId?: string | null; since?: Date | null; first?: number; after?: string | null },
): Promise<PublishedVariantConnection> {
  const take = clampFirst(o.first, 500);
  const merchantId = merchantScope(ctx, o.merchantId ?? null);
  if (merchantId) assertUuid(merchantId, "merchantId");
  let after: { at: Date; id: string } | null = null;
  if (o.after) {
    try {
      const [at, id] = JSON.parse(Buffer.from(o.after, "base64url").toString("utf8")) as [string, string];
      after = { at: new Date(at), id };
      if (Number.isNaN(after.at.getTime()) || !/^[0-9a-f-]{36}$/i.test(id)) throw new Error("bad");
    } catch {
      throw new AppError("BAD_USER_INPUT", "invalid cursor: pass endCursor from a previous page");
    }
  }
  const page = await listPublishedVariants(ctx.services.db.pool, {
    merchantId,
    since: o.since ?? null,
    first: take,
    after,
  });
  const edges = page.rows.map((r) => ({
    node: r as unknown as PublishedVariantConnection["edges"][number]["node"],
    cursor: Buffer.from(JSON.stringify([r.publishedAt.toISOString(), r.variantId])).toString("base64url"),
  }));
  return {
    edges,
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: Boolean(o.after),
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}
