import type { TPermission } from "../auth/roles.js";

// The review workflow as data: which action moves a variant from which status to which, and who may
// take it. The database layer asks `checkTransition` under a row lock; the dashboard may ask it to
// grey out buttons. Nothing else decides a status.

export const VARIANT_STATUSES = [
  "DRAFT",
  "PENDING_REVIEW",
  "APPROVED",
  "PUBLISHED",
  "REJECTED",
  "ARCHIVED",
  "BLOCKED",
] as const;
export type TVariantStatus = (typeof VARIANT_STATUSES)[number];
export type TVariantOrigin = "ORIGINAL" | "GENERATED" | "EDITED" | "LLM";
export type TLintVerdictName = "PASS" | "REVIEW" | "BLOCK";

/** What people do. */
export const REVIEW_ACTIONS = [
  "APPROVE",
  "EDIT_AND_APPROVE",
  "REJECT",
  "SUBMIT_EDIT",
  "PUBLISH",
  "REVERT_TO_ORIGINAL",
] as const;
export type TReviewAction = (typeof REVIEW_ACTIONS)[number];

/**
 * What `Decision.action` records: the actions above, plus SUPERSEDE (a variant replaced by another:
 * the previously live one on publish, a pending one by its edit) and UNDO (the reverse of an undone
 * decision).
 */
export const DECISION_ACTIONS = [...REVIEW_ACTIONS, "SUPERSEDE", "UNDO"] as const;
export type TDecisionAction = (typeof DECISION_ACTIONS)[number];

/** Decisions that count as a review verdict in the statistics (approval rate, reject reasons). */
export const VERDICT_ACTIONS = ["APPROVE", "EDIT_AND_APPROVE", "REJECT"] as const satisfies readonly TDecisionAction[];

/** Statuses a moderator can claim and decide on. PENDING_REVIEW is the queue; BLOCKED is held by the linter. */
export const DECIDABLE_STATUSES = ["PENDING_REVIEW", "BLOCKED"] as const satisfies readonly TVariantStatus[];
export const isDecidable = (s: TVariantStatus) => (DECIDABLE_STATUSES as readonly string[]).includes(s);

/** Permissions an action needs (all of them). */
export const ACTION_PERMISSIONS: Record<TReviewAction, readonly TPermission[]> = {
  APPROVE: ["review:decide"],
  REJECT: ["review:decide"],
  EDIT_AND_APPROVE: ["review:decide", "variants:edit"],
  SUBMIT_EDIT: ["variants:edit"],
  PUBLISH: ["variants:publish"],
  REVERT_TO_ORIGINAL: ["variants:revert"],
};

export type TVariantState = { status: TVariantStatus; origin: TVariantOrigin; verdict: TLintVerdictName | null };

/** Why an action cannot apply to a variant (bulk previews show these per item). */
export type TRefusal =
  | "WRONG_STATUS" // the action does not start from this status
  | "NEEDS_EDIT" // the linter blocked the text: only an edit can get it approved or published
  | "NO_CHANGE" // already in the state the action leads to
  | "NOT_ORIGINAL"; // revert targets the merchant's original only

export type TTransitionCheck = { ok: true; to: TVariantStatus } | { ok: false; refusal: TRefusal; message: string };

const refuse = (refusal: TRefusal, message: string): TTransitionCheck => ({ ok: false, refusal, message });
const wrong = (action: TReviewAction, v: TVariantState) =>
  refuse("WRONG_STATUS", `cannot ${action.toLowerCase().replaceAll("_", " ")} a ${v.status} variant`);

/**
 * The status `action` moves `v` to, or why it cannot. For EDIT_AND_APPROVE and SUBMIT_EDIT the
 * status is the source variant's: the edit itself is a new EDITED child (APPROVED, resp.
 * PENDING_REVIEW) and a source that was waiting for review is superseded by it (ARCHIVED), so the
 * queue holds one proposal per slot.
 */
export function checkTransition(action: TReviewAction, v: TVariantState): TTransitionCheck {
  const blocked = v.status === "BLOCKED" || v.verdict === "BLOCK";
  switch (action) {
    case "APPROVE":
      if (v.status === "APPROVED") return refuse("NO_CHANGE", "already approved");
      if (!isDecidable(v.status)) return wrong(action, v);
      if (blocked) return refuse("NEEDS_EDIT", "the linter blocked this text: edit it, then approve the edit");
      return { ok: true, to: "APPROVED" };
    case "REJECT":
      if (v.status === "REJECTED") return refuse("NO_CHANGE", "already rejected");
      // Verdicts only start from the queue: a second reviewer cannot overturn a fresh approval
      // (the approver can undo it within the window).
      if (!isDecidable(v.status)) return wrong(action, v);
      return { ok: true, to: "REJECTED" };
    case "EDIT_AND_APPROVE":
      if (!isDecidable(v.status)) return wrong(action, v);
      return { ok: true, to: "ARCHIVED" };
    case "SUBMIT_EDIT":
      if (v.status === "DRAFT") return wrong(action, v);
      return { ok: true, to: isDecidable(v.status) ? "ARCHIVED" : v.status };
    case "PUBLISH":
      if (v.status === "PUBLISHED") return refuse("NO_CHANGE", "already published");
      if (v.status !== "APPROVED") return wrong(action, v);
      if (blocked) return refuse("NEEDS_EDIT", "the linter blocked this text since it was approved: edit it first");
      return { ok: true, to: "PUBLISHED" };
    case "REVERT_TO_ORIGINAL":
      if (v.origin !== "ORIGINAL") return refuse("NOT_ORIGINAL", "only the merchant's original can be restored");
      if (v.status === "PUBLISHED") return refuse("NO_CHANGE", "the original is already live");
      return { ok: true, to: "PUBLISHED" };
  }
}

/** The status a new EDITED child starts in. */
export const editedChildStatus = (action: "EDIT_AND_APPROVE" | "SUBMIT_EDIT"): TVariantStatus =>
  action === "EDIT_AND_APPROVE" ? "APPROVED" : "PENDING_REVIEW";

/** A decision can be undone only while its variant still is where the decision left it. */
export function checkUndo(decision: { toStatus: TVariantStatus; undoneAt: Date | null }, current: TVariantStatus) {
  if (decision.undoneAt) return refuse("NO_CHANGE", "already undone");
  if (current !== decision.toStatus)
    return refuse("WRONG_STATUS", `changed since (now ${current}, the decision left it ${decision.toStatus})`);
  return { ok: true as const };
}
