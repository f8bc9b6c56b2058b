import { randomUUID } from "node:crypto";
import type pg from "pg";
import {
  AppError,
  checkTransition,
  checkUndo,
  editedChildStatus,
  MAX_BULK_ITEMS,
  UNDO_WINDOW_SECONDS,
  type TDecisionAction,
  type TRefusal,
  type TReviewAction,
  type TVariantStatus,
} from "@truecopy/core";
import { withRetriedTransaction, type TQueryable } from "./client.js";
import { appendAudit } from "./audit.repo.js";
import { enqueueLint } from "./lint.repo.js";
import { queueWebhookEvent } from "./webhook.repo.js";
import {
  DECISION_COLUMNS,
  variantColumns,
  type TDecisionRow,
  type TReviewActor,
  type TVariantRow,
} from "./review.types.js";

// Every status change of a variant happens here, in one transaction with its Decision row(s), its
// audit event(s) and — on publish — its webhook deliveries and outbox rows. Rows are locked in id
// order before anything is written, and the audit chain's lock is taken last, so concurrent
// decisions, publishes and bulk actions cannot deadlock one another.

export type TDecisionOutcome = {
  /** The variant the action was about; for edits the new EDITED child. */
  variant: TVariantRow;
  /** Every variant whose status changed (the source of an edit, the previously live one on publish…). */
  affected: TVariantRow[];
  decisions: TDecisionRow[];
  /** Undo handle; null when nothing was written (`replayed`). */
  batchId: string | null;
  decidedAt: Date;
  /** True when this call repeated one already applied (a retry): nothing new was written. */
  replayed: boolean;
};

type TLocked = TVariantRow & { merchantId: string; heldByOther: boolean };

/** Reads (and, unless `lock` is false, locks) variants in id order. */
async function lockVariants(
  tx: TQueryable,
  ids: readonly string[],
  actorId: string,
  lock = true,
): Promise<Map<string, TLocked>> {
  if (!ids.length) return new Map();
  const { rows } = await tx.query<TLocked>(
    `SELECT ${variantColumns("v")}, p."merchantId",
       (v."claimedById" IS NOT NULL AND v."claimedById" <> $2::uuid AND v."claimExpiresAt" > now()) AS "heldByOther"
     FROM "Variant" v JOIN "Product" p ON p.id = v."productId"
     WHERE v.id = ANY($1::uuid[]) ORDER BY v.id ${lock ? "FOR UPDATE OF v" : ""}`,
    [ids, actorId],
  );
  return new Map(rows.map((r) => [r.id, r]));
}

/** Locks every variant of the given product/field/locale slots (and the given ids), in id order. */
async function lockSlots(
  tx: TQueryable,
  variantIds: readonly string[],
  actorId: string,
  lock = true,
): Promise<Map<string, TLocked>> {
  const { rows } = await tx.query<TLocked>(
    `SELECT ${variantColumns("v")}, p."merchantId",
       (v."claimedById" IS NOT NULL AND v."claimedById" <> $2::uuid AND v."claimExpiresAt" > now()) AS "heldByOther"
     FROM "Variant" v JOIN "Product" p ON p.id = v."productId"
     WHERE (v."productId", v.field, v.locale) IN (
       SELECT t."productId", t.field, t.locale FROM "Variant" t WHERE t.id = ANY($1::uuid[]))
     ORDER BY v.id ${lock ? "FOR UPDATE OF v" : ""}`,
    [variantIds, actorId],
  );
  return new Map(rows.map((r) => [r.id, r]));
}

const inScope = (v: { merchantId: string } | undefined, actor: TReviewActor) =>
  Boolean(v) && (!actor.scopeMerchantId || v!.merchantId === actor.scopeMerchantId);

function requireVisible(v: TLocked | undefined, id: string, actor: TReviewActor): TLocked {
  if (!v || !inScope(v, actor)) throw new AppError("NOT_FOUND", `variant ${id} not found`);
  return v;
}

function requireLease(v: TLocked) {
  if (v.heldByOther)
    throw new AppError("CONFLICT", `another reviewer holds variant ${v.id} until ${v.claimExpiresAt?.toISOString()}`, {
      claimedById: v.claimedById,
      claimExpiresAt: v.claimExpiresAt?.toISOString(),
    });
}

