import { parse } from "csv-parse/sync";

// CSV columns: sku, title, description, category, locale, price, currency, merchant,
// attributes (a JSON object), `attr:<name>` (one attribute per column), images (separated by |),
// reviews (a JSON array of {id?, author?, rating?, text}). Empty cells mean "absent".
const JSON_COLUMNS = new Set(["attributes", "reviews"]);
const PLAIN_COLUMNS = new Set(["sku", "title", "description", "category", "locale", "currency", "merchant"]);

export type TRawRow = { row: number; raw: unknown; error?: { field: string; message: string } };

/** Turns one CSV record (header → cell) into the raw object the row schema validates. */
export function csvRecordToRaw(record: Record<string, string>): {
  raw: Record<string, unknown>;
  error?: { field: string; message: string };
} {
  const raw: Record<string, unknown> = {};
  const attributes: Record<string, unknown> = {};
  for (const [column, cell] of Object.entries(record)) {
    const name = column.trim();
    if (cell === "" || cell === undefined) continue;
    if (name.startsWith("attr:")) {
      attributes[name.slice(5).trim()] = cell;
    } else if (JSON_COLUMNS.has(name)) {
      try {
        raw[name] = JSON.parse(cell);
      } catch {
        return { raw, error: { field: name, message: `${name} must be valid JSON` } };
      }
    } else if (name === "price") {
      const n = Number(cell.replace(/,/g, ""));
      raw.price = Number.isFinite(n) && cell.trim() !== "" ? n : cell;
    } else if (name === "images") {
      raw.images = cell
        .split("|")
        .map((s) => s.trim())
        .filter(Boolean);
    } else if (PLAIN_COLUMNS.has(name)) {
      raw[name] = cell;
    } else {
      raw[name] = cell; // unknown column: the schema reports it by name
    }
  }
  if (Object.keys(attributes).length) {
    raw.attributes = { ...(raw.attributes && typeof raw.attributes === "object" ? raw.attributes : {}), ...attributes };
  }
  return { raw };
}

/** Parses a whole CSV document (the dashboard's upload). Rows are numbered from 1, header excluded. */
export function parseCsvCatalog(content: string): TRawRow[] {
  let records: Record<string, string>[];
  try {
    records = parse(content.replace(/^\uFEFF/, ""), {
      columns: true,
      skip_empty_lines: true,
      relax_column_count: false,
      trim: false,
    });
  } catch (e) {
    const err = e as { message?: string; lines?: number; records?: number };
    const row = typeof err.records === "number" ? err.records + 1 : 0;
    return [{ row, raw: null, error: { field: "(csv)", message: `malformed CSV: ${err.message ?? String(e)}` } }];
  }
  return records.map((record, i) => {
    const { raw, error } = csvRecordToRaw(record);
    return error ? { row: i + 1, raw, error } : { row: i + 1, raw };
  });
}

/** Parses JSON Lines: one product object per non-empty line; rows are line numbers. */
export function parseJsonlCatalog(content: string): TRawRow[] {
  const out: TRawRow[] = [];
  content.split(/\r?\n/).forEach((line, i) => {
    const parsed = parseJsonlLine(line, i + 1);
    if (parsed) out.push(parsed);
  });
  return out;
}

export function parseJsonlLine(line: string, row: number): TRawRow | null {
  const trimmed = line.replace(/^\uFEFF/, "").trim();
  if (!trimmed) return null;
  try {
    return { row, raw: JSON.parse(trimmed) };
  } catch (e) {
    return { row, raw: null, error: { field: "(json)", message: `line is not valid JSON: ${(e as Error).message}` } };
  }
}
