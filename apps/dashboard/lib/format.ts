const dateTimeFormat = new Intl.DateTimeFormat("en-GB", {
  year: "numeric",
  month: "short",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
});

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return "—";
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTimeFormat.format(date);
}

export function formatPrice(price: number | null | undefined, currency: string | null | undefined): string {
  if (price === null || price === undefined) return "—";
  if (currency && /^[A-Z]{3}$/.test(currency)) {
    try {
      return new Intl.NumberFormat("en-GB", { style: "currency", currency }).format(price);
    } catch {
      // Unknown ISO code: fall through to the plain number.
    }
  }
  return `${price.toFixed(2)}${currency ? ` ${currency}` : ""}`;
}

export function formatPercent(fraction: number): string {
  const clamped = Math.min(1, Math.max(0, fraction));
  return `${Math.floor(clamped * 100)}%`;
}

const LANGUAGE_NAMES: Record<string, string> = { zh: "Chinese", en: "English", mixed: "Mixed", other: "Other" };

export function languageName(code: string): string {
  return LANGUAGE_NAMES[code] ?? code;
}

/** Attribute values are arbitrary JSON: show scalars as they are and anything else as JSON. */
export function formatAttributeValue(value: unknown): string {
  if (value === null || value === undefined) return "—";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value) && value.every((item) => typeof item === "string" || typeof item === "number")) {
    return value.join(", ");
  }
  return JSON.stringify(value);
}