async function setStatus(tx: TQueryable, id: string, status: TVariantStatus): Promise<TVariantRow> {
  // A decision ends any lease on the item.
  const { rows } = await tx.query<TVariantRow>(
    `UPDATE "Variant" v SET status = $2::"VariantStatus", "claimedById" = NULL, "claimExpiresAt" = NULL, "updatedAt" = now()
     WHERE v.id = $1 RETURNING ${variantColumns("v")}`,
    [id, status],
  );
  return rows[0]!;
}

async function insertDecision(
  tx: TQueryable,
  d: {
    variantId: string;
    actorId: string;
    action: TDecisionAction;
    fromStatus: TVariantStatus;
    toStatus: TVariantStatus;
    reasonCode?: string | null;
    comment?: string | null;
    batchId: string;
  },
): Promise<TDecisionRow> {
  const { rows } = await tx.query<TDecisionRow>(
    // clock_timestamp, not now(): decisions of one transaction keep the order they were taken in.
    `INSERT INTO "Decision" AS d (id, "variantId", "actorId", action, "fromStatus", "toStatus", "reasonCode", comment, "batchId", "createdAt")
     VALUES (gen_random_uuid(), $1, $2, $3, $4::"VariantStatus", $5::"VariantStatus", $6, $7, $8, clock_timestamp())
     RETURNING ${DECISION_COLUMNS}`,
    [d.variantId, d.actorId, d.action, d.fromStatus, d.toStatus, d.reasonCode ?? null, d.comment ?? null, d.batchId],
  );
  return rows[0]!;
}

/** Status change + decision + audit event: the unit every action is made of. */
async function decide(
  tx: TQueryable,
  actor: TReviewActor,
  v: TVariantRow,
  d: {
    action: TDecisionAction;
    to: TVariantStatus;
    batchId: string;
    reasonCode?: string | null;
    comment?: string | null;
    audit?: Record<string, unknown>;
  },
): Promise<{ variant: TVariantRow; decision: TDecisionRow }> {
  const variant = await setStatus(tx, v.id, d.to);
  const decision = await insertDecision(tx, {
    variantId: v.id,
    actorId: actor.actorId,
    action: d.action,
    fromStatus: v.status,
    toStatus: d.to,
    reasonCode: d.reasonCode ?? null,
    comment: d.comment ?? null,
    batchId: d.batchId,
  });
  await appendAudit(tx, {
    actorId: actor.actorId,
    actorKind: actor.actorKind,
    requestId: actor.requestId ?? null,
    action: `variant.${d.action.toLowerCase()}`,
    entityType: "Variant",
    entityId: v.id,
    before: { status: v.status },
    after: {
      status: d.to,
      decisionId: decision.id,
      batchId: d.batchId,
      ...(d.reasonCode ? { reasonCode: d.reasonCode } : {}),
      ...(d.comment ? { comment: d.comment } : {}),
      ...d.audit,
    },
  });
  return { variant, decision };
}

async function lastDecision(tx: TQueryable, variantId: string): Promise<TDecisionRow | null> {
  const { rows } = await tx.query<TDecisionRow>(
    `SELECT ${DECISION_COLUMNS} FROM "Decision" d WHERE d."variantId" = $1 AND d."undoneAt" IS NULL
     ORDER BY d."createdAt" DESC, d.id DESC LIMIT 1`,
    [variantId],
  );
  return rows[0] ?? null;
}

function refusalError(id: string, r: { refusal: TRefusal; message: string }): AppError {
  return new AppError("CONFLICT", `variant ${id}: ${r.message}`, { refusal: r.refusal });
}

const stripLock = ({ merchantId: _m, heldByOther: _h, ...v }: TLocked): TVariantRow => v;

