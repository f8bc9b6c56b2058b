import DataLoader from "dataloader";
import {
  feedbackForFindings,
  findingsForVariants,
  type TDatabase,
  type TFindingFeedbackRow,
  type TFindingRow,
} from "@truecopy/db";
import type { Evidence, Finding, FindingFeedback } from "../schema/lint.types.js";
import { VARIANT_COLUMNS, type Variant } from "../schema/variant.types.js";
import { groupBy, rowsByIdLoader } from "./batch-loading.js";

/** Stored evidence as the Evidence type: a list of objects with a source (older rows held `{}`). */
export function toEvidence(value: unknown): Evidence[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((e: unknown) => {
    if (!e || typeof e !== "object") return [];
    const o = e as Record<string, unknown>;
    const str = (k: string) => (typeof o[k] === "string" ? o[k] : null);
    const source = str("source");
    return source
      ? [
          {
            source,
            name: str("name"),
            value: str("value"),
            reviewId: str("reviewId"),
            quote: str("quote"),
            imageId: str("imageId"),
            detail: str("detail"),
          },
        ]
      : [];
  });
}

export const toFinding = ({ ruleId, evidence, ...r }: TFindingRow): Finding => ({
  ...r,
  rule: ruleId,
  category: r.category as Finding["category"],
  severity: r.severity as Finding["severity"],
  evidence: toEvidence(evidence),
});

export const toFindingFeedback = ({ ruleId, ...r }: TFindingFeedbackRow): FindingFeedback => ({
  ...r,
  rule: ruleId,
  kind: r.kind as FindingFeedback["kind"],
});

/** Per-request loaders for variants, their findings and moderators' feedback. */
export function createLintLoaders(db: TDatabase) {
  const { pool } = db;
  return {
    variant: rowsByIdLoader<Variant>(db, `SELECT ${VARIANT_COLUMNS} FROM "Variant" WHERE id = ANY($1::uuid[])`),
    variantsByProduct: new DataLoader<string, Variant[]>(async (ids) => {
      const { rows } = await pool.query<Variant>(
        `SELECT ${VARIANT_COLUMNS} FROM "Variant" WHERE "productId" = ANY($1::uuid[])
         ORDER BY field, locale, "createdAt", id`,
        [ids],
      );
      const grouped = groupBy(rows, (r) => r.productId);
      return ids.map((id) => grouped.get(id) ?? []);
    }),
    findingsByVariant: new DataLoader<string, Finding[]>(async (ids) => {
      const rows = await findingsForVariants(pool, ids);
      const grouped = groupBy(rows, (r) => r.variantId);
      return ids.map((id) => (grouped.get(id) ?? []).map(toFinding));
    }),
    feedbackByFinding: new DataLoader<string, FindingFeedback[]>(async (ids) => {
      const grouped = groupBy(await feedbackForFindings(pool, ids), (r) => r.findingId);
      return ids.map((id) => (grouped.get(id) ?? []).map(toFindingFeedback));
    }),
  };
}
