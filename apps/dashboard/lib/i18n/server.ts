import { cookies, headers } from "next/headers";
import { LOCALE_COOKIE, resolveLocale } from "./locale";
import type { TLocale } from "./locale";
import { translator } from "./translate";
import type { TTranslate } from "./translate";

/** The request's interface language (server components, layouts, metadata). */
export async function requestLocale(): Promise<TLocale> {
  const [cookieStore, headerList] = await Promise.all([cookies(), headers()]);
  return resolveLocale(cookieStore.get(LOCALE_COOKIE)?.value, headerList.get("accept-language"));
}

export async function serverTranslator(): Promise<{ locale: TLocale; t: TTranslate }> {
  const locale = await requestLocale();
  return { locale, t: translator(locale) };
}
