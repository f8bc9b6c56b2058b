"use client";

import { useI18n } from "../lib/i18n/i18n-provider";

/** Toggles the interface between English and Chinese; labelled in the language it switches to. */
export function LocaleSwitch() {
  const { locale, t, setLocale } = useI18n();
  const next = locale === "zh" ? "en" : "zh";
  return (
    <button
      type="button"
      className="button ghost locale-switch"
      data-testid="locale-switch"
      lang={next === "zh" ? "zh-CN" : "en"}
      aria-label={t("locale.switchLabel")}
      onClick={() => setLocale(next)}
    >
      {t("locale.switch")}
    </button>
  );
}