/** Approve or reject one variant waiting for review. */
export async function decideVariant(
  pool: pg.Pool,
  o: {
    variantId: string;
    action: "APPROVE" | "REJECT";
    actor: TReviewActor;
    reasonCode?: string | null;
    comment?: string | null;
  },
): Promise<TDecisionOutcome> {
  return withRetriedTransaction(pool, async (tx) => {
    const v = requireVisible(
      (await lockVariants(tx, [o.variantId], o.actor.actorId)).get(o.variantId),
      o.variantId,
      o.actor,
    );
    const check = checkTransition(o.action, v);
    if (!check.ok) {
      // A retry of a call that already went through gets the same answer, not an error.
      const last = check.refusal === "NO_CHANGE" ? await lastDecision(tx, v.id) : null;
      if (
        last &&
        last.action === o.action &&
        last.actorId === o.actor.actorId &&
        last.reasonCode === (o.reasonCode ?? null)
      )
        return {
          variant: stripLock(v),
          affected: [],
          decisions: [last],
          batchId: last.batchId,
          decidedAt: last.createdAt,
          replayed: true,
        };
      throw refusalError(v.id, check);
    }
    requireLease(v);
    const batchId = randomUUID();
    const { variant, decision } = await decide(tx, o.actor, v, {
      action: o.action,
      to: check.to,
      batchId,
      reasonCode: o.reasonCode ?? null,
      comment: o.comment ?? null,
    });
    return {
      variant,
      affected: [variant],
      decisions: [decision],
      batchId,
      decidedAt: decision.createdAt,
      replayed: false,
    };
  });
}

async function insertEditedChild(
  tx: TQueryable,
  o: { parent: TVariantRow; text: string; status: TVariantStatus; actor: TReviewActor; idempotencyKey: string | null },
): Promise<TVariantRow | null> {
  const { rows } = await tx.query<TVariantRow>(
    `INSERT INTO "Variant" AS v (id, "productId", field, locale, text, origin, status, "parentVariantId", "idempotencyKey", "createdById", "updatedAt")
     VALUES (gen_random_uuid(), $1, $2::"VariantField", $3, $4, 'EDITED', $5::"VariantStatus", $6, $7, $8, now())
     ON CONFLICT ("idempotencyKey") DO NOTHING
     RETURNING ${variantColumns("v")}`,
    [
      o.parent.productId,
      o.parent.field,
      o.parent.locale,
      o.text,
      o.status,
      o.parent.id,
      o.idempotencyKey,
      o.actor.userId,
    ],
  );
  return rows[0] ?? null;
}

async function replayOfEdit(
  tx: TQueryable,
  o: { parentId: string; text: string; action: TReviewAction; actorId: string; idempotencyKey: string | null },
): Promise<TDecisionOutcome | null> {
  // By key when the client sent one; otherwise an identical edit of the same source by the same actor.
  const { rows } = await tx.query<TVariantRow>(
    o.idempotencyKey
      ? `SELECT ${variantColumns("v")} FROM "Variant" v WHERE v."idempotencyKey" = $1`
      : `SELECT ${variantColumns("v")} FROM "Variant" v
         WHERE v."parentVariantId" = $1 AND v.origin = 'EDITED' AND v.text = $2
           AND EXISTS (SELECT 1 FROM "Decision" d WHERE d."variantId" = v.id AND d.action = $3 AND d."actorId" = $4 AND d."undoneAt" IS NULL)
         ORDER BY v."createdAt" DESC LIMIT 1`,
    o.idempotencyKey ? [o.idempotencyKey] : [o.parentId, o.text, o.action, o.actorId],
  );
  const child = rows[0];
  if (!child) return null;
  if (child.parentVariantId !== o.parentId)
    throw new AppError("CONFLICT", "this idempotency key was used for an edit of another variant");
  const decisions = await tx.query<TDecisionRow>(
    `SELECT ${DECISION_COLUMNS} FROM "Decision" d WHERE d."variantId" = ANY($1::uuid[]) AND d.action = $2
     ORDER BY d."createdAt", d.id`,
    [[o.parentId, child.id], o.action],
  );
  const last = decisions.rows.at(-1);
  if (decisions.rows.some((d) => d.undoneAt))
    throw new AppError(
      "CONFLICT",
      "the edit made with this idempotency key was undone; send the edit again with a new key",
    );
  return {
    variant: child,
    affected: [],
    decisions: decisions.rows,
    batchId: last?.batchId ?? null,
    decidedAt: last?.createdAt ?? child.createdAt,
    replayed: true,
  };
}

/**
 * A new EDITED child of `variantId` with `text`. EDIT_AND_APPROVE (moderators): the child is
 * APPROVED at once and the source leaves the queue as ARCHIVED. SUBMIT_EDIT (anyone who may edit,
 * e.g. a merchandiser rewording the live copy): the child waits in the queue (PENDING_REVIEW); a
 * source that was itself waiting is superseded (ARCHIVED). Either way the child is queued for
 * linting, so a blocked edit cannot be published.
 */
