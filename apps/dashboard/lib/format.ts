import type { TLocale } from "./i18n/locale";

// British English for "en" (day before month, 24-hour clock), mainland Chinese for "zh".
const INTL_LOCALE: Record<TLocale, string> = { en: "en-GB", zh: "zh-CN" };

const dateTimeFormats: Record<TLocale, Intl.DateTimeFormat> = {
  en: new Intl.DateTimeFormat(INTL_LOCALE.en, {
    year: "numeric",
    month: "short",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
  }),
  zh: new Intl.DateTimeFormat(INTL_LOCALE.zh, {
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hour12: false,
  }),
};

export function formatDateTime(iso: string | null | undefined, locale: TLocale = "en"): string {
  if (!iso) return "—";
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTimeFormats[locale].format(date);
}

export function formatNumber(value: number, locale: TLocale = "en"): string {
  return new Intl.NumberFormat(INTL_LOCALE[locale]).format(value);
}

/** A duration in seconds as the largest unit that fits: "45 s", "12 min", "3 h", "2 d". */
export function formatAge(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h`;
  return `${Math.floor(s / 86_400)} d`;
}

export function formatPrice(
  price: number | null | undefined,
  currency: string | null | undefined,
  locale: TLocale = "en",
): string {
  if (price === null || price === undefined) return "—";
  if (currency && /^[A-Z]{3}$/.test(currency)) {
    try {
      return new Intl.NumberFormat(INTL_LOCALE[locale], { style: "currency", currency }).format(price);
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
