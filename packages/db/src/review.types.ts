import type { TRole, TVariantStatus, TVariantOrigin, TLintVerdictName } from "@truecopy/core";
import type { TAuditInput } from "./audit.repo.js";

/** Who takes a review action: audit identity plus what the permission checks need. */
export type TReviewActor = Pick<TAuditInput, "actorKind" | "requestId"> & {
  /** User id or API key id: what decisions, claims and audit events record. */
  actorId: string;
  /** Set for people (variants they create record it); null for API keys. */
  userId: string | null;
  role: TRole;
  /** The merchant a merchant-bound actor is confined to; null for staff. */
  scopeMerchantId: string | null;
};

export type TVariantRow = {
  id: string;
  productId: string;
  field: "TITLE" | "BULLETS" | "DESCRIPTION" | "SHORT";
  locale: string;
  text: string;
  origin: TVariantOrigin;
  status: TVariantStatus;
  parentVariantId: string | null;
  generator: string | null;
  generatorVersion: string | null;
  verdict: TLintVerdictName | null;
  lintedAt: Date | null;
  createdById: string | null;
  claimedById: string | null;
  claimExpiresAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
};

/** The columns of TVariantRow, qualified with `alias`. */
export const variantColumns = (alias = "v") =>
  [
    "id",
    "productId",
    "field",
    "locale",
    "text",
    "origin",
    "status",
    "parentVariantId",
    "generator",
    "generatorVersion",
    "verdict",
    "lintedAt",
    "createdById",
    "claimedById",
    "claimExpiresAt",
    "createdAt",
    "updatedAt",
  ]
    .map((c) => `${alias}."${c}"`)
    .join(", ");

export type TDecisionRow = {
  id: string;
  variantId: string;
  actorId: string;
  action: string;
  fromStatus: TVariantStatus;
  toStatus: TVariantStatus;
  reasonCode: string | null;
  comment: string | null;
  batchId: string | null;
  undoneAt: Date | null;
  createdAt: Date;
};

export const DECISION_COLUMNS = `d.id, d."variantId", d."actorId", d.action, d."fromStatus", d."toStatus", d."reasonCode", d.comment, d."batchId", d."undoneAt", d."createdAt"`;

/** Builds positional parameters for hand-written SQL: every value goes through here, never into the text. */
export function sqlParams() {
  const values: unknown[] = [];
  return {
    values,
    add(v: unknown): string {
      values.push(v);
      return `$${values.length}`;
    },
  };
}