export async function editVariant(
  pool: pg.Pool,
  o: {
    variantId: string;
    action: "EDIT_AND_APPROVE" | "SUBMIT_EDIT";
    text: string;
    comment?: string | null;
    idempotencyKey?: string | null;
    actor: TReviewActor;
  },
): Promise<TDecisionOutcome> {
  const key = o.idempotencyKey ? `edit:${o.actor.actorId}:${o.idempotencyKey}` : null;
  return withRetriedTransaction(pool, async (tx) => {
    const parent = requireVisible(
      (await lockVariants(tx, [o.variantId], o.actor.actorId)).get(o.variantId),
      o.variantId,
      o.actor,
    );
    const replay = key
      ? await replayOfEdit(tx, {
          parentId: parent.id,
          text: o.text,
          action: o.action,
          actorId: o.actor.actorId,
          idempotencyKey: key,
        })
      : null;
    if (replay) return replay;
    const check = checkTransition(o.action, parent);
    if (!check.ok) {
      const natural = await replayOfEdit(tx, {
        parentId: parent.id,
        text: o.text,
        action: o.action,
        actorId: o.actor.actorId,
        idempotencyKey: null,
      });
      if (natural) return natural;
      throw refusalError(parent.id, check);
    }
    if (o.text === parent.text)
      throw new AppError("BAD_USER_INPUT", "the text is unchanged: approve the variant instead of editing it", {
        field: "text",
      });
    if (check.to !== parent.status) requireLease(parent);
    const batchId = randomUUID();
    const child = await insertEditedChild(tx, {
      parent,
      text: o.text,
      status: "DRAFT",
      actor: o.actor,
      idempotencyKey: key,
    });
    if (!child) throw new AppError("CONFLICT", "an edit with this idempotency key is being saved; retry");
    const decisions: TDecisionRow[] = [];
    const affected: TVariantRow[] = [];
    if (check.to !== parent.status) {
      const source = await decide(tx, o.actor, parent, {
        action: o.action,
        to: check.to,
        batchId,
        comment: o.comment ?? null,
        audit: { editedVariantId: child.id },
      });
      decisions.push(source.decision);
      affected.push(source.variant);
    }
    const created = await decide(tx, o.actor, child, {
      action: o.action,
      to: editedChildStatus(o.action),
      batchId,
      comment: o.comment ?? null,
      audit: { parentVariantId: parent.id, text: o.text, parentText: parent.text },
    });
    decisions.push(created.decision);
    affected.push(created.variant);
    await enqueueLint(tx, [child.id]);
    return {
      variant: created.variant,
      affected,
      decisions,
      batchId,
      decidedAt: created.decision.createdAt,
      replayed: false,
    };
  });
}

/**
 * Makes `target` the live variant of its slot: it becomes PUBLISHED, every other PUBLISHED variant
 * of the same product, field and locale ARCHIVED (one live text per slot), and subscribed webhook
 * endpoints get a `variant.published` delivery. The caller holds the slot's locks.
 */
async function publishInSlot(
  tx: TQueryable,
  o: {
    target: TLocked;
    slot: TLocked[];
    action: "PUBLISH" | "REVERT_TO_ORIGINAL";
    to: TVariantStatus;
    batchId: string;
    actor: TReviewActor;
  },
): Promise<{ variant: TVariantRow; affected: TVariantRow[]; decisions: TDecisionRow[] }> {
  const affected: TVariantRow[] = [];
  const decisions: TDecisionRow[] = [];
  const live = o.slot.filter((s) => s.status === "PUBLISHED" && s.id !== o.target.id);
  for (const previous of live) {
    const r = await decide(tx, o.actor, previous, {
      action: "SUPERSEDE",
      to: "ARCHIVED",
      batchId: o.batchId,
      audit: { replacedBy: o.target.id },
    });
    affected.push(r.variant);
    decisions.push(r.decision);
  }
  const r = await decide(tx, o.actor, o.target, {
    action: o.action,
    to: o.to,
    batchId: o.batchId,
    audit: { replaced: live.map((l) => l.id) },
  });
  affected.unshift(r.variant);
  decisions.push(r.decision);
  await queuePublishedEvent(tx, {
    variant: r.variant,
    merchantId: o.target.merchantId,
    decisionId: r.decision.id,
    reason: o.action === "PUBLISH" ? "publish" : "revert",
    replaced: live.map((l) => l.id),
  });
  return { variant: r.variant, affected, decisions };
}

