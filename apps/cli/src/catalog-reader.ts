import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { extname } from "node:path";
import { parse } from "csv-parse";
import { csvRecordToRaw, parseJsonlLine, type TRawRow } from "@truecopy/core";

export type TCatalogFormat = "csv" | "jsonl";

export function formatOf(path: string, explicit?: string): TCatalogFormat {
  const f = (explicit ?? extname(path).slice(1)).toLowerCase();
  if (f === "csv") return "csv";
  if (f === "jsonl" || f === "ndjson" || f === "json") return "jsonl";
  throw new Error(`cannot tell the format of ${path}: use .csv or .jsonl, or pass --format csv|jsonl`);
}

/**
 * Streams rows with their numbers (CSV: data rows from 1, header excluded; JSONL: line numbers).
 * Bytes are decoded leniently: invalid UTF-8 becomes U+FFFD, which the row schema reports by field.
 * `onBytes` reports how far the file has been read, for the progress bar.
 */
export async function* readCatalog(
  path: string,
  format: TCatalogFormat,
  onBytes?: (read: number, total: number) => void,
): AsyncGenerator<TRawRow> {
  const total = (await stat(path)).size;
  let read = 0;
  const stream = createReadStream(path, { highWaterMark: 256 * 1024 });
  stream.on("data", (chunk) => {
    read += chunk.length;
    onBytes?.(read, total);
  });
  if (format === "jsonl") {
    const decoder = new TextDecoder("utf-8");
    let pending = "";
    let line = 0;
    for await (const chunk of stream) {
      const lines = (pending + decoder.decode(chunk as Buffer, { stream: true })).split("\n");
      pending = lines.pop() ?? "";
      for (const text of lines) {
        line += 1;
        const row = parseJsonlLine(text, line);
        if (row) yield row;
      }
    }
    pending += decoder.decode();
    if (pending.trim()) {
      const row = parseJsonlLine(pending, line + 1);
      if (row) yield row;
    }
    return;
  }
  const parser = stream.pipe(parse({ columns: true, bom: true, skip_empty_lines: true, relax_column_count: false }));
  let row = 0;
  try {
    for await (const record of parser as AsyncIterable<Record<string, string>>) {
      row += 1;
      const { raw, error } = csvRecordToRaw(record);
      yield error ? { row, raw, error } : { row, raw };
    }
  } catch (e) {
    // csv-parse stops at the first malformed record: report it on its row, keep what came before.
    yield { row: row + 1, raw: null, error: { field: "(csv)", message: `malformed CSV: ${(e as Error).message}` } };
  }
}
