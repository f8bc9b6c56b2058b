import { createWriteStream } from "node:fs";
import type { Writable } from "node:stream";
import { csvLine, PUBLISHED_EXPORT_COLUMNS } from "@truecopy/core";
import { findMerchantBySlugOrId, iteratePublishedVariants, toPublishedExportRow, type TDatabase } from "@truecopy/db";

/**
 * Every live text (one PUBLISHED variant per product, field and locale) in the same rows as the HTTP
 * export, oldest first: for shops that sync by file from a job on the database host. `since` keeps
 * only what went live at or after it, so a nightly job can take just the changes.
 */
export async function exportPublishedCommand(
  db: TDatabase,
  o: { format: "jsonl" | "csv"; out?: string; merchant?: string; since?: Date },
): Promise<number> {
  let merchantId: string | null = null;
  if (o.merchant) {
    const m = await findMerchantBySlugOrId(db.pool, o.merchant);
    if (!m) throw new Error(`unknown merchant "${o.merchant}"`);
    merchantId = m.id;
  }
  const out: Writable = o.out ? createWriteStream(o.out) : process.stdout;
  const write = (s: string) =>
    out.write(s) ? Promise.resolve() : new Promise<void>((r) => out.once("drain", () => r()));
  // The BOM makes spreadsheet programs read the CSV as UTF-8, as with the HTTP export.
  if (o.format === "csv") await write(`\uFEFF${csvLine(PUBLISHED_EXPORT_COLUMNS)}`);
  let count = 0;
  for await (const row of iteratePublishedVariants(db.pool, { merchantId, since: o.since ?? null })) {
    const r = toPublishedExportRow(row);
    await write(o.format === "csv" ? csvLine(PUBLISHED_EXPORT_COLUMNS.map((c) => r[c])) : `${JSON.stringify(r)}\n`);
    count++;
  }
  if (o.out) await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
  return count;
}