async function queuePublishedEvent(
  tx: TQueryable,
  o: {
    variant: TVariantRow;
    merchantId: string;
    decisionId: string;
    reason: "publish" | "revert" | "undo";
    replaced: string[];
  },
): Promise<void> {
  const { rows } = await tx.query<{ sku: string; slug: string }>(
    `SELECT p.sku, m.slug FROM "Product" p JOIN "Merchant" m ON m.id = p."merchantId" WHERE p.id = $1`,
    [o.variant.productId],
  );
  await queueWebhookEvent(tx, {
    event: "variant.published",
    eventKey: `variant.published:${o.decisionId}`,
    merchantId: o.merchantId,
    data: {
      reason: o.reason,
      merchant: rows[0]?.slug ?? null,
      sku: rows[0]?.sku ?? null,
      productId: o.variant.productId,
      variantId: o.variant.id,
      field: o.variant.field,
      locale: o.variant.locale,
      origin: o.variant.origin,
      text: o.variant.text,
      replacedVariantIds: o.replaced,
      publishedAt: o.variant.updatedAt.toISOString(),
    },
  });
}

/** Publishes an APPROVED variant (merchandisers and admins); see publishInSlot. */
export async function publishVariant(
  pool: pg.Pool,
  o: { variantId: string; actor: TReviewActor },
): Promise<TDecisionOutcome> {
  return withRetriedTransaction(pool, async (tx) => {
    const slot = await lockSlots(tx, [o.variantId], o.actor.actorId);
    const target = requireVisible(slot.get(o.variantId), o.variantId, o.actor);
    const check = checkTransition("PUBLISH", target);
    if (!check.ok) {
      if (check.refusal === "NO_CHANGE") {
        const last = await lastDecision(tx, target.id);
        return {
          variant: stripLock(target),
          affected: [],
          decisions: last ? [last] : [],
          batchId: last?.batchId ?? null,
          decidedAt: last?.createdAt ?? target.updatedAt,
          replayed: true,
        };
      }
      throw refusalError(target.id, check);
    }
    const batchId = randomUUID();
    const r = await publishInSlot(tx, {
      target,
      slot: [...slot.values()],
      action: "PUBLISH",
      to: check.to,
      batchId,
      actor: o.actor,
    });
    return { ...r, batchId, decidedAt: r.decisions.at(-1)!.createdAt, replayed: false };
  });
}

/** Makes the merchant's ORIGINAL text live again for one product field and locale. */
export async function revertToOriginal(
  pool: pg.Pool,
  o: { productId: string; field: string; locale: string; actor: TReviewActor },
): Promise<TDecisionOutcome> {
  return withRetriedTransaction(pool, async (tx) => {
    const original = await tx.query<{ id: string }>(
      `SELECT id FROM "Variant" WHERE "productId" = $1 AND field = $2::"VariantField" AND locale = $3 AND origin = 'ORIGINAL'`,
      [o.productId, o.field, o.locale],
    );
    const id = original.rows[0]?.id;
    const what = `the original ${o.field} (${o.locale}) of product ${o.productId}`;
    if (!id) throw new AppError("NOT_FOUND", `${what} not found`);
    const slot = await lockSlots(tx, [id], o.actor.actorId);
    const target = slot.get(id);
    if (!target || !inScope(target, o.actor)) throw new AppError("NOT_FOUND", `${what} not found`);
    const check = checkTransition("REVERT_TO_ORIGINAL", target);
    if (!check.ok) {
      if (check.refusal === "NO_CHANGE")
        return {
          variant: stripLock(target),
          affected: [],
          decisions: [],
          batchId: null,
          decidedAt: target.updatedAt,
          replayed: true,
        };
      throw refusalError(id, check);
    }
    const batchId = randomUUID();
    const r = await publishInSlot(tx, {
      target,
      slot: [...slot.values()],
      action: "REVERT_TO_ORIGINAL",
      to: check.to,
      batchId,
      actor: o.actor,
    });
    return { ...r, batchId, decidedAt: r.decisions.at(-1)!.createdAt, replayed: false };
  });
}

