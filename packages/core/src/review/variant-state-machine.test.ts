import { describe, expect, it } from "vitest";
import { can, ROLES } from "../auth/roles.js";
import {
  ACTION_PERMISSIONS,
  checkTransition,
  checkUndo,
  REVIEW_ACTIONS,
  VARIANT_STATUSES,
  type TReviewAction,
  type TVariantState,
  type TVariantStatus,
} from "./variant-state-machine.js";
import { validateRejection, REJECT_REASON_CODES } from "./reject-reasons.js";
import { queueAgeBucket, slaStatus, withinUndoWindow, QUEUE_AGE_BUCKETS } from "./review-policy.js";

const v = (status: TVariantStatus, over: Partial<TVariantState> = {}): TVariantState => ({
  status,
  origin: "GENERATED",
  verdict: null,
  ...over,
});

// Every (action, status) pair and where it leads; a change to the workflow must change this table.
const EXPECTED: Record<TReviewAction, Partial<Record<TVariantStatus, string>>> = {
  APPROVE: { PENDING_REVIEW: "APPROVED", APPROVED: "NO_CHANGE", BLOCKED: "NEEDS_EDIT" },
  REJECT: { PENDING_REVIEW: "REJECTED", BLOCKED: "REJECTED", REJECTED: "NO_CHANGE" },
  EDIT_AND_APPROVE: { PENDING_REVIEW: "ARCHIVED", BLOCKED: "ARCHIVED" },
  SUBMIT_EDIT: {
    PENDING_REVIEW: "ARCHIVED",
    BLOCKED: "ARCHIVED",
    APPROVED: "APPROVED",
    PUBLISHED: "PUBLISHED",
    REJECTED: "REJECTED",
    ARCHIVED: "ARCHIVED",
  },
  PUBLISH: { APPROVED: "PUBLISHED", PUBLISHED: "NO_CHANGE" },
  REVERT_TO_ORIGINAL: {},
};

describe("variant state machine", () => {
  it("moves each status by each action exactly as the workflow table says", () => {
    for (const action of REVIEW_ACTIONS) {
      if (action === "REVERT_TO_ORIGINAL") continue;
      for (const status of VARIANT_STATUSES) {
        const r = checkTransition(action, v(status));
        const expected = EXPECTED[action][status] ?? "WRONG_STATUS";
        expect(r.ok ? r.to : r.refusal, `${action} from ${status}`).toBe(expected);
      }
    }
  });

  it("refuses to approve or publish text the linter blocked, but lets it be edited or rejected", () => {
    const blocked = v("PENDING_REVIEW", { verdict: "BLOCK" });
    expect(checkTransition("APPROVE", blocked)).toMatchObject({ ok: false, refusal: "NEEDS_EDIT" });
    expect(checkTransition("EDIT_AND_APPROVE", blocked)).toEqual({ ok: true, to: "ARCHIVED" });
    expect(checkTransition("REJECT", blocked)).toEqual({ ok: true, to: "REJECTED" });
    expect(checkTransition("PUBLISH", v("APPROVED", { verdict: "BLOCK" }))).toMatchObject({ refusal: "NEEDS_EDIT" });
    expect(checkTransition("APPROVE", v("PENDING_REVIEW", { verdict: "REVIEW" }))).toEqual({
      ok: true,
      to: "APPROVED",
    });
  });

  it("restores only the merchant's original, from any status but live", () => {
    for (const status of VARIANT_STATUSES) {
      const r = checkTransition("REVERT_TO_ORIGINAL", v(status, { origin: "ORIGINAL" }));
      expect(r.ok ? r.to : r.refusal).toBe(status === "PUBLISHED" ? "NO_CHANGE" : "PUBLISHED");
    }
    expect(checkTransition("REVERT_TO_ORIGINAL", v("ARCHIVED", { origin: "EDITED" }))).toMatchObject({
      refusal: "NOT_ORIGINAL",
    });
  });

  it("needs review:decide to decide, variants:publish to publish; analysts do neither", () => {
    const mayTake = (action: TReviewAction) => ROLES.filter((r) => ACTION_PERMISSIONS[action].every((p) => can(r, p)));
    expect(mayTake("APPROVE")).toEqual(["ADMIN", "MODERATOR"]);
    expect(mayTake("EDIT_AND_APPROVE")).toEqual(["ADMIN", "MODERATOR"]);
    expect(mayTake("PUBLISH")).toEqual(["ADMIN", "MERCHANDISER"]);
    expect(mayTake("SUBMIT_EDIT")).toEqual(["ADMIN", "MODERATOR", "MERCHANDISER"]);
    for (const a of REVIEW_ACTIONS) expect(mayTake(a)).not.toContain("ANALYST");
  });

  it("undoes a decision only while the variant is where the decision left it", () => {
    expect(checkUndo({ toStatus: "APPROVED", undoneAt: null }, "APPROVED")).toEqual({ ok: true });
    expect(checkUndo({ toStatus: "APPROVED", undoneAt: null }, "PUBLISHED")).toMatchObject({ refusal: "WRONG_STATUS" });
    expect(checkUndo({ toStatus: "APPROVED", undoneAt: new Date() }, "APPROVED")).toMatchObject({
      refusal: "NO_CHANGE",
    });
  });
});

describe("rejections", () => {
  it("need a known reason code, and a comment for OTHER", () => {
    expect(REJECT_REASON_CODES).toEqual(["EXAGGERATION", "UNSUPPORTED_CLAIM", "TONE", "GRAMMAR", "DUPLICATE", "OTHER"]);
    expect(validateRejection("TONE", "  ")).toEqual({ reasonCode: "TONE", comment: null });
    expect(validateRejection("OTHER", " wrong product ")).toEqual({ reasonCode: "OTHER", comment: "wrong product" });
    expect(() => validateRejection("OTHER", "")).toThrow(/needs a comment/);
    expect(() => validateRejection("BAD", null)).toThrow(/reasonCode must be one of/);
    expect(() => validateRejection("TONE", "x".repeat(2001))).toThrow(/limited to 2000/);
  });
});

describe("review policy", () => {
  const h = 3_600_000;
  it("marks SLA at risk after 12 h and breached after 24 h", () => {
    expect(slaStatus(11.9 * h)).toBe("OK");
    expect(slaStatus(12.1 * h)).toBe("AT_RISK");
    expect(slaStatus(24.1 * h)).toBe("BREACHED");
    expect(slaStatus(-1000)).toBe("OK");
  });

  it("puts ages into the chart's buckets, the last one open-ended", () => {
    expect(QUEUE_AGE_BUCKETS[queueAgeBucket(0.5 * h)]!.key).toBe("LT_1H");
    expect(QUEUE_AGE_BUCKETS[queueAgeBucket(13 * h)]!.key).toBe("H12_24");
    expect(QUEUE_AGE_BUCKETS[queueAgeBucket(1000 * h)]!.key).toBe("GT_3D");
  });

  it("allows undo for 30 s", () => {
    const t = new Date("2026-11-28T10:00:00Z");
    expect(withinUndoWindow(t, new Date(t.getTime() + 29_000))).toBe(true);
    expect(withinUndoWindow(t, new Date(t.getTime() + 31_000))).toBe(false);
  });
});
