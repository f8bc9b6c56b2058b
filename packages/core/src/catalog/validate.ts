import { createHash } from "node:crypto";
import type { z } from "zod";
import { ZProductRow, type TProductRow, type TReviewRow } from "./product-row.schema.js";

export type TRowError = { row: number; sku?: string; field: string; message: string };
export type TRowResult =
  { ok: true; row: number; value: TProductRow } | { ok: false; row: number; errors: TRowError[] };

// A key may be any string, even an empty one: the report must still name it.
const keyName = (key: string) => (key.trim() === "" ? JSON.stringify(key) : key);

const fieldOf = (issue: z.core.$ZodIssue): string => {
  if (issue.code === "unrecognized_keys") return issue.keys.map(keyName).join(",");
  return issue.path.length ? issue.path.map(String).join(".") : "(row)";
};

const messageOf = (issue: z.core.$ZodIssue): string => {
  if (issue.code === "unrecognized_keys")
    return `unknown field${issue.keys.length > 1 ? "s" : ""}: ${issue.keys.map(keyName).join(", ")}`;
  return issue.message;
};

/** Validates one raw row (already decoded from CSV or JSON); `row` is the 1-based row number reported back. */
export function validateProductRow(raw: unknown, row: number): TRowResult {
  const parsed = ZProductRow.safeParse(raw);
  if (parsed.success) return { ok: true, row, value: parsed.data };
  const sku =
    raw && typeof raw === "object" && typeof (raw as { sku?: unknown }).sku === "string"
      ? (raw as { sku: string }).sku
      : undefined;
  return {
    ok: false,
    row,
    errors: parsed.error.issues.map((issue) => ({
      row,
      ...(sku !== undefined ? { sku } : {}),
      field: fieldOf(issue),
      message: messageOf(issue),
    })),
  };
}

/** Key order independent JSON, so that the same row always hashes the same. */
export function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** A review's identity: the merchant's id when given, else a digest of author and text. */
export function reviewKey(r: Pick<TReviewRow, "id" | "author" | "text">): string {
  return (
    r.id ??
    createHash("sha256")
      .update(`${r.author ?? ""}\u0000${r.text}`)
      .digest("hex")
      .slice(0, 32)
  );
}

/**
 * Digest of everything an import writes for a product: equal digests mean re-import is a no-op.
 * Reviews are hashed as a set, with their keys filled in, so an exported catalog re-imports unchanged.
 */
export function productContentHash(row: TProductRow): string {
  const { merchant: _merchant, reviews, ...content } = row;
  const canonical = {
    ...content,
    reviews: reviews.map((r) => ({ ...r, id: reviewKey(r) })).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
  };
  return createHash("sha256").update(stableStringify(canonical)).digest("hex");
}
