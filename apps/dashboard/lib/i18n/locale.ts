// The interface language: English or Simplified Chinese, chosen with a cookie (set by the language
// switch) and otherwise from the browser's Accept-Language. Pure, so server and client share it.

export const LOCALES = ["en", "zh"] as const;
export type TLocale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: TLocale = "en";
export const LOCALE_COOKIE = "tc_locale";
const LOCALE_COOKIE_MAX_AGE_S = 365 * 24 * 3600;

export function isLocale(value: unknown): value is TLocale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/** The cookie wins; else the first of the browser's languages we speak (by q-value); else English. */
export function resolveLocale(cookie: string | undefined, acceptLanguage: string | null | undefined): TLocale {
  if (isLocale(cookie)) return cookie;
  const ranked = (acceptLanguage ?? "")
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { tag: tag.toLowerCase(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((entry) => entry.tag !== "" && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranked) {
    const primary = tag.split("-")[0];
    if (isLocale(primary)) return primary;
  }
  return DEFAULT_LOCALE;
}

/** BCP 47 tag for `<html lang>` and Intl formatters. */
export function languageTag(locale: TLocale): string {
  return locale === "zh" ? "zh-CN" : "en";
}

export function localeCookie(locale: TLocale): string {
  return `${LOCALE_COOKIE}=${locale}; Path=/; Max-Age=${LOCALE_COOKIE_MAX_AGE_S}; SameSite=Lax`;
}
