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

const text = (max: number, what: string) =>
  z
    .string({ error: (i) => (i.input === undefined ? `${what} is required` : `${what} must be text`) })
    .max(max, { error: (i) => `${what} is ${String((i.input as string).length)} characters; the limit is ${max}` })
    .refine(noControl, { error: `${what} contains control characters` })
    .refine(noReplacementChar, { error: `${what} contains invalid UTF-8 (U+FFFD replacement characters)` });

const attributeValue = z.union([
  z
    .string()
    .max(L.attributeValueLength, { error: `attribute values are limited to ${L.attributeValueLength} characters` }),
  z.number().finite(),
  z.boolean(),
  z.array(z.string().max(L.attributeValueLength)).max(100),
]);

export const ZReviewRow = z.strictObject({
  id: z.string().min(1).max(128).optional(),
  author: z.string().max(200).optional(),
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
  category: z.string().max(200).optional(),
  locale: z
    .string()
    .regex(/^[a-z]{2,3}(-[A-Z][A-Za-z]{1,3})?$/, { error: "locale must look like zh-CN or en-US" })
    .optional(),
  price: z
    .number({ error: "price must be a number" })
    .finite()
    .min(0, { error: "price must not be negative" })
    .max(1e12, { error: "price is too large" })
    .optional(),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, { error: "currency must be an ISO 4217 code such as CNY or USD" })
    .optional(),
  attributes: z
    .record(z.string().min(1).max(L.attributeKeyLength), attributeValue)
    .refine((o) => Object.keys(o).length <= L.attributeKeys, { error: `at most ${L.attributeKeys} attributes` })
    .default({}),
  images: z
    .array(z.string().min(1).max(L.imageRefLength))
    .max(L.images, { error: `at most ${L.images} images` })
    .default([]),
  reviews: z
    .array(ZReviewRow)
    .max(L.reviews, { error: `at most ${L.reviews} reviews per product` })
    .default([]),
});
export type TProductRow = z.infer<typeof ZProductRow>;
export type TProductRowInput = z.input<typeof ZProductRow>;
