import { csvLine, PUBLISHED_EXPORT_COLUMNS } from "@truecopy/core";
import { iteratePublishedVariants, toPublishedExportRow, type TDatabase } from "@truecopy/db";
import { openExportTarget } from "./export-target.js";

/**
 * Every live text (one PUBLISHED variant per product, field and locale) in the same rows as the HTTP
 * export, oldest first: for shops that sync by file from a job on the database host. `since` keeps
 * only what went live at or after it, so a nightly job can take just the changes.
 */
export async function exportPublishedCommand(
  db: TDatabase,
  o: { format: "jsonl" | "csv"; out?: string; merchant?: string; since?: Date },
): Promise<number> {
  const { merchantId, write, close } = await openExportTarget(db, o);
  // The BOM makes spreadsheet programs read the CSV as UTF-8, as with the HTTP export.
  if (o.format === "csv") await write(`\uFEFF${csvLine(PUBLISHED_EXPORT_COLUMNS)}`);
  let count = 0;
  for await (const row of iteratePublishedVariants(db.pool, { merchantId, since: o.since ?? null })) {
    const r = toPublishedExportRow(row);
    await write(o.format === "csv" ? csvLine(PUBLISHED_EXPORT_COLUMNS.map((c) => r[c])) : `${JSON.stringify(r)}\n`);
    count++;
  }
  await close();
  return count;
}
