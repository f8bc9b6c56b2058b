"use client";

import { useRouter } from "next/navigation";
import { createContext, useCallback, useContext, useMemo } from "react";
import type { ReactNode } from "react";
import { languageTag, localeCookie } from "./locale";
import type { TLocale } from "./locale";
import { translator } from "./translate";
import type { TTranslate } from "./translate";

type TI18n = { locale: TLocale; t: TTranslate; setLocale: (locale: TLocale) => void };

const I18nContext = createContext<TI18n | null>(null);

export function I18nProvider({ locale, children }: { locale: TLocale; children: ReactNode }) {
  const router = useRouter();
  const setLocale = useCallback(
    (next: TLocale) => {
      document.cookie = localeCookie(next);
      // Right away for assistive technology; the refresh re-renders server parts in the new language.
      document.documentElement.lang = languageTag(next);
      router.refresh();
    },
    [router],
  );
  const value = useMemo(() => ({ locale, t: translator(locale), setLocale }), [locale, setLocale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): TI18n {
  const value = useContext(I18nContext);
  if (value === null) throw new Error("useI18n needs an I18nProvider above it");
  return value;
}

export function useT(): TTranslate {
  return useI18n().t;
}
