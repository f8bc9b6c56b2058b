import { createHash } from "node:crypto";
import type pg from "pg";
import { AppError, applyCorrections, qualityScore, type TQualityCode, type TQualityReport } from "@truecopy/core";
import type { TQueryable } from "./client.js";
import { editVariant, type TDecisionOutcome } from "./decision.repo.js";
import type { TReviewActor } from "./review.types.js";

// Quality of a product's live copy: the text shoppers see in each slot (the PUBLISHED variant of
// title and description in the product's locale, else the merchant's original), scored by core's
// qualityScore. Corrections become a new EDITED variant in review through the review workflow
// (editVariant, SUBMIT_EDIT), which also queues its lint.

export type TLiveText = { variantId: string; text: string } | null;

export type TLiveCopy = {
  productId: string;
  merchantId: string;
  locale: string | null;
  attributes: Record<string, unknown>;
  title: TLiveText;
  description: TLiveText;
  /** The product row's own copy, for products without variants. */
  productTitle: string;
  productDescription: string;
  /** Share of the description inside passages shared with its copy cluster's canonical member. */
  copiedRatio: number;
};

export async function liveCopyOfProducts(db: TQueryable, productIds: readonly string[]): Promise<TLiveCopy[]> {
  if (!productIds.length) return [];
  const { rows } = await db.query<{
    productId: string;
    merchantId: string;
    locale: string | null;
    attributes: Record<string, unknown>;
    productTitle: string;
    productDescription: string;
    titleId: string | null;
    titleText: string | null;
    descriptionId: string | null;
    descriptionText: string | null;
    copied: number | null;
  }>(
    `SELECT p.id AS "productId", p."merchantId", p.locale, p.attributes, p.title AS "productTitle",
       p.description AS "productDescription", t.id AS "titleId", t.text AS "titleText",
       d.id AS "descriptionId", d.text AS "descriptionText", cp.copied
     FROM "Product" p
     LEFT JOIN LATERAL (
       SELECT v.id, v.text FROM "Variant" v
       WHERE v."productId" = p.id AND v.field = 'TITLE' AND v.locale = coalesce(p.locale, 'und')
         AND (v.status = 'PUBLISHED' OR v.origin = 'ORIGINAL')
       ORDER BY (v.status = 'PUBLISHED') DESC, v."updatedAt" DESC LIMIT 1) t ON true
     LEFT JOIN LATERAL (
       SELECT v.id, v.text FROM "Variant" v
       WHERE v."productId" = p.id AND v.field = 'DESCRIPTION' AND v.locale = coalesce(p.locale, 'und')
         AND (v.status = 'PUBLISHED' OR v.origin = 'ORIGINAL')
       ORDER BY (v.status = 'PUBLISHED') DESC, v."updatedAt" DESC LIMIT 1) d ON true
     LEFT JOIN LATERAL (
       SELECT sum((x->>'end')::int - (x->>'start')::int)::float8 AS copied
       FROM "DuplicateClusterMember" m JOIN "DuplicateCluster" c ON c.id = m."clusterId" AND c.kind = 'COPY',
         jsonb_array_elements(m.passages) x
       WHERE m."productId" = p.id AND x->>'field' = 'description') cp ON true
     WHERE p.id = ANY($1::uuid[])`,
    [productIds],
  );
  return rows.map((r) => ({
    productId: r.productId,
    merchantId: r.merchantId,
    locale: r.locale,
    attributes: r.attributes ?? {},
    title: r.titleId ? { variantId: r.titleId, text: r.titleText ?? "" } : null,
    description: r.descriptionId ? { variantId: r.descriptionId, text: r.descriptionText ?? "" } : null,
    productTitle: r.productTitle,
    productDescription: r.productDescription,
    copiedRatio: r.copied && r.productDescription.length ? Math.min(1, r.copied / r.productDescription.length) : 0,
  }));
}

/** The quality report of live copy. */
export function qualityOfLiveCopy(c: TLiveCopy): TQualityReport {
  return qualityScore({
    title: c.title?.text ?? c.productTitle,
    description: c.description?.text ?? c.productDescription,
    attributes: c.attributes,
    locale: c.locale,
    copiedRatio: c.copiedRatio,
  });
}

/**
 * Applies quality corrections to one field's live text as a new EDITED variant pending review.
 * Without `codes`, the corrections safe to apply mechanically (autofix); with them, every
 * correction of those kinds. Applying the same corrections again returns the same variant.
 */
export async function applyQualityCorrections(
  pool: pg.Pool,
  o: {
    productId: string;
    field: "TITLE" | "DESCRIPTION";
    codes?: readonly TQualityCode[] | null;
    actor: TReviewActor;
  },
): Promise<{ outcome: TDecisionOutcome; applied: TQualityCode[] }> {
  const [copy] = await liveCopyOfProducts(pool, [o.productId]);
  if (!copy || (o.actor.scopeMerchantId && copy.merchantId !== o.actor.scopeMerchantId))
    throw new AppError("NOT_FOUND", `product ${o.productId} not found`);
  const live = o.field === "TITLE" ? copy.title : copy.description;
  if (!live) throw new AppError("NOT_FOUND", `product ${o.productId} has no ${o.field.toLowerCase()} text to correct`);
  const report = qualityOfLiveCopy(copy);
  const field = o.field === "TITLE" ? "title" : "description";
  const wanted = o.codes?.length ? new Set(o.codes) : null;
  const chosen = report.corrections.filter((c) => c.field === field && (wanted ? wanted.has(c.code) : c.autofix));
  const text = applyCorrections(live.text, chosen);
  if (!chosen.length || text === live.text)
    throw new AppError(
      "BAD_USER_INPUT",
      wanted
        ? `no ${[...wanted].join(", ")} correction applies to the ${field}`
        : `the ${field} has no correction that can be applied automatically; name the codes to apply`,
      { field: "codes" },
    );
  const applied = [...new Set(chosen.map((c) => c.code))];
  const outcome = await editVariant(pool, {
    variantId: live.variantId,
    action: "SUBMIT_EDIT",
    text,
    comment: `quality corrections: ${applied.join(", ")}`,
    idempotencyKey: `quality:${createHash("sha256").update(`${live.variantId}\n${text}`).digest("hex").slice(0, 32)}`,
    actor: o.actor,
  });
  return { outcome, applied };
}
