import { createWriteStream } from "node:fs";
import { createCatalogImporter, findMerchantBySlugOrId, type TDatabase, type TImportTotals } from "@truecopy/db";
import { formatOf, readCatalog } from "../catalog-reader.js";
import { createProgress } from "../progress.js";
import { waitForJobRuns } from "./wait.js";

export type TImportOptions = {
  file: string;
  merchant?: string;
  format?: string;
  batchSize?: number;
  errorsFile?: string;
  wait?: boolean;
  quiet?: boolean;
};

/** Imports a CSV/JSONL catalog; prints a JSON summary on stdout and row errors on stderr. */
export async function importCommand(
  db: TDatabase,
  o: TImportOptions,
): Promise<{ totals: TImportTotals; exitCode: number }> {
  const format = formatOf(o.file, o.format);
  let defaultMerchantId: string | null = null;
  if (o.merchant) {
    const m = await findMerchantBySlugOrId(db.pool, o.merchant);
    if (!m) throw new Error(`unknown merchant "${o.merchant}" (create it first or check the slug)`);
    defaultMerchantId = m.id;
  }
  const progress = createProgress("import", !o.quiet);
  const importer = createCatalogImporter(db.pool, {
    actor: { actorId: null, actorKind: "cli", requestId: null },
    source: `cli:${format}`,
    defaultMerchantId,
    ...(o.batchSize ? { batchSize: o.batchSize } : {}),
  });
  for await (const row of readCatalog(o.file, format, (read, total) =>
    progress.update(read, total, `${importer.totals().received} rows`),
  )) {
    await importer.add(row.raw, row.row, row.error);
  }
  const totals = await importer.finish();
  progress.finish(`${totals.received} rows`);

  if (o.errorsFile) {
    const out = createWriteStream(o.errorsFile);
    for (const e of totals.errors) out.write(`${JSON.stringify(e)}\n`);
    await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  }
  for (const e of totals.errors.slice(0, 50)) {
    process.stderr.write(`row ${e.row}${e.sku ? ` (sku ${e.sku})` : ""}: ${e.field}: ${e.message}\n`);
  }
  if (totals.errors.length > 50)
    process.stderr.write(
      `… ${totals.errors.length - 50} more errors${o.errorsFile ? ` in ${o.errorsFile}` : " (use --errors FILE to keep them all)"}\n`,
    );

  if (o.wait && totals.jobRunIds.length) await waitForJobRuns(db, totals.jobRunIds, !o.quiet);
  const { errors: _errors, ...summary } = totals;
  process.stdout.write(`${JSON.stringify(summary)}\n`);
  return { totals, exitCode: totals.invalid > 0 ? 1 : 0 };
}
