// Formats of the published-variants export (HTTP and GraphQL share the row shape).

export const PUBLISHED_EXPORT_COLUMNS = [
  "merchant",
  "sku",
  "productId",
  "variantId",
  "field",
  "locale",
  "origin",
  "text",
  "publishedAt",
] as const;
export type TPublishedExportRow = Record<(typeof PUBLISHED_EXPORT_COLUMNS)[number], string>;

// Spreadsheet programs run a cell that starts with one of these as a formula (CSV injection);
// a leading apostrophe makes them show it as text. Tab and CR are on OWASP's list too.
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV cell: formula-safe and always quoted (RFC 4180), so commas, quotes and newlines are data. */
export function csvCell(value: string | number | null | undefined): string {
  let s = value == null ? "" : String(value);
  if (FORMULA_START.test(s)) s = `'${s}`;
  return `"${s.replaceAll('"', '""')}"`;
}

export const csvLine = (values: readonly (string | number | null | undefined)[]) =>
  `${values.map(csvCell).join(",")}\r\n`;
