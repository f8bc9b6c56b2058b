import { createHash } from "node:crypto";

/**
 * The key a generated variant is stored under (`Variant.idempotencyKey`, unique): the same product
 * content, field, locale, style, audience and generator version give the same key, so a re-run —
 * a retried job, the same batch started twice — finds the variant instead of writing a duplicate.
 * A new product version or a new generator version gives a new key (a new candidate).
 */
export function generationIdempotencyKey(o: {
  productId: string;
  /** The product's content version (Product.sourceVersion): its attributes and reviews as generated from. */
  productVersion: number;
  field: string;
  locale: string;
  style: string;
  audience: string | null;
  generator: string;
  generatorVersion: string;
}): string {
  const canonical = JSON.stringify([
    o.productId,
    o.productVersion,
    o.field,
    o.locale.toLowerCase(),
    o.style,
    o.audience ?? "",
    o.generator,
    o.generatorVersion,
  ]);
  return `gen:${createHash("sha256").update(canonical).digest("hex").slice(0, 40)}`;
}
