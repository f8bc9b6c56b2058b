import type pg from "pg";
import { validateProductRow, type TProductRow, type TRowError } from "@truecopy/core";
import { findMerchantBySlugOrId } from "./merchant.repo.js";
import { importProductBatch, MAX_ANALYZE_BATCH, type TImportActor } from "./product-import.repo.js";

export type TImportTotals = {
  received: number;
  created: number;
  updated: number;
  unchanged: number;
  invalid: number;
  errors: TRowError[];
  jobRunIds: string[];
};

export type TCatalogImporter = {
  /** Validates one raw row; valid rows are written in batches, invalid ones reported and never written. */
  add(raw: unknown, row: number, parseError?: { field: string; message: string }): Promise<void>;
  finish(): Promise<TImportTotals>;
  totals(): TImportTotals;
};

const MAX_REPORTED_ERRORS = 1_000;
const MAX_IN_FLIGHT = 2;

/**
 * Streams rows into the catalog. `defaultMerchantId` applies to rows without a `merchant` field;
 * `restrictToMerchantId` (merchant-bound callers) rejects rows for any other merchant.
 */
export function createCatalogImporter(
  pool: pg.Pool,
  o: {
    actor: TImportActor;
    source: string;
    defaultMerchantId: string | null;
    restrictToMerchantId?: string | null;
    batchSize?: number;
    onBatch?: (t: TImportTotals) => void;
  },
): TCatalogImporter {
  // An analyze job takes at most MAX_ANALYZE_BATCH product ids: a batch is never larger.
  const batchSize = Math.min(MAX_ANALYZE_BATCH, Math.max(1, o.batchSize ?? 500));
  const totals: TImportTotals = {
    received: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    invalid: 0,
    errors: [],
    jobRunIds: [],
  };
  const buffers = new Map<string, TProductRow[]>();
  const jobRunByMerchant = new Map<string, string | null>();
  const seen = new Map<string, number>();
  const merchantBySlug = new Map<string, string | null>();

  const reject = (errors: TRowError[]) => {
    totals.invalid += 1;
    for (const e of errors) if (totals.errors.length < MAX_REPORTED_ERRORS) totals.errors.push(e);
  };

  const resolveMerchant = async (slug: string | undefined): Promise<string | null> => {
    if (!slug) return o.defaultMerchantId;
    if (!merchantBySlug.has(slug)) merchantBySlug.set(slug, (await findMerchantBySlugOrId(pool, slug))?.id ?? null);
    return merchantBySlug.get(slug) ?? null;
  };

  const write = async (merchantId: string, rows: TProductRow[]) => {
    const r = await importProductBatch(pool, {
      merchantId,
      rows,
      actor: o.actor,
      source: o.source,
      jobRunId: jobRunByMerchant.get(merchantId) ?? null,
    });
    totals.created += r.created;
    totals.updated += r.updated;
    totals.unchanged += r.unchanged;
    if (r.jobRunId && !jobRunByMerchant.get(merchantId)) {
      jobRunByMerchant.set(merchantId, r.jobRunId);
      totals.jobRunIds.push(r.jobRunId);
    }
    o.onBatch?.(totals);
  };

  // Two batches in flight keep both the database and this process busy (validation overlaps
  // writing). Until a merchant's job run exists its batches go one at a time, so an import
  // reports exactly one run per merchant.
  const inFlight = new Set<Promise<void>>();
  let failure: Error | null = null;
  // A failed batch is reported only after the other batch in flight has settled, so nothing is
  // still writing when the caller closes the pool.
  const rethrow = async () => {
    if (!failure) return;
    await Promise.allSettled(inFlight);
    throw failure;
  };
  const flush = async (merchantId: string) => {
    const rows = buffers.get(merchantId);
    if (!rows?.length) return;
    buffers.set(merchantId, []);
    while (inFlight.size >= MAX_IN_FLIGHT) await Promise.race(inFlight);
    const hasRun = Boolean(jobRunByMerchant.get(merchantId));
    if (!hasRun) await Promise.all(inFlight);
    await rethrow();
    const p: Promise<void> = write(merchantId, rows)
      .catch((e: unknown) => {
        failure ??= e instanceof Error ? e : new Error(JSON.stringify(e));
      })
      .finally(() => inFlight.delete(p));
    inFlight.add(p);
    if (!hasRun) await p;
    await rethrow();
  };

  return {
    totals: () => totals,
    async add(raw, row, parseError) {
      totals.received += 1;
      if (parseError) return reject([{ row, field: parseError.field, message: parseError.message }]);
      const result = validateProductRow(raw, row);
      if (!result.ok) return reject(result.errors);
      const value = result.value;
      const merchantId = await resolveMerchant(value.merchant);
      if (!merchantId) {
        return reject([
          {
            row,
            sku: value.sku,
            field: "merchant",
            message: value.merchant
              ? `unknown merchant "${value.merchant}"`
              : "no merchant: pass one for the import or set the merchant column",
          },
        ]);
      }
      if (o.restrictToMerchantId && merchantId !== o.restrictToMerchantId) {
        return reject([
          { row, sku: value.sku, field: "merchant", message: "you may only import products of your own merchant" },
        ]);
      }
      const key = `${merchantId}\u0000${value.sku}`;
      const first = seen.get(key);
      if (first !== undefined)
        return reject([
          {
            row,
            sku: value.sku,
            field: "sku",
            message: `sku "${value.sku}" already appears in row ${first} of this import`,
          },
        ]);
      seen.set(key, row);
      const buffer = buffers.get(merchantId) ?? [];
      buffer.push(value);
      buffers.set(merchantId, buffer);
      if (buffer.length >= batchSize) await flush(merchantId);
    },
    async finish() {
      for (const merchantId of buffers.keys()) await flush(merchantId);
      await Promise.all(inFlight);
      await rethrow();
      return totals;
    },
  };
}
