import DataLoader from "dataloader";
import {
  decisionsOfVariants,
  originalsOfVariants,
  reviewItemsByIds,
  type TDatabase,
  type TDecisionRow,
  type TReviewQueueRow,
  type TVariantRow,
} from "@truecopy/db";
import type { TRole } from "@truecopy/core";
import type { ReviewActor } from "../schema/review.types.js";
import { groupBy, rowsByIdLoader } from "./batch-loading.js";

// Per-request batching for the review workflow's field resolvers (decisions, originals, actors).
export type TReviewLoaders = ReturnType<typeof createReviewLoaders>;

export function createReviewLoaders(db: TDatabase) {
  const { pool } = db;
  return {
    /** Variants with their lease, merchant and finding aggregates. */
    reviewRow: new DataLoader<string, (TReviewQueueRow & { merchantId: string }) | null>(async (ids) => {
      const rows = await reviewItemsByIds(pool, ids);
      const byId = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    decisionsByVariant: new DataLoader<string, TDecisionRow[]>(async (ids) => {
      const grouped = groupBy(await decisionsOfVariants(pool, ids), (d) => d.variantId);
      return ids.map((id) => grouped.get(id) ?? []);
    }),
    /** The merchant's ORIGINAL of each variant's product field and locale. */
    originalOfVariant: new DataLoader<string, TVariantRow | null>(async (ids) => {
      const byId = await originalsOfVariants(pool, ids);
      return ids.map((id) => byId.get(id) ?? null);
    }),
    /** Users and API keys by id: who decided, who holds a claim. */
    reviewActor: rowsByIdLoader<ReviewActor & { role: TRole }>(
      db,
      `SELECT id, 'user' AS kind, name, role::text AS role FROM "User" WHERE id = ANY($1::uuid[])
       UNION ALL
       SELECT id, 'api_key' AS kind, name, role::text AS role FROM "ApiKey" WHERE id = ANY($1::uuid[])`,
    ),
  };
}
