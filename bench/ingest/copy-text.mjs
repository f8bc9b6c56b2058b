// COPY's text format: one line per row, tab between columns, \N for NULL, and backslash escapes
// for the characters that would otherwise end a column or a row.
const SPECIAL = /[\\\t\n\r]/g;
const ESCAPES = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };

/** One column value in COPY text format; objects become JSON (for jsonb columns). */
export function copyValue(value) {
  if (value === null || value === undefined) return "\\N";
  const text = typeof value === "object" ? JSON.stringify(value) : String(value);
  return text.replace(SPECIAL, (c) => ESCAPES[c]);
}

/** One row (an array of column values) as a COPY text line, newline included. */
export function copyLine(values) {
  return `${values.map(copyValue).join("\t")}\n`;
}
