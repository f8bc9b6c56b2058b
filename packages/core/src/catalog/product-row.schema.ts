import { z } from "zod";

// Limits are part of the import contract (docs/import.md); they keep one bad row from costing
// the database or the worker more than a real product would.
export const IMPORT_LIMITS = {
  skuLength: 128,
  titleLength: 500,
  descriptionLength: 100_000,
  attributeKeys: 200,
  attributeKeyLength: 100,
  attributeValueLength: 2_000,
  reviews: 1_000,
  reviewLength: 10_000,
  images: 50,
  imageRefLength: 2_048,
} as const;

const L = IMPORT_LIMITS;
const noControl = (s: string) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(s);
const noReplacementChar = (s: string) => !s.includes("\uFFFD");
// A lone UTF-16 surrogate cannot be stored (PostgreSQL text and jsonb are UTF-8).
const wellFormed = (s: string) => !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);

/**
 * Every string the import stores goes through here: a value the database would refuse (NUL, lone
 * surrogates) must fail validation on its own row, never abort a batch of good rows.
 */
const text = (max: number, what: string) =>
  z
    .string({ error: (i) => (i.input === undefined ? `${what} is required` : `${what} must be text`) })
    .max(max, { error: (i) => `${what} is ${String((i.input as string).length)} characters; the limit is ${max}` })
    .refine(noControl, { error: `${what} contains control characters` })
    .refine(wellFormed, { error: `${what} contains invalid Unicode (a lone surrogate)` })
    .refine(noReplacementChar, { error: `${what} contains invalid UTF-8 (U+FFFD replacement characters)` });

const attributeValue = z.union([
  text(L.attributeValueLength, "attribute value"),
  z.number().finite(),
  z.boolean(),
  z.array(text(L.attributeValueLength, "attribute value")).max(100, { error: "at most 100 values per attribute" }),
]);

export const ZReviewRow = z.strictObject({
  id: text(128, "review id")
    .refine((s) => s.length > 0, { error: "review id is empty" })
    .optional(),
  author: text(200, "review author").optional(),
  rating: z
    .number()
    .int({ error: "rating must be a whole number" })
    .min(1, { error: "rating must be between 1 and 5" })
    .max(5, { error: "rating must be between 1 and 5" })
    .optional(),
  text: text(L.reviewLength, "review text").refine((s) => s.trim().length > 0, { error: "review text is empty" }),
});
export type TReviewRow = z.infer<typeof ZReviewRow>;

export const ZProductRow = z.strictObject({
  merchant: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, { error: "merchant must be a merchant slug (a-z, 0-9, -)" })
    .optional(),
  sku: text(L.skuLength, "sku")
    .transform((s) => s.trim())
    .refine((s) => s.length > 0, { error: "sku is empty" })
    .refine((s) => !/\s/.test(s), { error: "sku must not contain whitespace" }),
  title: text(L.titleLength, "title").refine((s) => s.trim().length > 0, { error: "title is empty" }),
  description: text(L.descriptionLength, "description").default(""),
  category: text(200, "category").optional(),
  locale: z
    .string()
    .regex(/^[a-z]{2,3}(-[A-Z][A-Za-z]{1,3})?$/, { error: "locale must look like zh-CN or en-US" })
    .optional(),
  price: z
    .number({ error: "price must be a number" })
    .finite()
    .min(0, { error: "price must not be negative" })
    // The column is DECIMAL(14, 2).
    .max(999_999_999_999.99, { error: "price is too large" })
    .optional(),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, { error: "currency must be an ISO 4217 code such as CNY or USD" })
    .optional(),
  attributes: z
    .record(
      text(L.attributeKeyLength, "attribute name").refine((k) => k.trim().length > 0, {
        error: "attribute name is empty",
      }),
      attributeValue,
    )
    .refine((o) => Object.keys(o).length <= L.attributeKeys, { error: `at most ${L.attributeKeys} attributes` })
    .default({}),
  images: z
    .array(text(L.imageRefLength, "image").refine((s) => s.trim().length > 0, { error: "image is empty" }))
    .max(L.images, { error: `at most ${L.images} images` })
    .default([]),
  reviews: z
    .array(ZReviewRow)
    .max(L.reviews, { error: `at most ${L.reviews} reviews per product` })
    .default([]),
});
export type TProductRow = z.infer<typeof ZProductRow>;
export type TProductRowInput = z.input<typeof ZProductRow>;