export type TBulkAction = "APPROVE" | "REJECT" | "PUBLISH";
export type TBulkSkip = TRefusal | "NOT_FOUND" | "CLAIMED" | "SAME_SLOT";
export type TBulkItem = {
  variantId: string;
  fromStatus: TVariantStatus | null;
  /** Where the item goes (preview) or went; null when skipped. */
  toStatus: TVariantStatus | null;
  skipped: TBulkSkip | null;
  message: string | null;
  /** Publish: the variants it takes off the shelf. */
  supersededVariantIds: string[];
};
export type TBulkResult = {
  preview: boolean;
  batchId: string | null;
  decidedAt: Date | null;
  items: TBulkItem[];
  /** Items that changed (in a preview: that would change). */
  changed: number;
  skipped: number;
};

function planBulk(
  ids: readonly string[],
  locked: Map<string, TLocked>,
  action: TBulkAction,
  actor: TReviewActor,
): (TBulkItem & { row?: TLocked; slot?: TLocked[] })[] {
  const slotsTaken = new Set<string>();
  const bySlot = new Map<string, TLocked[]>();
  for (const v of locked.values()) {
    const k = `${v.productId}|${v.field}|${v.locale}`;
    bySlot.set(k, [...(bySlot.get(k) ?? []), v]);
  }
  return ids.map((id) => {
    const v = locked.get(id);
    const item = {
      variantId: id,
      fromStatus: null,
      toStatus: null,
      skipped: null,
      message: null,
      supersededVariantIds: [],
    };
    if (!v || !inScope(v, actor)) return { ...item, skipped: "NOT_FOUND" as const, message: "not found" };
    const check = checkTransition(action, v);
    if (!check.ok) return { ...item, fromStatus: v.status, skipped: check.refusal, message: check.message };
    if (action !== "PUBLISH" && v.heldByOther)
      return { ...item, fromStatus: v.status, skipped: "CLAIMED" as const, message: "another reviewer holds it" };
    const slotKey = `${v.productId}|${v.field}|${v.locale}`;
    if (action === "PUBLISH") {
      if (slotsTaken.has(slotKey))
        return {
          ...item,
          fromStatus: v.status,
          skipped: "SAME_SLOT" as const,
          message: "another variant of the same product field and locale is published by this action",
        };
      slotsTaken.add(slotKey);
    }
    const slot = bySlot.get(slotKey) ?? [];
    return {
      ...item,
      fromStatus: v.status,
      toStatus: check.to,
      row: v,
      slot,
      supersededVariantIds: action === "PUBLISH" ? slot.filter((s) => s.status === "PUBLISHED").map((s) => s.id) : [],
    };
  });
}

/**
 * Applies one action to many variants in one transaction with a shared batch id (undo handle), or —
 * with `preview` — says per item what would happen, writing nothing. Items that cannot take the
 * action are skipped with the reason, the rest go ahead.
 */
export async function bulkDecide(
  pool: pg.Pool,
  o: {
    variantIds: readonly string[];
    action: TBulkAction;
    reasonCode?: string | null;
    comment?: string | null;
    preview: boolean;
    actor: TReviewActor;
  },
): Promise<TBulkResult> {
  const ids = [...new Set(o.variantIds)];
  if (!ids.length) throw new AppError("BAD_USER_INPUT", "no variant ids given", { field: "variantIds" });
  if (ids.length > MAX_BULK_ITEMS)
    throw new AppError("BAD_USER_INPUT", `a bulk action takes at most ${MAX_BULK_ITEMS} items`, {
      field: "variantIds",
    });
  const plan = async (tx: TQueryable, lock: boolean) => {
    const locked =
      o.action === "PUBLISH"
        ? await lockSlots(tx, ids, o.actor.actorId, lock)
        : await lockVariants(tx, ids, o.actor.actorId, lock);
    return planBulk(ids, locked, o.action, o.actor);
  };
  const strip = ({ row: _r, slot: _s, ...item }: ReturnType<typeof planBulk>[number]): TBulkItem => item;
  if (o.preview) {
    const items = await plan(pool, false);
    const changed = items.filter((p) => p.row).length;
    return {
      preview: true,
      batchId: null,
      decidedAt: null,
      items: items.map(strip),
      changed,
      skipped: items.length - changed,
    };
  }
  return withRetriedTransaction(pool, async (tx) => {
    const items = await plan(tx, true);
    const applicable = items.filter((p) => p.row);
    const result = {
      preview: false,
      items: items.map(strip),
      changed: applicable.length,
      skipped: items.length - applicable.length,
    };
    if (!applicable.length) return { ...result, batchId: null, decidedAt: null };
    const batchId = randomUUID();
    let decidedAt: Date | null = null;
    for (const p of applicable) {
      if (o.action === "PUBLISH") {
        const r = await publishInSlot(tx, {
          target: p.row!,
          slot: p.slot!,
          action: "PUBLISH",
          to: p.toStatus!,
          batchId,
          actor: o.actor,
        });
        decidedAt = r.decisions.at(-1)!.createdAt;
      } else {
        const r = await decide(tx, o.actor, p.row!, {
          action: o.action,
          to: p.toStatus!,
          batchId,
          reasonCode: o.reasonCode ?? null,
          comment: o.comment ?? null,
          audit: { bulk: true },
        });
        decidedAt = r.decision.createdAt;
      }
    }
    return { ...result, batchId, decidedAt };
  });
}

