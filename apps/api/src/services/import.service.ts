import { AppError, parseCsvCatalog, parseJsonlCatalog, type TRawRow } from "@truecopy/core";
import { createCatalogImporter, findMerchantBySlugOrId } from "@truecopy/db";
import type { TContext } from "../context.js";
import { merchantScope, requirePrincipal } from "../auth/auth-checker.js";
import { ImportFormat, type ImportResult, type ProductInput } from "../schema/types.js";

export const MAX_IMPORT_ROWS = 10_000;
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

async function resolveMerchant(ctx: TContext, merchantId: string | null | undefined): Promise<string> {
  const scoped = merchantScope(ctx, merchantId ?? null);
  if (!scoped) throw new AppError("BAD_USER_INPUT", "merchantId is required", { field: "merchantId" });
  const merchant = await findMerchantBySlugOrId(ctx.services.db.pool, scoped);
  if (!merchant) throw new AppError("NOT_FOUND", `merchant ${scoped} not found`, { field: "merchantId" });
  if (merchantScope(ctx) && merchant.id !== merchantScope(ctx))
    throw new AppError("FORBIDDEN", "you may only import into your own merchant");
  return merchant.id;
}

async function runImport(ctx: TContext, merchantId: string, rows: TRawRow[], source: string): Promise<ImportResult> {
  const principal = requirePrincipal(ctx);
  const importer = createCatalogImporter(ctx.services.db.pool, {
    actor: { actorId: principal.id, actorKind: principal.kind, requestId: ctx.requestId },
    source,
    defaultMerchantId: merchantId,
    restrictToMerchantId: merchantId,
  });
  for (const r of rows) await importer.add(r.raw, r.row, r.error);
  const totals = await importer.finish();
  return {
    received: totals.received,
    created: totals.created,
    updated: totals.updated,
    unchanged: totals.unchanged,
    invalid: totals.invalid,
    errors: totals.errors.map((e) => ({ row: e.row, sku: e.sku ?? null, field: e.field, message: e.message })),
    jobRunId: totals.jobRunIds[0] ?? null,
  };
}

// GraphQL input objects arrive with null for omitted optional fields; the row schema wants them absent.
const dropNulls = (o: object): Record<string, unknown> =>
  Object.fromEntries(
    Object.entries(o as Record<string, unknown>)
      .filter(([, v]) => v !== null && v !== undefined)
      .map(([k, v]) => [
        k,
        Array.isArray(v) ? v.map((x: unknown) => (x && typeof x === "object" ? dropNulls(x) : x)) : v,
      ]),
  );

export async function importProducts(
  ctx: TContext,
  merchantId: string | null | undefined,
  products: ProductInput[],
): Promise<ImportResult> {
  if (products.length > MAX_IMPORT_ROWS)
    throw new AppError("BAD_USER_INPUT", `at most ${MAX_IMPORT_ROWS} products per call; split the import`);
  const id = await resolveMerchant(ctx, merchantId);
  return runImport(
    ctx,
    id,
    products.map((p, i) => ({ row: i + 1, raw: dropNulls(p) })),
    "graphql",
  );
}

export async function importProductsFile(
  ctx: TContext,
  merchantId: string | null | undefined,
  format: ImportFormat,
  content: string,
): Promise<ImportResult> {
  if (Buffer.byteLength(content, "utf8") > MAX_IMPORT_BYTES)
    throw new AppError(
      "BAD_USER_INPUT",
      `file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB; use the CLI for large imports`,
    );
  const id = await resolveMerchant(ctx, merchantId);
  const rows = format === ImportFormat.CSV ? parseCsvCatalog(content) : parseJsonlCatalog(content);
  if (rows.length > MAX_IMPORT_ROWS)
    throw new AppError("BAD_USER_INPUT", `at most ${MAX_IMPORT_ROWS} rows per upload; use the CLI for large imports`);
  return runImport(ctx, id, rows, `upload:${format.toLowerCase()}`);
}
