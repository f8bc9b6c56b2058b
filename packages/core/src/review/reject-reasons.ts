import { AppError } from "../errors.js";
import { MAX_DECISION_COMMENT_LENGTH } from "./review-policy.js";

/** Why a moderator rejected a variant; they feed the per-rule and per-generator reject statistics. */
export const REJECT_REASON_CODES = [
  "EXAGGERATION",
  "UNSUPPORTED_CLAIM",
  "TONE",
  "GRAMMAR",
  "DUPLICATE",
  "OTHER",
] as const;
export type TRejectReasonCode = (typeof REJECT_REASON_CODES)[number];

export const isRejectReasonCode = (v: unknown): v is TRejectReasonCode =>
  typeof v === "string" && (REJECT_REASON_CODES as readonly string[]).includes(v);

/** Trims a comment; empty becomes null; too long is a user error. */
export function normalizeComment(comment: string | null | undefined): string | null {
  const c = comment?.trim() ?? "";
  if (c.length > MAX_DECISION_COMMENT_LENGTH) {
    throw new AppError("BAD_USER_INPUT", `comment is limited to ${MAX_DECISION_COMMENT_LENGTH} characters`, {
      field: "comment",
    });
  }
  return c || null;
}

/**
 * Validates a rejection: a known reason code, and a comment when the reason is OTHER (the code alone
 * says nothing then). Returns the normalised comment.
 */
export function validateRejection(
  reasonCode: unknown,
  comment: string | null | undefined,
): {
  reasonCode: TRejectReasonCode;
  comment: string | null;
} {
  if (!isRejectReasonCode(reasonCode)) {
    throw new AppError("BAD_USER_INPUT", `reasonCode must be one of ${REJECT_REASON_CODES.join(", ")}`, {
      field: "reasonCode",
    });
  }
  const c = normalizeComment(comment);
  if (reasonCode === "OTHER" && !c) {
    throw new AppError("BAD_USER_INPUT", "a rejection with reason OTHER needs a comment saying why", {
      field: "comment",
    });
  }
  return { reasonCode, comment: c };
}