export type TUndoResult = {
  batchId: string;
  /** The batch of the reverse decisions (itself undoable within the window: a redo). */
  undoBatchId: string | null;
  variants: TVariantRow[];
  decisions: TDecisionRow[];
  replayed: boolean;
};

/**
 * Undoes a batch (a single decision or a bulk action) within UNDO_WINDOW_SECONDS: every variant goes
 * back to the status it had, the decisions are marked undone and reverse UNDO decisions recorded.
 * All or nothing: if any variant changed since, nothing is undone (CONFLICT). Only the batch's
 * actor (or an admin) may undo it.
 */
export async function undoBatch(pool: pg.Pool, o: { batchId: string; actor: TReviewActor }): Promise<TUndoResult> {
  return withRetriedTransaction(pool, async (tx) => {
    const { rows: decisions } = await tx.query<TDecisionRow & { ageSeconds: number }>(
      `SELECT ${DECISION_COLUMNS}, extract(epoch FROM now() - d."createdAt")::float8 AS "ageSeconds"
       FROM "Decision" d WHERE d."batchId" = $1 ORDER BY d."createdAt", d.id`,
      [o.batchId],
    );
    if (!decisions.length) throw new AppError("NOT_FOUND", `decision batch ${o.batchId} not found`);
    const locked = await lockVariants(tx, [...new Set(decisions.map((d) => d.variantId))], o.actor.actorId);
    if (decisions.some((d) => !inScope(locked.get(d.variantId), o.actor)))
      throw new AppError("NOT_FOUND", `decision batch ${o.batchId} not found`);
    if (o.actor.role !== "ADMIN" && decisions.some((d) => d.actorId !== o.actor.actorId))
      throw new AppError("FORBIDDEN", "only the reviewer who took these decisions (or an admin) can undo them");
    if (decisions.every((d) => d.undoneAt)) {
      const reverse = await tx.query<TDecisionRow>(
        `SELECT ${DECISION_COLUMNS} FROM "Decision" d
         WHERE d."variantId" = ANY($1::uuid[]) AND d.action = 'UNDO' AND d.comment = $2 ORDER BY d."createdAt", d.id`,
        [[...locked.keys()], undoComment(o.batchId)],
      );
      return {
        batchId: o.batchId,
        undoBatchId: reverse.rows[0]?.batchId ?? null,
        variants: [...locked.values()].map(stripLock),
        decisions: reverse.rows,
        replayed: true,
      };
    }
    const oldest = Math.max(...decisions.map((d) => d.ageSeconds));
    if (oldest > UNDO_WINDOW_SECONDS)
      throw new AppError("CONFLICT", `the undo window of ${UNDO_WINDOW_SECONDS} s for this batch has passed`, {
        refusal: "UNDO_EXPIRED",
      });
    const conflicts = decisions.flatMap((d) => {
      const r = checkUndo(d, locked.get(d.variantId)!.status);
      return r.ok ? [] : [{ variantId: d.variantId, message: r.message }];
    });
    if (conflicts.length)
      throw new AppError("CONFLICT", `cannot undo: ${conflicts.map((c) => `${c.variantId} ${c.message}`).join("; ")}`, {
        conflicts,
      });
    const undoBatchId = randomUUID();
    const reverse: TDecisionRow[] = [];
    const variants = new Map<string, TVariantRow>();
    // Newest first, so a publish is undone before the variant it superseded goes live again.
    for (const d of [...decisions].reverse()) {
      const current = variants.get(d.variantId) ?? locked.get(d.variantId)!;
      const r = await decide(tx, o.actor, current, {
        action: "UNDO",
        to: d.fromStatus,
        batchId: undoBatchId,
        comment: undoComment(o.batchId),
        audit: { undoneDecisionId: d.id, undoneAction: d.action },
      });
      variants.set(d.variantId, r.variant);
      reverse.push(r.decision);
      if (d.fromStatus === "PUBLISHED") {
        const target = locked.get(d.variantId)!;
        const sameSlot = (id: string) => {
          const x = locked.get(id)!;
          return x.productId === target.productId && x.field === target.field && x.locale === target.locale;
        };
        await queuePublishedEvent(tx, {
          variant: r.variant,
          merchantId: target.merchantId,
          decisionId: r.decision.id,
          reason: "undo",
          replaced: decisions
            .filter((x) => x.toStatus === "PUBLISHED" && sameSlot(x.variantId))
            .map((x) => x.variantId),
        });
      }
    }
    await tx.query(`UPDATE "Decision" SET "undoneAt" = now() WHERE "batchId" = $1 AND "undoneAt" IS NULL`, [o.batchId]);
    return { batchId: o.batchId, undoBatchId, variants: [...variants.values()], decisions: reverse, replayed: false };
  });
}

const undoComment = (batchId: string) => `undo of batch ${batchId}`;

export type TVariantHistory = { variants: TVariantRow[]; decisions: TDecisionRow[] };

/** Every variant of a product (lineage via parentVariantId) and every decision on them, oldest first. */
export async function variantHistory(db: TQueryable, o: { productId: string }): Promise<TVariantHistory> {
  const variants = await db.query<TVariantRow>(
    `SELECT ${variantColumns("v")} FROM "Variant" v WHERE v."productId" = $1 ORDER BY v.field, v.locale, v."createdAt", v.id`,
    [o.productId],
  );
  const decisions = await db.query<TDecisionRow>(
    `SELECT ${DECISION_COLUMNS} FROM "Decision" d JOIN "Variant" v ON v.id = d."variantId"
     WHERE v."productId" = $1 ORDER BY d."createdAt", d.id`,
    [o.productId],
  );
  return { variants: variants.rows, decisions: decisions.rows };
}

/** Decisions of many variants, oldest first (for the Variant.decisions loader). */
export async function decisionsOfVariants(db: TQueryable, variantIds: readonly string[]): Promise<TDecisionRow[]> {
  const { rows } = await db.query<TDecisionRow>(
    `SELECT ${DECISION_COLUMNS} FROM "Decision" d WHERE d."variantId" = ANY($1::uuid[]) ORDER BY d."createdAt", d.id`,
    [variantIds],
  );
  return rows;
}

/** Variants by id (for loaders); missing ids are absent from the result. */
export async function variantsByIds(db: TQueryable, ids: readonly string[]): Promise<TVariantRow[]> {
  const { rows } = await db.query<TVariantRow>(
    `SELECT ${variantColumns("v")} FROM "Variant" v WHERE v.id = ANY($1::uuid[])`,
    [ids],
  );
  return rows;
}

/** The ORIGINAL variant of each (product, field, locale) slot the given variants are in. */
export async function originalsOfVariants(
  db: TQueryable,
  variantIds: readonly string[],
): Promise<Map<string, TVariantRow>> {
  const { rows } = await db.query<TVariantRow & { forId: string }>(
    `SELECT ${variantColumns("o")}, v.id AS "forId" FROM "Variant" v
     JOIN "Variant" o ON o."productId" = v."productId" AND o.field = v.field AND o.locale = v.locale AND o.origin = 'ORIGINAL'
     WHERE v.id = ANY($1::uuid[])`,
    [variantIds],
  );
  return new Map(rows.map(({ forId, ...o }) => [forId, o]));
}
